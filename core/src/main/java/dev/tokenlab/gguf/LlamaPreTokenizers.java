package dev.tokenlab.gguf;

import dev.tokenlab.pretokenize.Cl100kScanner;
import dev.tokenlab.pretokenize.Gpt2Scanner;
import dev.tokenlab.pretokenize.PreTokenizer;
import dev.tokenlab.pretokenize.RegexPreTokenizer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pre-tokenizers of llama.cpp's byte-level BPE ({@code llm_tokenizer_bpe}), by {@code tokenizer.ggml.pre}
 * name: the same regexes, in the same order, with the same {@code ignore_merges} and {@code add_bos} settings.
 * Where llama.cpp runs a hand-written splitter (GPT-2's, Llama 3's and Qwen 2's patterns), core's scanner for that
 * pattern runs ({@link Gpt2Scanner}, {@link Cl100kScanner#LLAMA3}, {@link Cl100kScanner#QWEN}: each equals
 * llama.cpp's splitter given the same character classes); every other regex runs as written on
 * {@link RegexPreTokenizer}. Either way it runs on the text as llama.cpp's regex sees it ({@link LlamaSplitter}).
 */
final class LlamaPreTokenizers {
    private LlamaPreTokenizers() {
    }

    /**
     * One pre-tokenizer type.
     *
     * @param id           llama.cpp's name for it ({@code LLAMA_VOCAB_PRE_TYPE_…} without the prefix, lower case)
     * @param regexes      llama.cpp's regexes, applied in turn, each to the pieces of the one before
     * @param ignoreMerges a piece that is a token is that token, unmerged
     * @param addBos       the default of {@code add_bos} this type sets
     */
    record Type(String id, List<String> regexes, boolean ignoreMerges, boolean addBos) {
    }

    static final String GPT2 = "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)";
    static final String LLAMA3 = "(?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}"
            + "| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";
    static final String QWEN2 = "(?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}"
            + "| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";
    private static final String CJK_SPLIT = "[^(\\s|.,!?…。，、।۔،)]+";

    private static final Map<String, Type> BY_NAME = new LinkedHashMap<>();

    static {
        Type llama3 = new Type("llama3", List.of(LLAMA3), true, true);
        Type dbrx = new Type("dbrx", List.of(LLAMA3), false, false);
        Type deepseekLlm = new Type("deepseek_llm", List.of(
                "[\r\n]",
                "\\s?[A-Za-zµÀ-ÖØ-öø-ƺƼ-ƿǄ-ʓʕ-ʯͰ-ͳͶͷͻ-ͽͿΆΈ-ΊΌΎ-ΡΣ-ϵϷ-ҁҊ-ԯԱ-ՖႠ-ჅᎠ-Ᏽᏸ-ᏽᲐ-ᲺᲽ-Ჿᴀ-ᴫᵫ-ᵷᵹ-ᶚḀ-ἕἘ-Ἕἠ-ὅὈ-Ὅὐ-ὗὙὛὝὟ-ώᾀ-ᾴᾶ-ᾼιῂ-ῄῆ-ῌῐ-ΐῖ-Ίῠ-Ῥῲ-ῴῶ-ῼℂℇℊ-ℓℕℙ-ℝℤΩℨK-ℭℯ-ℴℹℼ-ℿⅅ-ⅉⅎↃↄⰀ-ⱻⱾ-ⳤⳫ-ⳮⳲⳳꙀ-ꙭꚀ-ꚛꜢ-ꝯꝱ-ꞇꞋ-ꞎꭰ-ꮿﬀ-ﬆﬓ-ﬗＡ-Ｚａ-ｚ𐐀-𐑏𐒰-𐓓𐓘-𐓻𐲀-𐲲𐳀-𐳲𑢠-𑣟𞤀-𞥃]+",
                "\\s?[!-/:-~！-／：-～‘-‟　-。]+",
                "\\s+$",
                "[一-龥ࠀ-一가-퟿]+",
                "\\p{N}+"), false, false);
        Type deepseek3 = new Type("deepseek3_llm", List.of(
                "\\p{N}{1,3}",
                "[一-龥぀-ゟ゠-ヿ]+",
                "[!\"#$%&'()*+,\\-./:;<=>?@\\[\\\\\\]^_`{|}~][A-Za-z]+|[^\r\n\\p{L}\\p{P}\\p{S}]?[\\p{L}\\p{M}]+| ?[\\p{P}\\p{S}]+[\r\n]*"
                        + "|\\s*[\r\n]+|\\s+(?!\\S)|\\s+"), false, false);
        Type falcon = new Type("falcon", List.of("[\\p{P}\\$\\+<=>\\^~\\|`]+", GPT2, "[0-9][0-9][0-9]"), false, false);
        Type starcoder = new Type("starcoder", List.of("\\p{N}", GPT2), false, false);
        Type gpt2 = new Type("gpt2", List.of(GPT2), false, false);
        Type qwen2 = new Type("qwen2", List.of(QWEN2), false, false);
        Type poro = new Type("poro", List.of(" ?" + CJK_SPLIT), false, false);
        Type viking = new Type("viking", List.of(" ?" + CJK_SPLIT, "\\p{N}"), false, false);
        Type tekken = new Type("tekken", List.of(
                "[^\\r\\n\\p{L}\\p{N}]?((?=[\\p{L}])([^a-z]))*((?=[\\p{L}])([^A-Z]))+|[^\\r\\n\\p{L}\\p{N}]?((?=[\\p{L}])([^a-z]))+"
                        + "((?=[\\p{L}])([^A-Z]))*|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n/]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+"), true, true);
        Type gpt4o = new Type("gpt4o", List.of(
                "[^\\r\\n\\p{L}\\p{N}]?((?=[\\p{L}])([^a-z]))*((?=[\\p{L}])([^A-Z]))+(?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])?"
                        + "|[^\\r\\n\\p{L}\\p{N}]?((?=[\\p{L}])([^a-z]))+((?=[\\p{L}])([^A-Z]))*(?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])?"
                        + "|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n/]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+"), false, false);
        Type defaults = new Type("default", List.of("[\\p{P}\\$\\+<=>\\^~\\|]+", GPT2, "\\p{N}+", "[0-9][0-9][0-9]"), false, false);

        put(defaults, "default");
        put(llama3, "llama3", "llama-v3", "llama-bpe", "falcon3", "falcon-h1", "pixtral", "midm-2.0", "lfm2", "jina-v5-nano");
        put(deepseekLlm, "deepseek-llm");
        put(deepseek3, "deepseek-v3", "hunyuan-dense", "joyai-llm");
        put(falcon, "falcon");
        put(gpt2, "gpt-2", "phi-2", "jina-es", "jina-de", "gigachat", "jina-v2-es", "jina-v2-de", "a.x-4.0", "mellum", "modern-bert",
                "jina-v1-en", "jina-v2-code", "roberta-bpe", "mpt", "olmo", "jais", "exaone4", "trillion", "granite-docling");
        put(starcoder, "starcoder", "refact", "command-r", "smollm", "codeshell", "exaone", "minerva-7b", "mellum2");
        put(qwen2, "qwen2", "deepseek-r1-qwen", "kormo", "f2llmv2", "megrez", "stablelm2", "hunyuan", "solar-open");
        put(dbrx, "dbrx", "smaug-bpe");
        put(poro, "poro-chat", "bloom", "gpt3-finnish");
        put(viking, "viking");
        put(tekken, "tekken");
        put(gpt4o, "gpt-4o", "llama4", "kanana2", "talkie", "minimax-m2");
    }

    private static void put(Type t, String... names) {
        for (String n : names) {
            BY_NAME.put(n, t);
        }
    }

    /** The type llama.cpp gives {@code tokenizer.ggml.pre} = {@code name}, or null if Tokenlab does not know it. */
    static Type type(String name) {
        return BY_NAME.get(name);
    }

    /** The names Tokenlab knows. */
    static List<String> names() {
        return new ArrayList<>(BY_NAME.keySet());
    }

    /** The splitter for a type: each regex on core's scanner for it or on the regex engine. */
    static LlamaSplitter splitter(Type type) {
        List<LlamaSplitter.Level> levels = new ArrayList<>();
        for (String regex : type.regexes()) {
            levels.add(new LlamaSplitter.Level(preTokenizer(regex), usesCategories(regex)));
        }
        return new LlamaSplitter(levels);
    }

    private static PreTokenizer preTokenizer(String regex) {
        return switch (regex) {
            case GPT2 -> Gpt2Scanner.INSTANCE;
            case LLAMA3 -> Cl100kScanner.LLAMA3;
            case QWEN2 -> Cl100kScanner.QWEN;
            default -> new RegexPreTokenizer(regex);
        };
    }

    /**
     * Whether llama.cpp runs the regex on its "collapsed" text (every non-ASCII code point replaced by one byte
     * standing for its category): it does when the regex names a category, {@code \p{N}} … {@code \p{Lo}}. Its
     * hand-written splitters classify with the same categories, so they count as collapsed too.
     */
    static boolean usesCategories(String regex) {
        for (String c : List.of("\\p{N}", "\\p{L}", "\\p{P}", "\\p{M}", "\\p{S}", "\\p{Lu}", "\\p{Ll}", "\\p{Lt}", "\\p{Lm}", "\\p{Lo}")) {
            if (regex.contains(c)) {
                return true;
            }
        }
        return false;
    }
}
