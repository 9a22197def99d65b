package dev.tokenlab.gguf;

import dev.tokenlab.TokenizerFormatException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A GGUF file's vocabulary as llama.cpp's {@code llama_vocab::impl::load} builds it: the tokens with their scores
 * and attributes, the special ids, the tokenizer flags, and the special-token cache that
 * {@link LlamaPartition} cuts text with. Every default and every adjustment llama.cpp makes is made here in the
 * same way: the defaults of each tokenizer type, the flags each {@code tokenizer.ggml.pre} name sets, special ids
 * out of range ignored, empty tokens renamed {@code [EMPTY_i]}, tokens marked CONTROL because their text names an
 * end of turn or a fill-in-the-middle role, gpt-oss's four tokens made USER_DEFINED, LSTRIP/RSTRIP by model name.
 * Immutable.
 */
final class LlamaVocab {
    // llama_token_attr
    static final int ATTR_UNDEFINED = 0;
    static final int ATTR_UNKNOWN = 1;
    static final int ATTR_UNUSED = 1 << 1;
    static final int ATTR_NORMAL = 1 << 2;
    static final int ATTR_CONTROL = 1 << 3;
    static final int ATTR_USER_DEFINED = 1 << 4;
    static final int ATTR_BYTE = 1 << 5;
    static final int ATTR_LSTRIP = 1 << 7;
    static final int ATTR_RSTRIP = 1 << 8;

    static final int NONE = -1;

    /** The tokenizer types ({@code tokenizer.ggml.model}) Tokenlab reads. */
    static final List<String> MODELS = List.of("gpt2", "llama", "bert");

    final String location;
    final String model;
    /** {@code tokenizer.ggml.pre} as the file says it (null if absent). */
    final String pre;
    final LlamaPreTokenizers.Type preType;
    final String[] text;
    final byte[][] raw;
    final float[] scores;
    final int[] attr;
    /** Token ids by their raw UTF-8 bytes, each byte as one ISO-8859-1 char (so lookups are byte-exact, as llama.cpp's). */
    final Map<String, Integer> byRaw;
    final int maxTokenBytes;
    /** The id of the token whose text is exactly the one byte {@code b}, or -1. */
    private final int[] singleByte = new int[256];

    int bos = NONE;
    int eos = NONE;
    int eot = NONE;
    int eom = NONE;
    int unk = NONE;
    int sep = NONE;
    int pad = NONE;
    int mask = NONE;
    int fimPre = NONE;
    int fimSuf = NONE;
    int fimMid = NONE;
    int fimPad = NONE;
    int fimRep = NONE;
    int fimSep = NONE;

    boolean addSpacePrefix;
    boolean addBos;
    boolean addEos;
    boolean addSep;
    boolean ignoreMerges;
    boolean removeExtraWhitespaces;
    boolean lowercase = true;
    boolean stripAccents = true;
    /** Special ids (CONTROL, USER_DEFINED, UNKNOWN), longest text first. */
    final int[] specialCache;
    final List<String> notes = new ArrayList<>();

    LlamaVocab(GgufFile f) {
        this.location = f.location();
        this.model = requiredString(f, "tokenizer.ggml.model");
        this.pre = f.string("tokenizer.ggml.pre").orElse(null);
        switch (model) {
            case "gpt2" -> {
                bos = 11;
                eos = 11;
                LlamaPreTokenizers.Type t = LlamaPreTokenizers.type(pre == null ? "default" : pre);
                if (t == null) {
                    throw new TokenizerFormatException(location, "tokenizer.ggml.pre is \"" + pre + "\", a pre-tokenizer Tokenlab"
                            + " does not know; supported: " + String.join(", ", LlamaPreTokenizers.names()));
                }
                preType = t;
                ignoreMerges = t.ignoreMerges();
                addBos = t.addBos();
                if (pre == null) {
                    notes.add("no tokenizer.ggml.pre: llama.cpp uses its 'default' pre-tokenizer (and warns that quality degrades)");
                }
            }
            case "llama" -> {
                bos = 1;
                eos = 2;
                unk = 0;
                preType = null;
                addSpacePrefix = true;
                addBos = true;
            }
            case "bert" -> {
                bos = 101;
                unk = 100;
                sep = 102;
                pad = 0;
                mask = 103;
                preType = null;
                addBos = true;
                addSep = true;
            }
            default -> throw new TokenizerFormatException(location, "tokenizer.ggml.model is \"" + model
                    + "\", a tokenizer Tokenlab does not read; supported: " + String.join(", ", MODELS));
        }
        f.bool("tokenizer.ggml.add_space_prefix").ifPresent(v -> addSpacePrefix = v);
        f.bool("tokenizer.ggml.remove_extra_whitespaces").ifPresent(v -> removeExtraWhitespaces = v);

        GgufArray tokens = f.array("tokenizer.ggml.tokens").orElseThrow(() -> new TokenizerFormatException(location,
                "no tokenizer.ggml.tokens: the file holds no vocabulary"));
        if (tokens.elementType() != GgufType.STRING) {
            throw new TokenizerFormatException(location, "tokenizer.ggml.tokens is an array of " + tokens.elementType().label()
                    + ", expected strings");
        }
        int n = tokens.length();
        if (n == 0) {
            throw new TokenizerFormatException(location, "tokenizer.ggml.tokens is empty");
        }
        float[] sc = new float[n];
        GgufArray scoreArray = f.array("tokenizer.ggml.scores").orElse(null);
        if (f.has("tokenizer.ggml.scores")) {
            if (scoreArray == null || (scoreArray.elementType() != GgufType.FLOAT32 && scoreArray.elementType() != GgufType.INT32)) {
                throw new TokenizerFormatException(location, "tokenizer.ggml.scores is " + f.get("tokenizer.ggml.scores").orElseThrow()
                        + ", expected an array of float32 or int32");
            }
            if (scoreArray.length() < n) {
                throw new TokenizerFormatException(location, "tokenizer.ggml.scores has " + scoreArray.length() + " entries for "
                        + n + " tokens");
            }
            for (int i = 0; i < n; i++) {
                sc[i] = scoreArray.elementType() == GgufType.FLOAT32 ? scoreArray.floats()[i] : scoreArray.ints()[i];
            }
        }
        int[] types = null;
        if (f.has("tokenizer.ggml.token_type")) {
            GgufArray tt = f.array("tokenizer.ggml.token_type").orElse(null);
            if (tt == null || tt.elementType() != GgufType.INT32) {
                throw new TokenizerFormatException(location, "tokenizer.ggml.token_type is "
                        + f.get("tokenizer.ggml.token_type").orElseThrow() + ", expected an array of int32");
            }
            if (tt.length() < n) {
                throw new TokenizerFormatException(location, "tokenizer.ggml.token_type has " + tt.length() + " entries for "
                        + n + " tokens");
            }
            types = tt.ints();
        }
        this.scores = sc;
        this.text = new String[n];
        this.raw = new byte[n][];
        this.attr = new int[n];
        this.byRaw = new HashMap<>(n * 2);
        Arrays.fill(singleByte, NONE);
        int longest = 0;
        for (int i = 0; i < n; i++) {
            byte[] r = tokens.rawStrings()[i];
            if (r.length == 0) {
                r = ("[EMPTY_" + i + "]").getBytes(StandardCharsets.US_ASCII);
            }
            Integer before = byRaw.put(new String(r, StandardCharsets.ISO_8859_1), i);
            if (before != null) {
                throw new TokenizerFormatException(location, "token " + i + " (" + quote(r) + ") repeats token " + before
                        + "; llama.cpp refuses a vocabulary with a token twice");
            }
            raw[i] = r;
            if (r.length == 1) {
                singleByte[r[0] & 0xFF] = i;
            }
            text[i] = new String(r, StandardCharsets.UTF_8);
            longest = Math.max(longest, r.length);
            attr[i] = types == null ? ATTR_NORMAL : switch (types[i]) {
                case 1 -> ATTR_NORMAL;
                case 2 -> ATTR_UNKNOWN;
                case 3 -> ATTR_CONTROL;
                case 4 -> ATTR_USER_DEFINED;
                case 5 -> ATTR_UNUSED;
                case 6 -> ATTR_BYTE;
                default -> ATTR_UNDEFINED;
            };
        }
        this.maxTokenBytes = longest;

        bos = specialId(f, "tokenizer.ggml.bos_token_id", bos, n);
        eos = specialId(f, "tokenizer.ggml.eos_token_id", eos, n);
        eot = specialId(f, "tokenizer.ggml.eot_token_id", eot, n);
        eom = specialId(f, "tokenizer.ggml.eom_token_id", eom, n);
        unk = specialId(f, "tokenizer.ggml.unknown_token_id", unk, n);
        sep = specialId(f, "tokenizer.ggml.seperator_token_id", sep, n);
        pad = specialId(f, "tokenizer.ggml.padding_token_id", pad, n);
        mask = specialId(f, "tokenizer.ggml.mask_token_id", mask, n);
        fimPre = specialId(f, "tokenizer.ggml.fim_pre_token_id", fimPre, n);
        fimSuf = specialId(f, "tokenizer.ggml.fim_suf_token_id", fimSuf, n);
        fimMid = specialId(f, "tokenizer.ggml.fim_mid_token_id", fimMid, n);
        fimPad = specialId(f, "tokenizer.ggml.fim_pad_token_id", fimPad, n);
        fimRep = specialId(f, "tokenizer.ggml.fim_rep_token_id", fimRep, n);
        fimSep = specialId(f, "tokenizer.ggml.fim_sep_token_id", fimSep, n);
        // deprecated spellings, read after the new ones as llama.cpp does
        fimPre = specialId(f, "tokenizer.ggml.prefix_token_id", fimPre, n);
        fimSuf = specialId(f, "tokenizer.ggml.suffix_token_id", fimSuf, n);
        fimMid = specialId(f, "tokenizer.ggml.middle_token_id", fimMid, n);

        f.bool("tokenizer.ggml.add_bos_token").ifPresent(v -> addBos = v);
        f.bool("tokenizer.ggml.add_eos_token").ifPresent(v -> addEos = v);
        f.bool("tokenizer.ggml.add_sep_token").ifPresent(v -> addSep = v);
        f.bool("tokenizer.ggml.normalizer.lowercase").ifPresent(v -> lowercase = v);
        stripAccents = lowercase;
        f.bool("tokenizer.ggml.normalizer.strip_accents").ifPresent(v -> stripAccents = v);

        markByText();
        this.specialCache = specialCache();
        stripByName(f);
    }

    private static String requiredString(GgufFile f, String key) {
        return f.string(key).orElseThrow(() -> new TokenizerFormatException(f.location(), "no " + key
                + (f.has(key) ? " string (it is " + f.get(key).orElseThrow() + ")" : "") + ": the file holds no tokenizer"));
    }

    /** llama.cpp's reading of one special id: a default out of range is dropped, a value out of range is ignored. */
    private int specialId(GgufFile f, String key, int id, int n) {
        if (id >= n) {
            id = NONE;
        }
        OptionalLong v = f.integer(key);
        if (v.isEmpty()) {
            return id;
        }
        long value = v.getAsLong();
        if (value < 0 || value >= n) {
            notes.add(key + " is " + value + ", not below the vocabulary size " + n + "; ignored, as llama.cpp ignores it");
            return id;
        }
        return (int) value;
    }

    private static final List<String> EOT = List.of("<|eot_id|>", "<|im_end|>", "<|end|>", "<end_of_turn>", "<|endoftext|>",
            "<|end_of_text|>", "<EOT>", "_<EOT>", "[EOT]", "<｜end▁of▁sentence｜>", "<end_of_utterance>");
    private static final List<String> FIM_PRE = List.of("<|fim_prefix|>", "<fim-prefix>", "<fim_prefix>", "<｜fim▁begin｜>", "<PRE>",
            "▁<PRE>", "<|code_prefix|>", "<|prefix|>");
    private static final List<String> FIM_SUF = List.of("<|fim_suffix|>", "<fim-suffix>", "<fim_suffix>", "<｜fim▁hole｜>", "<SUF>",
            "▁<SUF>", "<|code_suffix|>", "<|suffix|>");
    private static final List<String> FIM_MID = List.of("<|fim_middle|>", "<fim-middle>", "<fim_middle>", "<｜fim▁end｜>", "<MID>",
            "▁<MID>", "<|code_middle|>", "<|middle|>");
    private static final List<String> FIM_PAD = List.of("<|fim_pad|>", "<fim-pad>", "<fim_pad>", "<PAD>", "[PAD]");
    private static final List<String> FIM_REP = List.of("<|fim_repo|>", "<|repo_name|>", "<fim-repo>", "<REPO>", "<reponame>");
    private static final List<String> FIM_SEP = List.of("<|file_sep|>");
    private static final List<String> EOG = List.of("<|eot_id|>", "<|im_end|>", "<|end|>", "<|return|>", "<|call|>", "<|flush|>",
            "<|calls|>", "<end_of_turn>", "<|endoftext|>", "</s>", "<|eom_id|>", "<EOT>", "_<EOT>", "[EOT]", "[EOS]",
            "<|end_of_text|>", "<end_of_utterance>", "<eos>", "<turn|>", "<|tool_response>", "<｜end▁of▁sentence｜>", "[e~[");

    /**
     * llama.cpp's detection of special tokens by their text: the end-of-turn, end-of-message and fill-in-the-middle
     * roles the file does not name are found by text and marked CONTROL; every token whose text is in the
     * end-of-generation list is marked CONTROL; gpt-oss's {@code <|channel|>}, {@code <|message|>},
     * {@code <|start|>}, {@code <|constrain|>} become USER_DEFINED; {@code <|end|>} becomes USER_DEFINED when
     * {@code <|return|>} and {@code <|call|>} are there; {@code </s>} becomes NORMAL beside {@code <|tool_response>}.
     * Where llama.cpp takes the first of several candidates in hash-map order, this takes the first in its list.
     */
    private void markByText() {
        if (eot == NONE) {
            eot = markFirst(EOT, "end-of-turn");
        }
        if (eom == NONE) {
            eom = markFirst(List.of("<|eom_id|>"), "end-of-message");
        }
        if (fimPre == NONE) {
            fimPre = markFirst(FIM_PRE, "fill-in-the-middle prefix");
        }
        if (fimSuf == NONE) {
            fimSuf = markFirst(FIM_SUF, "fill-in-the-middle suffix");
        }
        if (fimMid == NONE) {
            fimMid = markFirst(FIM_MID, "fill-in-the-middle middle");
        }
        if (fimPad == NONE) {
            fimPad = markFirst(FIM_PAD, "fill-in-the-middle padding");
        }
        if (fimRep == NONE) {
            fimRep = markFirst(FIM_REP, "fill-in-the-middle repository");
        }
        if (fimSep == NONE) {
            fimSep = markFirst(FIM_SEP, "fill-in-the-middle file separator");
        }
        List<Integer> eog = new ArrayList<>();
        for (String t : EOG) {
            Integer id = byRaw.get(key(t));
            if (id != null) {
                attr[id] |= ATTR_CONTROL;
                eog.add(id);
            }
        }
        for (String t : List.of("<|channel|>", "<|message|>", "<|start|>", "<|constrain|>")) {
            Integer id = byRaw.get(key(t));
            if (id != null) {
                attr[id] = ATTR_USER_DEFINED;
            }
        }
        for (int id : new int[] {eos, eot, eom}) {
            if (id != NONE && !eog.contains(id)) {
                eog.add(id);
            }
        }
        boolean hasReturn = false;
        boolean hasCall = false;
        boolean hasFlush = false;
        int end = NONE;
        int s = NONE;
        boolean hasToolResponse = false;
        for (int id : eog) {
            switch (text[id]) {
                case "<|return|>" -> hasReturn = true;
                case "<|call|>", "<|calls|>" -> hasCall = true;
                case "<|flush|>" -> hasFlush = true;
                case "<|end|>" -> end = id;
                case "<|tool_response>" -> hasToolResponse = true;
                case "</s>" -> s = id;
                default -> {
                }
            }
        }
        if (end != NONE && ((hasReturn && hasCall) || (hasCall && hasFlush))) {
            attr[end] = ATTR_USER_DEFINED;
        }
        if (hasToolResponse && s != NONE) {
            attr[s] = ATTR_NORMAL;
        }
    }

    private int markFirst(List<String> candidates, String role) {
        int found = NONE;
        int count = 0;
        for (String t : candidates) {
            Integer id = byRaw.get(key(t));
            if (id != null) {
                count++;
                if (found == NONE) {
                    found = id;
                }
            }
        }
        if (found != NONE) {
            attr[found] |= ATTR_CONTROL;
            if (count > 1) {
                notes.add("several tokens could be the " + role + " token; llama.cpp takes one in hash-map order,"
                        + " Tokenlab the first of its list (" + text[found] + ")");
            }
        }
        return found;
    }

    private int[] specialCache() {
        List<Integer> cache = new ArrayList<>();
        for (int id = 0; id < attr.length; id++) {
            if ((attr[id] & (ATTR_CONTROL | ATTR_USER_DEFINED | ATTR_UNKNOWN)) != 0) {
                cache.add(id);
            }
        }
        cache.sort(Comparator.comparingInt((Integer id) -> -raw[id].length).thenComparingInt(id -> id));
        return cache.stream().mapToInt(Integer::intValue).toArray();
    }

    /** LSTRIP/RSTRIP, which llama.cpp sets by model, pre-tokenizer and architecture name. */
    private void stripByName(GgufFile f) {
        String name = f.string("general.name").orElse("").toLowerCase(Locale.ROOT);
        String preName = pre == null ? "" : pre;
        String arch = f.string("general.architecture").orElse("");
        if (containsAny(preName, "jina-v2-de", "jina-v2-es", "jina-v2-code") || containsAny(arch, "nomic-bert-moe", "jina-bert-v3")) {
            setAttr("<mask>", ATTR_LSTRIP, true);
        } else if (containsAny(name, "phi-3", "phi3")) {
            for (int id : specialCache) {
                attr[id] |= ATTR_RSTRIP;
            }
            setAttr("</s>", ATTR_RSTRIP, true);
            for (String t : List.of("<unk>", "<s>", "<|endoftext|>")) {
                setAttr(t, ATTR_RSTRIP, false);
            }
        } else if (name.contains("modern-bert")) {
            setAttr("[MASK]", ATTR_LSTRIP, true);
        }
    }

    private void setAttr(String token, int flag, boolean on) {
        Integer id = byRaw.get(key(token));
        if (id != null) {
            attr[id] = on ? attr[id] | flag : attr[id] & ~flag;
        }
    }

    private static boolean containsAny(String s, String... parts) {
        for (String p : parts) {
            if (s.contains(p)) {
                return true;
            }
        }
        return false;
    }

    /** The lookup key of a token text: its UTF-8 bytes as ISO-8859-1 chars. */
    static String key(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    int size() {
        return text.length;
    }

    boolean isControlLike(int id) {
        return (attr[id] & (ATTR_CONTROL | ATTR_UNKNOWN)) != 0;
    }

    /** The id of the token whose text is the single byte {@code b}, or {@link #NONE}. */
    int rawId(byte b) {
        return singleByte[b & 0xFF];
    }

    /** The id of a token by its exact text, or {@link #NONE}. */
    int id(String token) {
        Integer id = byRaw.get(key(token));
        return id == null ? NONE : id;
    }

    /** Special roles to token texts, for descriptions. */
    Map<String, String> roles() {
        Map<String, String> m = new LinkedHashMap<>();
        role(m, "bos_token", bos);
        role(m, "eos_token", eos);
        role(m, "eot_token", eot);
        role(m, "eom_token", eom);
        role(m, "unk_token", unk);
        role(m, "sep_token", sep);
        role(m, "pad_token", pad);
        role(m, "mask_token", mask);
        role(m, "fim_pre_token", fimPre);
        role(m, "fim_suf_token", fimSuf);
        role(m, "fim_mid_token", fimMid);
        role(m, "fim_pad_token", fimPad);
        role(m, "fim_rep_token", fimRep);
        role(m, "fim_sep_token", fimSep);
        return m;
    }

    private void role(Map<String, String> m, String role, int id) {
        if (id != NONE) {
            m.put(role, text[id]);
        }
    }

    static String quote(byte[] bytes) {
        String s = new String(bytes, StandardCharsets.UTF_8);
        return "\"" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "\"";
    }

    @Override
    public String toString() {
        return "LlamaVocab[" + model + (pre == null ? "" : "/" + pre) + ", " + text.length + " tokens, " + Arrays.stream(specialCache).count()
                + " special]";
    }
}
