package dev.tokenlab.gguf;

import dev.tokenlab.SpecialTokens;
import dev.tokenlab.TokenSink;
import dev.tokenlab.Tokenizer;
import dev.tokenlab.TokenizerDescription;
import dev.tokenlab.TokenizerException;
import dev.tokenlab.TokenizerOptions;
import dev.tokenlab.hf.pipeline.ByteLevelAlphabet;
import dev.tokenlab.internal.IntBuffer;
import dev.tokenlab.spi.SpecialTokenSplitter;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The tokenizer inside a GGUF file, with llama.cpp's semantics ({@code llama_vocab::impl::tokenize}): special
 * tokens cut out by {@link LlamaPartition}, then each stretch of ordinary text through the file's tokenizer type —
 * {@code gpt2} ({@link LlamaBpe}), {@code llama} ({@link LlamaSpm}) or {@code bert} ({@link LlamaWpm}) — and, with
 * {@link TokenizerOptions#addSpecialTokens(boolean)} (llama.cpp's {@code add_special}), the tokens llama.cpp puts
 * around the text: BOS and EOS as {@code add_bos_token} / {@code add_eos_token} say for BPE and SPM, always the
 * CLS/BOS and SEP for BERT.
 *
 * <p>Policies: {@link SpecialTokens#allowAll()} is llama.cpp's {@code parse_special}: CONTROL (and UNKNOWN) tokens in
 * the text become their ids; under {@link SpecialTokens#asText()} they are ordinary text. USER_DEFINED tokens are
 * cut out whatever the policy, as in llama.cpp. A disallowing policy fails on the leftmost CONTROL token it names.
 * Immutable and thread-safe.
 */
final class GgufTokenizer implements Tokenizer {
    private final String name;
    private final LlamaVocab vocab;
    private final GgufFile file;
    private final LlamaPartition partition;
    private final SpecialTokenSplitter controls;
    private final Map<String, Integer> specials;
    private final LlamaBpe bpe;
    private final LlamaSpm spm;
    private final LlamaWpm wpm;
    private final SpecialTokens defaultPolicy;
    private final boolean addSpecial;
    private final TokenizerDescription description;

    GgufTokenizer(String name, GgufFile file, TokenizerOptions options) {
        this(name, file, options, List.of(), OptionalInt.empty());
    }

    /**
     * With {@code extraNotes} added to the description and the window the runtime serves the model with
     * (what an Ollama manifest says about the model: its {@code num_ctx}).
     */
    GgufTokenizer(String name, GgufFile file, TokenizerOptions options, List<String> extraNotes, OptionalInt servedContext) {
        if (options.metaSplit()) {
            throw new TokenizerException("Meta's long-run split is for tiktoken-style tokenizers (llama3, cl100k_base …), not "
                    + name + ", a GGUF file");
        }
        this.name = name;
        this.file = file;
        this.vocab = new LlamaVocab(file);
        this.partition = new LlamaPartition(vocab);
        Map<String, Integer> sp = new LinkedHashMap<>();
        for (int id : vocab.specialCache) {
            if (vocab.isControlLike(id)) {
                sp.putIfAbsent(vocab.text[id], id);
            }
        }
        this.specials = Collections.unmodifiableMap(sp);
        this.controls = new SpecialTokenSplitter(specials);
        this.bpe = vocab.model.equals("gpt2") ? new LlamaBpe(vocab, file, LlamaPreTokenizers.splitter(vocab.preType)) : null;
        this.spm = vocab.model.equals("llama") ? new LlamaSpm(vocab) : null;
        this.wpm = vocab.model.equals("bert") ? new LlamaWpm(vocab) : null;
        this.defaultPolicy = options.specialTokens();
        this.addSpecial = options.addSpecialTokens();
        this.description = describe(file, extraNotes, servedContext);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int vocabularySize() {
        return vocab.size();
    }

    @Override
    public SpecialTokens defaultSpecialTokens() {
        return defaultPolicy;
    }

    @Override
    public void encode(CharSequence text, SpecialTokens policy, TokenSink sink) {
        String s = text.toString();
        controls.checkDisallowed(s, 0, s.length(), policy);
        IntBuffer fragments = new IntBuffer(16);
        partition.partition(s, policy, fragments);
        int length = s.length();
        if (addSpecial && before() != LlamaVocab.NONE && !sink.accept(before(), 0, 0)) {
            return;
        }
        boolean prevSpecial = true;
        LlamaBpe.Call call = bpe == null ? null : bpe.call(sink);
        for (int k = 0; k < fragments.size(); k += 3) {
            int id = fragments.get(k);
            int start = fragments.get(k + 1);
            int end = fragments.get(k + 2);
            if (id >= 0) {
                if (!sink.accept(id, start, end)) {
                    return;
                }
                prevSpecial = true;
                continue;
            }
            boolean going;
            if (bpe != null) {
                going = bpe.encode(s, start, end, call);
            } else if (spm != null) {
                going = spm.encode(s, start, end, vocab.addSpacePrefix && prevSpecial, sink);
            } else {
                going = wpm.encode(s, start, end, sink);
            }
            if (!going) {
                return;
            }
            prevSpecial = false;
        }
        if (addSpecial && after() != LlamaVocab.NONE) {
            sink.accept(after(), length, length);
        }
    }

    /** What add_special puts first: BOS (for BERT always its CLS/BOS; for the others when add_bos_token says so). */
    private int before() {
        if (wpm != null) {
            return vocab.bos;
        }
        return vocab.addBos ? vocab.bos : LlamaVocab.NONE;
    }

    /** What add_special puts last: SEP for BERT, else EOS when add_eos_token says so. */
    private int after() {
        if (wpm != null) {
            return vocab.sep;
        }
        return vocab.addEos ? vocab.eos : LlamaVocab.NONE;
    }

    @Override
    public byte[] tokenBytes(int id) {
        if (id < 0 || id >= vocab.size()) {
            throw new TokenizerException("id " + id + " is not in " + name + " (" + vocab.size() + " ids)");
        }
        int attr = vocab.attr[id];
        boolean special = (attr & (LlamaVocab.ATTR_CONTROL | LlamaVocab.ATTR_UNKNOWN | LlamaVocab.ATTR_USER_DEFINED)) != 0;
        if (bpe != null) {
            if (!special) {
                byte[] b = bpe.bytes(id);
                if (b != null) {
                    return b;
                }
            }
            return vocab.raw[id].clone();
        }
        if (!special && (attr & LlamaVocab.ATTR_BYTE) != 0 && vocab.text[id].length() == 6 && vocab.text[id].startsWith("<0x")) {
            int b = Integer.parseInt(vocab.text[id].substring(3, 5), 16);
            return new byte[] {(byte) b};
        }
        if (special) {
            return vocab.raw[id].clone();
        }
        return vocab.text[id].replace('\u2581', ' ').getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Optional<String> piece(int id) {
        return bpe == null && id >= 0 && id < vocab.size() ? Optional.of(vocab.text[id]) : Optional.empty();
    }

    @Override
    public Map<String, Integer> specialTokens() {
        return specials;
    }

    @Override
    public boolean isSpecial(int id) {
        return id >= 0 && id < vocab.size() && vocab.isControlLike(id);
    }

    @Override
    public OptionalInt bosId() {
        return vocab.bos == LlamaVocab.NONE ? OptionalInt.empty() : OptionalInt.of(vocab.bos);
    }

    @Override
    public OptionalInt eosId() {
        return vocab.eos == LlamaVocab.NONE ? OptionalInt.empty() : OptionalInt.of(vocab.eos);
    }

    @Override
    public TokenizerDescription describe() {
        return description;
    }

    private TokenizerDescription describe(GgufFile f, List<String> extraNotes, OptionalInt servedContext) {
        List<TokenizerDescription.Stage> stages = new ArrayList<>();
        long userDefined = java.util.Arrays.stream(vocab.specialCache).filter(id -> !vocab.isControlLike(id)).count();
        stages.add(new TokenizerDescription.Stage("special tokens", String.format(
                "llama.cpp's partition, longest first: %,d CONTROL/UNKNOWN tokens (with --special allow), %,d USER_DEFINED (always)",
                specials.size(), userDefined)));
        if (bpe != null) {
            List<String> regexes = vocab.preType.regexes();
            stages.add(new TokenizerDescription.Stage("pre-tokenizer", "tokenizer.ggml.pre " + (vocab.pre == null ? "(absent)" : vocab.pre)
                    + " = llama.cpp's " + vocab.preType.id() + ": " + String.join("  then  ", regexes)
                    + " (llama.cpp's Unicode 15.1 classes)"));
            stages.add(new TokenizerDescription.Stage("model", String.format("byte-level BPE (gpt2), %,d tokens, %,d merges%s",
                    vocab.size(), bpe.mergeCount, vocab.ignoreMerges ? ", ignore_merges" : "")));
        } else if (spm != null) {
            stages.add(new TokenizerDescription.Stage("normalizer", "spaces as ▁" + (vocab.addSpacePrefix
                    ? ", a space before the text and after each special token (add_space_prefix)" : "")));
            stages.add(new TokenizerDescription.Stage("model", String.format("SentencePiece BPE by score (llama), %,d tokens, byte fallback",
                    vocab.size())));
        } else {
            stages.add(new TokenizerDescription.Stage("pre-tokenizer", "llama.cpp's BERT word split" + (vocab.lowercase ? ", lowercase" : "")
                    + (vocab.stripAccents ? ", accents stripped (first code point of NFD)" : "") + ", punctuation and CJK apart"));
            stages.add(new TokenizerDescription.Stage("model", String.format("WordPiece (bert), %,d tokens, ▁ before each word", vocab.size())));
        }
        String post = wpm != null ? "--add-special: " + text(vocab.bos) + " … " + text(vocab.sep)
                : "--add-special: " + (vocab.addBos && vocab.bos != LlamaVocab.NONE ? text(vocab.bos) : "nothing") + " before, "
                + (vocab.addEos && vocab.eos != LlamaVocab.NONE ? text(vocab.eos) : "nothing") + " after";
        stages.add(new TokenizerDescription.Stage("post-processor", post));
        OptionalInt context = OptionalInt.empty();
        String arch = f.architecture().orElse(null);
        if (arch != null) {
            java.util.OptionalLong c = f.integer(arch + ".context_length");
            if (c.isPresent() && c.getAsLong() > 0 && c.getAsLong() <= Integer.MAX_VALUE) {
                context = OptionalInt.of((int) c.getAsLong());
            }
        }
        Map<String, String> templates = new LinkedHashMap<>();
        f.string("tokenizer.chat_template").ifPresent(t -> templates.put("default", t));
        for (String key : f.metadata().keySet()) {
            if (key.startsWith("tokenizer.chat_template.")) {
                f.string(key).ifPresent(t -> templates.put(key.substring("tokenizer.chat_template.".length()), t));
            }
        }
        List<String> notes = new ArrayList<>(extraNotes);
        notes.addAll(vocab.notes);
        if (spm != null) {
            notes.addAll(spm.notes);
        }
        return new TokenizerDescription("GGUF", stages, context, servedContext, templates, vocab.roles(), notes);
    }

    private String text(int id) {
        return id == LlamaVocab.NONE ? "nothing" : vocab.text[id];
    }

    /** The file this tokenizer was read from. */
    GgufFile file() {
        return file;
    }

    @Override
    public String toString() {
        return "GgufTokenizer[" + name + ", " + vocab + "]";
    }

    static boolean isByteLevelSpelling(String s) {
        return ByteLevelAlphabet.bytesOf(s) != null;
    }
}
