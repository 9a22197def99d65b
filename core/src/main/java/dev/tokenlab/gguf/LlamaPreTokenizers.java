package dev.tokenlab.gguf;

import dev.tokenlab.pretokenize.Cl100kScanner;
import dev.tokenlab.pretokenize.Gpt2Scanner;
import dev.tokenlab.pretokenize.PreTokenizer;
import dev.tokenlab.regex.RegexPreTokenizer;

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
    private static final String CJK_SPLIT = "[^(\\s|.,!?\u2026\u3002\uFF0C\u3001\u0964\u06D4\u060C)]+";

    private static final Map<String, Type> BY_NAME = new LinkedHashMap<>();

    static {
        Type llama3 = new Type("llama3", List.of(LLAMA3), true, true);
        Type dbrx = new Type("dbrx", List.of(LLAMA3), false, false);
        Type deepseekLlm = new Type("deepseek_llm", List.of(
                "[\r\n]",
                "\\s?[A-Za-z\u00B5\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u01BA\u01BC-\u01BF\u01C4-\u0293\u0295-\u02AF\u0370-\u0373\u0376\u0377\u037B-\u037D\u037F\u0386\u0388-\u038A\u038C\u038E-\u03A1\u03A3-\u03F5\u03F7-\u0481\u048A-\u052F\u0531-\u0556\u10A0-\u10C5\u13A0-\u13F5\u13F8-\u13FD\u1C90-\u1CBA\u1CBD-\u1CBF\u1D00-\u1D2B\u1D6B-\u1D77\u1D79-\u1D9A\u1E00-\u1F15\u1F18-\u1F1D\u1F20-\u1F45\u1F48-\u1F4D\u1F50-\u1F57\u1F59\u1F5B\u1F5D\u1F5F-\u1F7D\u1F80-\u1FB4\u1FB6-\u1FBC\u1FBE\u1FC2-\u1FC4\u1FC6-\u1FCC\u1FD0-\u1FD3\u1FD6-\u1FDB\u1FE0-\u1FEC\u1FF2-\u1FF4\u1FF6-\u1FFC\u2102\u2107\u210A-\u2113\u2115\u2119-\u211D\u2124\u2126\u2128\u212A-\u212D\u212F-\u2134\u2139\u213C-\u213F\u2145-\u2149\u214E\u2183\u2184\u2C00-\u2C7B\u2C7E-\u2CE4\u2CEB-\u2CEE\u2CF2\u2CF3\uA640-\uA66D\uA680-\uA69B\uA722-\uA76F\uA771-\uA787\uA78B-\uA78E\uAB70-\uABBF\uFB00-\uFB06\uFB13-\uFB17\uFF21-\uFF3A\uFF41-\uFF5A\uD801\uDC00-\uD801\uDC4F\uD801\uDCB0-\uD801\uDCD3\uD801\uDCD8-\uD801\uDCFB\uD803\uDC80-\uD803\uDCB2\uD803\uDCC0-\uD803\uDCF2\uD806\uDCA0-\uD806\uDCDF\uD83A\uDD00-\uD83A\uDD43]+",
                "\\s?[!-/:-~\uFF01-\uFF0F\uFF1A-\uFF5E\u2018-\u201F\u3000-\u3002]+",
                "\\s+$",
                "[\u4E00-\u9FA5\u0800-\u4E00\uAC00-\uD7FF]+",
                "\\p{N}+"), false, false);
        Type deepseek3 = new Type("deepseek3_llm", List.of(
                "\\p{N}{1,3}",
                "[\u4E00-\u9FA5\u3040-\u309F\u30A0-\u30FF]+",
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
