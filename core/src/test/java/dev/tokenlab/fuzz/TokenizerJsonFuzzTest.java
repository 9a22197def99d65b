package dev.tokenlab.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tokenlab.SpecialTokens;
import dev.tokenlab.TokenSpan;
import dev.tokenlab.Tokenizer;
import dev.tokenlab.TokenizerException;
import dev.tokenlab.TokenizerOptions;
import dev.tokenlab.hf.pipeline.ByteLevelAlphabet;
import dev.tokenlab.hf.pretokenizers.ByteLevel;
import dev.tokenlab.pretokenize.Cl100kScanner;
import dev.tokenlab.pretokenize.O200kScanner;
import dev.tokenlab.testing.ModelBytes;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Coverage-guided fuzzing of the {@code tokenizer.json} reader and of what it builds. A file either
 * loads or fails with a {@link TokenizerException}; a tokenizer that loads encodes, counts, tokenizes
 * and decodes any text, failing only with a {@link TokenizerException} (a special token refused by the
 * policy, an id outside the vocabulary). Anything else (an OutOfMemoryError from a count in the file,
 * a StackOverflowError from nesting or from a pattern, an ArrayIndexOutOfBounds, a hang past Jazzer's
 * timeout) is a finding.
 *
 * <ul>
 *   <li>{@link #anyBytes}: arbitrary bytes as a {@code tokenizer.json} file, loaded as users load it
 *       ({@link ModelBytes}: a file on disk, then {@code Tokenizers.load});</li>
 *   <li>{@link #structured}: a {@code tokenizer.json} built from the fuzzer's choices: normalizers,
 *       pre-tokenizers, models, decoders and post-processors of every kind the reader knows (and some it
 *       does not), small vocabularies and merges, added tokens with random flags, patterns from a list
 *       that includes catastrophic ones for a backtracking engine, huge and negative counts, deep
 *       nesting, wrong types, missing fields, invalid UTF-8 and lone surrogates; then a few texts made of
 *       the file's own tokens, long runs and odd characters.</li>
 * </ul>
 *
 * <p>A normal build replays the seeds and past findings in
 * {@code testdata/fuzz/TokenizerJsonFuzzTestInputs}; findings not fixed yet wait in
 * {@code testdata/fuzz/open-findings} (see its README). Fuzzing for real: {@code .ci/fuzz}, or
 * {@code JAZZER_FUZZ=1 mvn -o -pl core surefire:test -Dtest=TokenizerJsonFuzzTest#structured} (see testdata/README.md).
 */
class TokenizerJsonFuzzTest {

    /** Texts every tokenizer that loads from arbitrary bytes must handle (long runs: a backtracking regex recurses per repetition). */
    private static final List<String> PROBES = List.of("", "Hello wörld, 123 😀\n  x", "a".repeat(64) + "!", " ".repeat(40) + "x",
            "a".repeat(5000) + "!", "ab".repeat(2500) + "\n",
            "e\u0301\u0000\uD800 \uFEFF<s></s><|endoftext|>[CLS]▁Ġ##ing 日本語 ١٢٣");

    @FuzzTest(maxDuration = "10s")
    void anyBytes(byte[] data) {
        Tokenizer t;
        try {
            t = ModelBytes.load(data, "tokenizer.json");
        } catch (TokenizerException expected) {
            return;
        }
        for (String text : PROBES) {
            exercise(t, text, SpecialTokens.allowAll(), new int[] {-1, 0, 1, 255, 256, t.vocabularySize() - 1, t.vocabularySize()});
        }
    }

    @FuzzTest(maxDuration = "10s")
    void structured(FuzzedDataProvider data) {
        Generator g = new Generator(data);
        byte[] json = g.tokenizerJson();
        TokenizerOptions options = TokenizerOptions.defaults().addSpecialTokens(data.consumeBoolean());
        Tokenizer t;
        try {
            t = ModelBytes.load(json, "tokenizer.json", options);
        } catch (TokenizerException expected) {
            return;
        }
        t.describe();
        int texts = data.consumeInt(1, 3);
        for (int i = 0; i < texts; i++) {
            SpecialTokens policy = switch (data.consumeInt(0, 2)) {
                case 0 -> SpecialTokens.asText();
                case 1 -> SpecialTokens.allowAll();
                default -> SpecialTokens.disallowAll();
            };
            int[] ids = new int[data.consumeInt(0, 4)];
            for (int k = 0; k < ids.length; k++) {
                ids[k] = data.consumeBoolean() ? data.consumeInt(-2, 300) : data.consumeInt();
            }
            exercise(t, g.text(), policy, ids);
        }
    }

    /**
     * Encodes, counts, tokenizes and decodes {@code text}; decodes {@code ids} one by one and together.
     * Count, encode and tokenize agree; only {@link TokenizerException}s may escape, and are swallowed.
     */
    private static void exercise(Tokenizer t, String text, SpecialTokens policy, int[] ids) {
        try {
            int[] encoded = t.encode(text, policy);
            assertEquals(encoded.length, t.count(text, policy));
            List<TokenSpan> spans = t.tokenize(text, policy);
            assertArrayEquals(encoded, spans.stream().mapToInt(TokenSpan::id).toArray());
            t.decodeChecked(encoded);
            t.decodeBytes(encoded);
        } catch (TokenizerException expected) {
            // a refused special token, or an id the decoder does not know (a post-processor's, say)
        }
        for (int id : ids) {
            try {
                t.tokenBytes(id);
                t.piece(id);
                t.isSpecial(id);
                t.decode(new int[] {id});
            } catch (TokenizerException expected) {
                // an id outside the vocabulary
            }
        }
        try {
            t.decode(ids);
        } catch (TokenizerException expected) {
            // as above
        }
    }

    // ------------------------------------------------------------------------------------------------
    // The structured generator

    /** A JSON string written as raw bytes between the quotes (invalid UTF-8, say). */
    private record Raw(byte[] bytes) {
    }

    /** Builds a tokenizer.json from the fuzzer's choices. Values are Maps, Lists, Strings, Raws, Numbers, Booleans or null. */
    static final class Generator {
        /** Regex patterns: real ones (the scanners core has and the regex engine's), catastrophic ones, broken ones. */
        static final List<String> PATTERNS = List.of(
                // catastrophic for a backtracking engine
                "(a+)+$", "(a|aa)*b", "(\\s*)*x", "(a*)*b", "(.*a){12}", "((a+)+)+c", "(\\w+\\s?)+$", "(x+x+)+y", "(a|a?)+b",
                "(\\p{L}|\\p{Ll})*!", "(?:a|b|ab)*c", "(.*)*\\d",
                // huge counts
                "a{1000000}", "(a{1000}){1000}", "a{2147483647}", "a{0,2147483647}", "[\\s\\S]{0,65535}x", "((ab){500}){500}", "\\p{L}{99999}",
                // real pre-tokenizer patterns
                ByteLevel.GPT2_PATTERN, Cl100kScanner.LLAMA3_PATTERN, Cl100kScanner.QWEN_PATTERN, Cl100kScanner.CL100K_PATTERN,
                O200kScanner.PATTERN, "\\p{N}{1,3}", "[\u4e00-\u9fa5\u3040-\u309f\u30a0-\u30ff]+", " ?\\p{L}+", "\\s+", "\\s+(?!\\S)", "\\d",
                "[!\"#$%&'()*+,\\-./:;<=>?@\\[\\\\\\]^_`{|}~][A-Za-z]+|[^\r\n\\p{L}\\p{P}\\p{S}]?[\\p{L}\\p{M}]+| ?[\\p{P}\\p{S}]+[\r\n]*|\\s*[\r\n]+|\\s+(?!\\S)|\\s+",
                // empty matches, anchors, lookaround, backreferences, flags
                "", "^", "$", "\\b", "(?=a)", "a|", "a*", "(?<=a)b", "(a)\\1", "(?<x>a)\\k<x>", "(?i)abc", "a*+", "(?>a+)b", "\\X", "\\R",
                // broken or unusual
                "[", "(", "\\", "a{2,1}", "\\p{Unknown}", "[^]", "\\u{110000}", "(?P<n>a)", "[[:alpha:]]", "\\Q.*", "\uD800", "\u0000");
        static final String[] ALPHABET = {"a", "b", "c", "ab", "▁", "Ġ", "##", " ", "\n", "é", "e\u0301", "日", "😀", "<", ">", "0", "1",
                "<0x41>", "<unk>", "[UNK]", "</w>", "\u0000", "\uFFFD", "A", "Ċ"};

        private final FuzzedDataProvider data;
        private final List<String> tokens = new ArrayList<>();
        private final List<String> added = new ArrayList<>();
        /** Whether one string of this file is still to get bytes that are not UTF-8. */
        private boolean corrupt;

        Generator(FuzzedDataProvider data) {
            this.data = data;
        }

        byte[] tokenizerJson() {
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("version", rare(16) ? pick("2.0", null, "") : "1.0");
            root.put("truncation", null);
            root.put("padding", null);
            Object model = model();
            root.put("added_tokens", addedTokens());
            root.put("normalizer", maybe(this::normalizer));
            root.put("pre_tokenizer", maybe(this::preTokenizer));
            root.put("post_processor", maybe(this::postProcessor));
            root.put("decoder", maybe(this::decoder));
            root.put("model", model);
            if (rare(32)) {
                root.put(str(8), value()); // an unknown top-level key
            }
            if (rare(16)) {
                root.remove(pick("model", "normalizer", "added_tokens", "pre_tokenizer"));
            }
            corrupt = rare(8);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            write(mutate(root), out, rare(8));
            return out.toByteArray();
        }

        /** A text to encode: pieces of the file's own tokens, random text, long runs and odd characters. */
        String text() {
            StringBuilder sb = new StringBuilder();
            int parts = data.consumeInt(0, 8);
            for (int i = 0; i < parts && sb.length() < 20_000; i++) {
                switch (data.consumeInt(0, 7)) {
                    case 0 -> sb.append(data.consumeString(24));
                    case 1 -> sb.append(tokens.isEmpty() ? "x" : tokens.get(data.consumeInt(0, tokens.size() - 1)));
                    case 2 -> sb.append(added.isEmpty() ? "<s>" : added.get(data.consumeInt(0, added.size() - 1)));
                    case 3 -> sb.append(pick("a", " ", "ab", "\n", "é", "1", "😀", "\uD800", "x\u0301").repeat(data.consumeInt(1, 3000)));
                    case 4 -> sb.append(ALPHABET[data.consumeInt(0, ALPHABET.length - 1)]);
                    case 5 -> sb.append(pick(" ", "  ", "\t", "\r\n", "\u3000", "\u00A0"));
                    case 6 -> sb.append("a".repeat(data.consumeInt(20, 64))).append(pick("!", "b", "x", "", "c"));
                    default -> sb.appendCodePoint(data.consumeInt(0, Character.MAX_CODE_POINT));
                }
            }
            return sb.toString();
        }

        // ---- models

        private Object model() {
            return switch (data.consumeInt(0, 4)) {
                case 0, 1 -> bpe();
                case 2 -> wordPiece();
                case 3 -> unigram();
                default -> wordLevel();
            };
        }

        /** A BPE whose merges mostly hold (a + b is in the vocabulary); byte-level (all 256 bytes) or characters. */
        private Map<String, Object> bpe() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", pick("BPE", "BPE", "BPE", null));
            boolean byteLevel = data.consumeBoolean();
            Map<String, Object> vocab = new LinkedHashMap<>();
            if (byteLevel && !rare(4)) {
                for (int b = 0; b < 256; b++) {
                    addToken(vocab, String.valueOf(ByteLevelAlphabet.charOf(b)));
                }
            } else {
                int n = data.consumeInt(0, 12);
                for (int i = 0; i < n; i++) {
                    addToken(vocab, symbol());
                }
            }
            String prefix = rare(4) ? pick("##", "", "▁") : null;
            List<Object> merges = new ArrayList<>();
            int n = data.consumeInt(0, 24);
            List<String> known = new ArrayList<>(vocab.keySet());
            for (int i = 0; i < n && !known.isEmpty(); i++) {
                String a = known.get(data.consumeInt(0, known.size() - 1));
                String b = known.get(data.consumeInt(0, known.size() - 1));
                String merged = a + (prefix != null && b.startsWith(prefix) ? b.substring(prefix.length()) : b);
                if (!rare(16)) {
                    addToken(vocab, merged);
                    known.add(merged);
                }
                merges.add(switch (data.consumeInt(0, 5)) {
                    case 0 -> List.of(a, b);
                    case 1 -> a + " " + b + (rare(8) ? " c" : "");
                    case 2 -> rare(8) ? List.of(a) : List.of(a, b);
                    default -> a + " " + b;
                });
            }
            if (rare(8)) {
                vocab.put(pick("<unk>", "[UNK]", "x"), hugeOrSmall());
            }
            oddId(vocab);
            m.put("vocab", vocab);
            m.put("merges", merges);
            m.put("dropout", rare(16) ? pick(0.0, 0.5) : null);
            m.put("unk_token", data.consumeBoolean() ? pick("<unk>", "[UNK]", "a", "missing") : null);
            m.put("continuing_subword_prefix", prefix);
            m.put("end_of_word_suffix", rare(4) ? pick("</w>", "", "w") : null);
            m.put("fuse_unk", data.consumeBoolean());
            m.put("byte_fallback", data.consumeBoolean());
            m.put("ignore_merges", data.consumeBoolean());
            if (data.consumeBoolean()) {
                for (int b = 0; b < 256; b += data.consumeInt(1, 64)) {
                    addToken(vocab, String.format("<0x%02X>", b));
                }
            }
            return m;
        }

        private Map<String, Object> wordPiece() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", pick("WordPiece", "WordPiece", null));
            Map<String, Object> vocab = new LinkedHashMap<>();
            String unk = pick("[UNK]", "<unk>");
            addToken(vocab, unk);
            int n = data.consumeInt(0, 16);
            for (int i = 0; i < n; i++) {
                String s = symbol();
                addToken(vocab, data.consumeBoolean() ? "##" + s : s);
            }
            oddId(vocab);
            m.put("vocab", vocab);
            m.put("unk_token", rare(16) ? "missing" : unk);
            m.put("continuing_subword_prefix", pick("##", "##", "", "▁"));
            m.put("max_input_chars_per_word", count());
            return m;
        }

        private Map<String, Object> unigram() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", pick("Unigram", "Unigram", null));
            List<Object> vocab = new ArrayList<>();
            int n = data.consumeInt(0, 20);
            for (int i = 0; i < n; i++) {
                String piece = i == 0 ? pick("<unk>", "a") : symbol();
                tokens.add(piece);
                Object score = switch (data.consumeInt(0, 7)) {
                    case 0 -> pick(0.0, -1e300, 1e300, 5.0, -0.0);
                    case 7 -> rare(8) ? "x" : (Object) 0.0;
                    default -> -data.consumeInt(0, 2000) / 100.0;
                };
                vocab.add(rare(64) ? List.of(piece) : List.of(piece, score));
            }
            if (data.consumeBoolean()) {
                for (int b = 0; b < 256; b += data.consumeInt(1, 64)) {
                    vocab.add(List.of(String.format("<0x%02X>", b), -10.0));
                }
            }
            m.put("vocab", vocab);
            m.put("unk_id", rare(16) ? hugeOrSmall() : data.consumeBoolean() ? null : (Object) 0);
            m.put("byte_fallback", data.consumeBoolean());
            return m;
        }

        private Map<String, Object> wordLevel() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", pick("WordLevel", "WordLevel", null));
            Map<String, Object> vocab = new LinkedHashMap<>();
            int n = data.consumeInt(0, 16);
            for (int i = 0; i < n; i++) {
                addToken(vocab, symbol());
            }
            oddId(vocab);
            m.put("vocab", vocab);
            m.put("unk_token", pick("[UNK]", "a", "<unk>"));
            return m;
        }

        private void addToken(Map<String, Object> vocab, String token) {
            if (!vocab.containsKey(token)) {
                vocab.put(token, vocab.size());
                tokens.add(token);
            }
        }

        /** Rarely, one token of the vocabulary gets an id that hurts (huge, negative, a duplicate, a fraction). */
        private void oddId(Map<String, Object> vocab) {
            if (!vocab.isEmpty() && rare(16)) {
                List<String> keys = new ArrayList<>(vocab.keySet());
                vocab.put(keys.get(data.consumeInt(0, keys.size() - 1)), data.consumeBoolean() ? (Object) 0 : hugeOrSmall());
            }
        }

        /** A fuzzer string for the file; lone surrogates (which the JSON reader refuses, as serde_json does) only rarely. */
        private String str(int max) {
            String s = data.consumeString(max);
            return rare(16) ? s : s.replaceAll("\\p{Cs}", "\uFFFD");
        }

        /** A short token spelling from the alphabet. */
        private String symbol() {
            StringBuilder sb = new StringBuilder();
            int n = data.consumeInt(1, 3);
            for (int i = 0; i < n; i++) {
                sb.append(ALPHABET[data.consumeInt(0, ALPHABET.length - 1)]);
            }
            return sb.toString();
        }

        private List<Object> addedTokens() {
            List<Object> list = new ArrayList<>();
            int n = data.consumeInt(0, 6);
            for (int i = 0; i < n; i++) {
                Map<String, Object> t = new LinkedHashMap<>();
                String content = switch (data.consumeInt(0, 4)) {
                    case 0 -> tokens.isEmpty() ? "" : tokens.get(data.consumeInt(0, tokens.size() - 1));
                    case 1 -> str(6);
                    default -> pick("<s>", "</s>", "<unk>", "[CLS]", "[SEP]", "<|endoftext|>", "a", " ", "", "ab", "▁", "\uD800", "<mask>");
                };
                added.add(content);
                t.put("id", data.consumeBoolean() ? hugeOrSmall() : (Object) (tokens.size() + i));
                t.put("content", content);
                t.put("single_word", data.consumeBoolean());
                t.put("lstrip", data.consumeBoolean());
                t.put("rstrip", data.consumeBoolean());
                t.put("normalized", data.consumeBoolean());
                t.put("special", data.consumeBoolean());
                list.add(t);
            }
            return list;
        }

        // ---- components

        private Object normalizer() {
            return normalizer(nesting());
        }

        private Object normalizer(int depth) {
            if (depth > 0) {
                return obj("type", "Sequence", "normalizers", List.of(normalizer(depth - 1)));
            }
            Map<String, Object> n = new LinkedHashMap<>();
            String type = pick("NFC", "NFD", "NFKC", "NFKD", "Lowercase", "StripAccents", "Strip", "Prepend", "Replace", "Nmt", "ByteLevel",
                    "Precompiled", "BertNormalizer", "Sequence", "Unknown");
            n.put("type", type);
            switch (type) {
                case "Strip" -> {
                    n.put("strip_left", data.consumeBoolean());
                    n.put("strip_right", data.consumeBoolean());
                }
                case "Prepend" -> n.put("prepend", pick("▁", " ", "", "ab", "\uD800"));
                case "Replace" -> {
                    n.put("pattern", pattern());
                    n.put("content", pick("▁", " ", "", "$1", "aa"));
                }
                case "Precompiled" -> n.put("precompiled_charsmap", switch (data.consumeInt(0, 3)) {
                    case 0 -> null;
                    case 1 -> "not base64!";
                    default -> Base64.getEncoder().encodeToString(data.consumeBytes(data.consumeInt(0, 64)));
                });
                case "BertNormalizer" -> {
                    n.put("clean_text", data.consumeBoolean());
                    n.put("handle_chinese_chars", data.consumeBoolean());
                    n.put("strip_accents", pick(null, true, false));
                    n.put("lowercase", data.consumeBoolean());
                }
                case "Sequence" -> {
                    List<Object> steps = new ArrayList<>();
                    int k = data.consumeInt(0, 3);
                    for (int i = 0; i < k; i++) {
                        steps.add(normalizer(0));
                    }
                    n.put("normalizers", steps);
                }
                default -> {
                }
            }
            return n;
        }

        private Object preTokenizer() {
            return preTokenizer(nesting());
        }

        private Object preTokenizer(int depth) {
            if (depth > 0) {
                return obj("type", "Sequence", "pretokenizers", List.of(preTokenizer(depth - 1)));
            }
            Map<String, Object> p = new LinkedHashMap<>();
            String type = pick("ByteLevel", "ByteLevel", "Split", "Split", "Whitespace", "WhitespaceSplit", "Digits", "Punctuation",
                    "CharDelimiterSplit", "FixedLength", "Metaspace", "BertPreTokenizer", "UnicodeScripts", "Sequence", "Sequence", "Nope");
            p.put("type", type);
            switch (type) {
                case "ByteLevel" -> {
                    p.put("add_prefix_space", data.consumeBoolean());
                    p.put("trim_offsets", data.consumeBoolean());
                    p.put("use_regex", data.consumeBoolean());
                }
                case "Split" -> {
                    p.put("pattern", pattern());
                    p.put("behavior", behavior());
                    p.put("invert", data.consumeBoolean());
                }
                case "Digits" -> p.put("individual_digits", data.consumeBoolean());
                case "Punctuation" -> p.put("behavior", behavior());
                case "CharDelimiterSplit" -> p.put("delimiter", pick(" ", "a", "", "ab", "😀", "\uD800"));
                case "FixedLength" -> p.put("length", count());
                case "Metaspace" -> metaspace(p);
                case "Sequence" -> {
                    // the shape of the byte-level models: Isolated Splits, then ByteLevel without regex (the direct path)
                    List<Object> steps = new ArrayList<>();
                    int k = data.consumeInt(0, 3);
                    for (int i = 0; i < k; i++) {
                        steps.add(data.consumeBoolean() ? obj("type", "Split", "pattern", pattern(), "behavior", "Isolated", "invert", false)
                                : preTokenizer(0));
                    }
                    if (data.consumeBoolean()) {
                        steps.add(obj("type", "ByteLevel", "add_prefix_space", false, "trim_offsets", true, "use_regex", data.consumeBoolean()));
                    }
                    p.put("pretokenizers", steps);
                }
                default -> {
                }
            }
            return p;
        }

        private void metaspace(Map<String, Object> p) {
            p.put("replacement", pick("▁", "▁", "_", "", "ab", "\uD800"));
            p.put("prepend_scheme", pick("always", "first", "never", "sometimes", null));
            p.put("split", data.consumeBoolean());
            if (data.consumeBoolean()) {
                p.put("add_prefix_space", data.consumeBoolean());
            }
        }

        private Object decoder() {
            return decoder(nesting());
        }

        private Object decoder(int depth) {
            if (depth > 0) {
                return obj("type", "Sequence", "decoders", List.of(decoder(depth - 1)));
            }
            Map<String, Object> d = new LinkedHashMap<>();
            String type = pick("ByteLevel", "Metaspace", "WordPiece", "BPEDecoder", "Replace", "ByteFallback", "Fuse", "Strip", "CTC",
                    "Sequence", "Sequence", "Nope");
            d.put("type", type);
            switch (type) {
                case "Metaspace" -> metaspace(d);
                case "WordPiece" -> {
                    d.put("prefix", pick("##", "", "▁"));
                    d.put("cleanup", data.consumeBoolean());
                }
                case "BPEDecoder" -> d.put("suffix", pick("</w>", "", "w"));
                case "Replace" -> {
                    d.put("pattern", pattern());
                    d.put("content", pick(" ", "", "▁"));
                }
                case "Strip" -> {
                    d.put("content", pick(" ", "▁", "", "ab"));
                    d.put("start", count());
                    d.put("stop", count());
                }
                case "CTC" -> {
                    d.put("pad_token", pick("<pad>", "", "a"));
                    d.put("word_delimiter_token", pick("|", "", "▁"));
                    d.put("cleanup", data.consumeBoolean());
                }
                case "Sequence" -> {
                    List<Object> steps = new ArrayList<>();
                    int k = data.consumeInt(0, 4);
                    for (int i = 0; i < k; i++) {
                        steps.add(decoder(0));
                    }
                    d.put("decoders", steps);
                }
                default -> {
                }
            }
            return d;
        }

        private Object postProcessor() {
            return postProcessor(nesting());
        }

        private Object postProcessor(int depth) {
            if (depth > 0) {
                return obj("type", "Sequence", "processors", List.of(postProcessor(depth - 1)));
            }
            Map<String, Object> p = new LinkedHashMap<>();
            String type = pick("TemplateProcessing", "TemplateProcessing", "BertProcessing", "RobertaProcessing", "ByteLevel", "Sequence", "Nope");
            p.put("type", type);
            switch (type) {
                case "TemplateProcessing" -> {
                    List<Object> single = new ArrayList<>();
                    Map<String, Object> specials = new LinkedHashMap<>();
                    int k = data.consumeInt(0, 4);
                    for (int i = 0; i < k; i++) {
                        if (data.consumeBoolean()) {
                            single.add(obj("Sequence", obj("id", pick("A", "A", "B"), "type_id", 0)));
                        } else {
                            String name = pick("<s>", "</s>", "[CLS]", "[SEP]", "missing");
                            single.add(obj("SpecialToken", obj("id", name, "type_id", 0)));
                            List<Object> ids = new ArrayList<>();
                            int m = data.consumeInt(0, 3);
                            for (int j = 0; j < m; j++) {
                                ids.add(data.consumeBoolean() ? hugeOrSmall() : (Object) data.consumeInt(0, 40));
                            }
                            if (!name.equals("missing")) {
                                specials.put(name, obj("id", name, "ids", ids, "tokens", List.of(name)));
                            }
                        }
                    }
                    p.put("single", single);
                    p.put("pair", List.of());
                    p.put("special_tokens", specials);
                }
                case "BertProcessing", "RobertaProcessing" -> {
                    p.put("sep", List.of("[SEP]", data.consumeBoolean() ? hugeOrSmall() : (Object) data.consumeInt(0, 40)));
                    p.put("cls", rare(8) ? List.of("[CLS]") : List.of("[CLS]", data.consumeInt(0, 40)));
                    if (type.equals("RobertaProcessing")) {
                        p.put("trim_offsets", data.consumeBoolean());
                        p.put("add_prefix_space", data.consumeBoolean());
                    }
                }
                case "ByteLevel" -> {
                    p.put("add_prefix_space", data.consumeBoolean());
                    p.put("trim_offsets", data.consumeBoolean());
                    p.put("use_regex", data.consumeBoolean());
                }
                case "Sequence" -> {
                    List<Object> steps = new ArrayList<>();
                    int k = data.consumeInt(0, 3);
                    for (int i = 0; i < k; i++) {
                        steps.add(postProcessor(0));
                    }
                    p.put("processors", steps);
                }
                default -> {
                }
            }
            return p;
        }

        private Map<String, Object> pattern() {
            String regex = rare(8) ? str(16) : PATTERNS.get(data.consumeInt(0, PATTERNS.size() - 1));
            if (rare(4)) {
                return obj("String", data.consumeBoolean() ? regex : pick(" ", "▁", "", "a", "\uD800"));
            }
            return rare(32) ? obj() : obj("Regex", regex);
        }

        private String behavior() {
            return pick("Removed", "Isolated", "MergedWithPrevious", "MergedWithNext", "Contiguous", "Other");
        }

        /** Sequence nesting around a component: mostly none, sometimes deep, past the JSON reader's limit. */
        private int nesting() {
            return switch (data.consumeInt(0, 15)) {
                case 15 -> data.consumeInt(1, 300);
                case 13, 14 -> data.consumeInt(1, 3);
                default -> 0;
            };
        }

        /** A count field (a length, a maximum): small, or one that hurts. */
        private Object count() {
            return rare(4) ? hugeOrSmall() : (Object) data.consumeInt(0, 8);
        }

        /** An id or count chosen to hurt: extremes of int, past int, fractions, negative zero. */
        private Object hugeOrSmall() {
            return switch (data.consumeInt(0, 11)) {
                case 0 -> Integer.MAX_VALUE;
                case 1 -> Integer.MIN_VALUE;
                case 2 -> -1;
                case 3 -> 1 << 24;
                case 4 -> (1 << 24) + 1;
                case 5 -> 1L << 40;
                case 6 -> 1e300;
                case 7 -> 1.5;
                case 8 -> Integer.MAX_VALUE - 1;
                case 9 -> 65_536 + data.consumeInt(0, 100);
                case 10 -> data.consumeInt();
                default -> data.consumeInt(0, 1000);
            };
        }

        private Object maybe(java.util.function.Supplier<Object> component) {
            return rare(4) ? null : component.get();
        }

        /** With a small chance, replaces a value anywhere in the tree by one of another kind (or bad UTF-8). */
        private Object mutate(Object v) {
            if (rare(64)) {
                return value();
            }
            if (v instanceof Map<?, ?> m) {
                Map<String, Object> copy = new LinkedHashMap<>();
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    if (!rare(64)) { // sometimes a field goes missing
                        copy.put((String) e.getKey(), mutate(e.getValue()));
                    }
                }
                return copy;
            }
            if (v instanceof List<?> l) {
                List<Object> copy = new ArrayList<>(l.size());
                for (Object o : l) {
                    copy.add(mutate(o));
                }
                return copy;
            }
            if (v instanceof String s && corrupt && rare(8)) {
                corrupt = false;
                return badUtf8(s);
            }
            return v;
        }

        private Object value() {
            return switch (data.consumeInt(0, 9)) {
                case 0 -> null;
                case 1 -> data.consumeBoolean();
                case 2 -> hugeOrSmall();
                case 3 -> str(8);
                case 4 -> List.of();
                case 5 -> obj();
                case 6 -> badUtf8("x");
                case 7 -> List.of(hugeOrSmall(), "a");
                case 8 -> obj("type", str(6));
                default -> "\\";
            };
        }

        /** {@code s} with bytes that are not UTF-8 in it: a lone continuation byte, a truncated sequence, an encoded surrogate, an overlong NUL. */
        private Raw badUtf8(String s) {
            byte[] utf8 = escape(s).getBytes(StandardCharsets.UTF_8);
            byte[] bad = switch (data.consumeInt(0, 5)) {
                case 0 -> new byte[] {(byte) 0x80};
                case 1 -> new byte[] {(byte) 0xC3};
                case 2 -> new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80};
                case 3 -> new byte[] {(byte) 0xC0, (byte) 0x80};
                case 4 -> new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80};
                default -> new byte[] {(byte) 0xFF};
            };
            int at = data.consumeInt(0, utf8.length);
            byte[] out = new byte[utf8.length + bad.length];
            System.arraycopy(utf8, 0, out, 0, at);
            System.arraycopy(bad, 0, out, at, bad.length);
            System.arraycopy(utf8, at, out, at + bad.length, utf8.length - at);
            return new Raw(out);
        }

        /**
         * A rare event, one time in {@code n}; never once the fuzzer's data runs out (then every
         * {@code consumeInt} gives its minimum), so a short input makes a plain, valid file.
         */
        private boolean rare(int n) {
            return data.consumeInt(0, n - 1) == n - 1;
        }

        /** A JSON object with its keys in the order given (never Map.of, whose order changes from JVM to JVM). */
        private static Map<String, Object> obj(Object... kv) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < kv.length; i += 2) {
                m.put((String) kv[i], kv[i + 1]);
            }
            return m;
        }

        @SafeVarargs
        private <T> T pick(T... choices) {
            return choices[data.consumeInt(0, choices.length - 1)];
        }
    }

    // ---- writing JSON

    /** Writes {@code v}; a lone surrogate becomes a {@code \\uXXXX} escape with {@code surrogates}, else U+FFFD. */
    static void write(Object v, ByteArrayOutputStream out, boolean surrogates) {
        if (v == null) {
            out.writeBytes("null".getBytes(StandardCharsets.US_ASCII));
        } else if (v instanceof Map<?, ?> m) {
            out.write('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!first) {
                    out.write(',');
                }
                first = false;
                write(e.getKey(), out, surrogates);
                out.write(':');
                write(e.getValue(), out, surrogates);
            }
            out.write('}');
        } else if (v instanceof List<?> l) {
            out.write('[');
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                write(l.get(i), out, surrogates);
            }
            out.write(']');
        } else if (v instanceof String s) {
            out.write('"');
            out.writeBytes(escape(surrogates ? s : s.replaceAll("\\p{Cs}", "\uFFFD")).getBytes(StandardCharsets.UTF_8));
            out.write('"');
        } else if (v instanceof Raw r) {
            out.write('"');
            out.writeBytes(r.bytes());
            out.write('"');
        } else if (v instanceof Double d) {
            out.writeBytes((d.isNaN() || d.isInfinite() ? "1e999" : d.equals(-0.0) ? "-0.0" : d.toString()).getBytes(StandardCharsets.US_ASCII));
        } else {
            out.writeBytes(v.toString().getBytes(StandardCharsets.US_ASCII));
        }
    }

    /** JSON string escapes; a lone surrogate becomes a {@code \\uXXXX} escape (which the reader must then judge). */
    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20 || Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1)))
                    && !(Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(s.charAt(i - 1)))) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
