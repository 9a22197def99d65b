package dev.tokenlab.sentencepiece;

import java.util.List;

import dev.tokenlab.TokenizerDescription;

import dev.tokenlab.ModelProfiles;

import dev.tokenlab.Decoded;
import dev.tokenlab.SpecialTokens;
import dev.tokenlab.TokenSink;
import dev.tokenlab.Tokenizer;
import dev.tokenlab.TokenizerException;
import dev.tokenlab.TokenizerOptions;
import dev.tokenlab.internal.IntBuffer;
import dev.tokenlab.internal.Utf8;
import dev.tokenlab.spi.SpecialTokenSplitter;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A SentencePiece tokenizer in pure Java that gives the ids the C++ library ({@code
 * SentencePieceProcessor::Encode}) gives: normalize (keeping offsets into the original string),
 * segment by BPE or Unigram, then turn unknown pieces into {@code <0xNN>} byte pieces (byte-fallback
 * models) or into one unknown id per run of unknown characters (the others).
 *
 * <pre>{@code
 * Tokenizer llama2 = Tokenizers.get("llama2");
 * llama2.encode("Hello world");             // [15043, 3186]
 * llama2.encode(" Hello");                  // [29871, 15043]: the dummy prefix and the space are two ▁
 * llama2.encode("🦙");                     // [29871, 243, 162, 169, 156]: "▁", then byte fallback <0xF0><0x9F><0xA6><0x99>
 * llama2.decode(new int[] {1, 15043, 3186, 2});   // "Hello world": <s> and </s> are invisible
 * }</pre>
 *
 * <p><b>Special tokens.</b> Control pieces ({@code <s>}, {@code </s>}) and the unknown piece
 * ({@code <unk>}) are the special tokens. As in the C++ library, their text in the input is ordinary
 * text by default ({@code "<s>"} is {@code [529, 29879, 29958]} in Llama 2); a policy that allows them
 * cuts the text there and emits their ids, and each stretch of text between them is encoded on its own
 * (with its own dummy prefix), as if the pieces were joined by a caller. {@code encode} never adds BOS
 * or EOS: prepend {@link #bosId()} yourself.
 *
 * <p><b>Bytes and decoding.</b> {@link #tokenBytes(int)} is what one id stands for: a piece's text
 * with {@code ▁} as a space, a byte piece's one byte, a special token's name ({@code "<s>"}).
 * {@link #decodeBytes(int[])} and {@link #decode(int[])} follow the C++ {@code DecodeIds} instead:
 * control ids are dropped, the unknown id becomes the model's unknown surface ({@code " ⁇ "}), the
 * dummy-prefix space at the very start is removed, and runs of byte pieces are joined into characters.
 * {@code decodeBytes} keeps byte runs that are not valid UTF-8 as they are; {@code decode} replaces each
 * invalid byte by U+FFFD as the C++ library does (one per byte).
 *
 * <p><b>What round-trips.</b> For a model with the identity normalizer, spaces kept and byte fallback
 * (Llama 2), {@code decode(encode(s))} equals {@code s} for every string without U+2581 ({@code ▁},
 * which decodes as a space) and without lone surrogates (encoded as U+FFFD). A model with an NFKC
 * charsmap and {@code remove_extra_whitespaces} (sentencepiece's test models) loses what
 * normalization rewrites: compatibility characters become their NFKC form ({@code "Ｈｅｌｌｏ"} →
 * {@code "Hello"}), leading, trailing and repeated spaces are collapsed, and characters without a
 * piece come back as {@code " ⁇ "}.
 *
 * <p>Offsets given to a {@link TokenSink} are UTF-16 offsets into the caller's string; a byte piece
 * covers the whole character it is part of, and pieces made only of text a normalization rule wrote
 * may be empty ranges. Lone surrogates are encoded as U+FFFD. Immutable and thread-safe.
 */
public final class SentencePieceTokenizer implements Tokenizer {
    private final String name;
    private final SentencePieceModel model;
    private final Normalizer normalizer;
    private final Segmenter segmenter;
    private final Map<String, Integer> specials;
    private final SpecialTokenSplitter splitter;
    private final OrdinaryTextEncoder encoder;
    private final SentencePieceDecoder decoder;
    private final int bos;
    private final int eos;
    private final SpecialTokens defaultSpecialTokens;
    /** The id put before every text when special tokens are added (the model's BOS, as Llama tokenizers add it), or -1. */
    private final int addedBos;

    private SentencePieceTokenizer(String name, SentencePieceModel model, String source) {
        this(name, model, source, OrdinaryTextEncoder.BLOCK_BYTES);
    }

    private SentencePieceTokenizer(String name, SentencePieceModel model, String source, int blockBytes) {
        this.name = name;
        this.model = model;
        int n = model.size();
        ByteTrie userDefined = new ByteTrie(16);
        Map<String, Integer> special = new LinkedHashMap<>();
        for (int id = 0; id < n; id++) {
            PieceType type = model.type(id);
            if (type == PieceType.USER_DEFINED) {
                userDefined.add(model.pieceBytesUnsafe(id), id);
            }
            if (type == PieceType.CONTROL || type == PieceType.UNKNOWN) {
                special.putIfAbsent(model.piece(id), id);
            }
        }
        this.specials = Collections.unmodifiableMap(special);
        this.splitter = new SpecialTokenSplitter(special);
        TrainerSpec trainer = model.trainer();
        this.normalizer = new Normalizer(model.normalizer(), trainer.treatWhitespaceAsSuffix(), userDefined, source);
        this.segmenter = trainer.modelType() == ModelType.BPE ? new BpeSegmenter(model, userDefined) : new UnigramSegmenter(model);
        this.encoder = new OrdinaryTextEncoder(model, normalizer, segmenter, blockBytes);
        this.decoder = new SentencePieceDecoder(model);
        this.bos = controlId(trainer.bosPiece());
        this.eos = controlId(trainer.eosPiece());
        this.defaultSpecialTokens = SpecialTokens.asText();
        this.addedBos = -1;
    }

    /** {@code base} with another default special-token policy and added BOS; everything else is shared. */
    private SentencePieceTokenizer(SentencePieceTokenizer base, SpecialTokens defaultSpecialTokens, boolean addBos) {
        this.name = base.name;
        this.model = base.model;
        this.normalizer = base.normalizer;
        this.segmenter = base.segmenter;
        this.specials = base.specials;
        this.splitter = base.splitter;
        this.encoder = base.encoder;
        this.decoder = base.decoder;
        this.bos = base.bos;
        this.eos = base.eos;
        this.defaultSpecialTokens = defaultSpecialTokens;
        this.addedBos = addBos ? bos : -1;
    }

    /**
     * This tokenizer with {@code options}' default special-token policy and, with {@code addSpecialTokens},
     * the model's BOS before every text (Hugging Face's Llama and Mistral tokenizers add it; a model
     * without a BOS piece adds nothing); the model and its tables are shared.
     *
     * @throws TokenizerException if the options ask for Meta's long-run split, which only tiktoken-style tokenizers have
     */
    public SentencePieceTokenizer withOptions(TokenizerOptions options) {
        if (options.metaSplit()) {
            throw new TokenizerException("Meta's long-run split is for tiktoken-style tokenizers (llama3, cl100k_base …), not "
                    + name + ", a SentencePiece model");
        }
        boolean addBos = options.addSpecialTokens() && bos >= 0;
        return options.specialTokens().equals(defaultSpecialTokens) && addBos == addedBos >= 0 ? this
                : new SentencePieceTokenizer(this, options.specialTokens(), addBos);
    }

    @Override
    public TokenizerDescription describe() {
        NormalizerSpec n = model.normalizer();
        TrainerSpec t = model.trainer();
        List<TokenizerDescription.Stage> stages = List.of(
                new TokenizerDescription.Stage("special tokens", specials.size() + " (" + String.join(" ", specials.keySet()) + "), text unless allowed"),
                new TokenizerDescription.Stage("normalizer", (n.name().isEmpty() ? "identity" : n.name())
                        + (n.precompiledCharsmap().length > 0 ? ", charsmap " + n.precompiledCharsmap().length + " bytes" : "")
                        + (n.addDummyPrefix() ? ", dummy prefix" : "") + (n.removeExtraWhitespaces() ? ", extra spaces removed" : "")
                        + (n.escapeWhitespaces() ? ", spaces as ▁" : "")),
                new TokenizerDescription.Stage("model", (t.modelType() == ModelType.BPE ? "BPE by piece score" : "Unigram (Viterbi)")
                        + ", " + String.format("%,d", model.size()) + " pieces" + (t.byteFallback() ? ", byte fallback" : "")
                        + (t.splitDigits() ? ", digits split" : "")));
        Map<String, String> names = new LinkedHashMap<>();
        if (bos >= 0) {
            names.put("bos_token", model.piece(bos));
        }
        if (eos >= 0) {
            names.put("eos_token", model.piece(eos));
        }
        return new TokenizerDescription("SentencePiece model", stages, ModelProfiles.find(name).map(p -> OptionalInt.of(p.contextWindow()))
                .orElse(OptionalInt.empty()), OptionalInt.empty(), Map.of(), names, List.of());
    }

    @Override
    public SpecialTokens defaultSpecialTokens() {
        return defaultSpecialTokens;
    }

    /** Whether long texts are normalized and segmented in blocks (the model allows cuts before spaces). */
    boolean encodesInBlocks() {
        return encoder.encodesInBlocks();
    }

    /** The same model, normalized and segmented in blocks of {@code blockBytes} (for tests: results must not change). */
    SentencePieceTokenizer withBlockBytes(int blockBytes) {
        return new SentencePieceTokenizer(name, model, name, blockBytes);
    }

    /**
     * A tokenizer for a model.
     *
     * @param name  the name to report ({@link #name()})
     * @param model the parsed model
     */
    public static SentencePieceTokenizer of(String name, SentencePieceModel model) {
        return new SentencePieceTokenizer(name, model, name);
    }

    /**
     * Reads a {@code .model} file's bytes and builds its tokenizer.
     *
     * @throws dev.tokenlab.TokenizerFormatException if the bytes are not a model Tokenlab can encode with
     */
    public static SentencePieceTokenizer read(String name, byte[] modelBytes, String source) {
        return new SentencePieceTokenizer(name, SentencePieceModel.read(modelBytes, source), source);
    }

    private int controlId(String piece) {
        int id = model.id(piece);
        return id >= 0 && model.type(id) == PieceType.CONTROL ? id : -1;
    }

    /** The model this tokenizer encodes with. */
    public SentencePieceModel model() {
        return model;
    }

    /**
     * The text the segmenter sees: {@code text} after the model's normalizer, with spaces as {@code ▁}.
     *
     * <pre>{@code
     * ((SentencePieceTokenizer) Tokenizers.get("llama2")).normalize("Hello world");   // "▁Hello▁world"
     * }</pre>
     */
    public String normalize(String text) {
        return normalizeWhole(text).toString();
    }

    /**
     * The normalized text as the segmenter sees it, with the way back to {@code text}: its UTF-8 bytes
     * ({@code ▁} for spaces) and, for each byte and the end, the UTF-16 offset in {@code text} it came
     * from. What {@code tokenlab explain} starts from.
     *
     * <pre>{@code
     * Normalized n = ((SentencePieceTokenizer) Tokenizers.get("llama2")).normalizeWithOffsets("Hi you");
     * n.text();             // "▁Hi▁you"
     * n.charOffsets();      // [0, 0, 0, 0, 1, 2, 2, 2, 3, 4, 5, 6]: the dummy prefix maps to 0, the second ▁ to the space at 2
     * }</pre>
     */
    public Normalized normalizeWithOffsets(String text) {
        NormalizedText out = normalizeWhole(text);
        return new Normalized(Arrays.copyOf(out.bytes, out.length), Arrays.copyOf(out.toOrig, out.length + 1));
    }

    private NormalizedText normalizeWhole(String text) {
        byte[] utf8 = new byte[OrdinaryTextEncoder.utf8Length(text, 0, text.length())];
        int n = Utf8.encode(text, 0, text.length(), utf8, 0);
        NormalizedText out = new NormalizedText(n + 16);
        normalizer.normalize(utf8, n, out);
        return out;
    }

    /**
     * A normalized text and where its bytes came from.
     *
     * @param bytes       the normalized UTF-8 bytes; do not modify
     * @param charOffsets for each byte, and one more for the end, the UTF-16 offset in the original
     *                    text; bytes a rule wrote (the dummy prefix, an NFKC expansion) map to the start
     *                    of what the rule read; do not modify
     */
    public record Normalized(byte[] bytes, int[] charOffsets) {
        /** The normalized text ({@code "▁Hi▁you"}). */
        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** The segmenter: BpeSegmenter or UnigramSegmenter. */
    Segmenter segmenter() {
        return segmenter;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int vocabularySize() {
        return model.size();
    }

    @Override
    public Map<String, Integer> specialTokens() {
        return specials;
    }

    @Override
    public boolean isSpecial(int id) {
        if (id < 0 || id >= model.size()) {
            return false;
        }
        PieceType t = model.type(id);
        return t == PieceType.CONTROL || t == PieceType.UNKNOWN;
    }

    @Override
    public OptionalInt bosId() {
        return bos < 0 ? OptionalInt.empty() : OptionalInt.of(bos);
    }

    @Override
    public OptionalInt eosId() {
        return eos < 0 ? OptionalInt.empty() : OptionalInt.of(eos);
    }

    /**
     * What one id stands for: the piece with {@code ▁} as a space ({@code 15043 → " Hello"}), a byte
     * piece's byte ({@code 3 → 0x00}), or a special token's name ({@code 1 → "<s>"}, {@code 0 → "<unk>"}).
     * Concatenating these is not decoding: see {@link #decodeBytes(int[])}.
     */
    @Override
    public byte[] tokenBytes(int id) {
        checkId(id);
        return decoder.tokenBytes(id);
    }

    /** The piece as the model spells it: {@code 15043 → "▁Hello"}, {@code 13 → "<0x0A>"}, {@code 1 → "<s>"}. */
    @Override
    public Optional<String> piece(int id) {
        checkId(id);
        return Optional.of(model.piece(id));
    }

    private void checkId(int id) {
        if (id < 0 || id >= model.size()) {
            throw new TokenizerException("id " + id + " is not in the vocabulary of " + name + " (valid ids are 0.."
                    + (model.size() - 1) + ")");
        }
    }

    /**
     * The bytes the C++ {@code DecodeIds} produces, except that byte-piece runs that are not valid
     * UTF-8 are kept as they are instead of becoming U+FFFD: control ids produce nothing, the unknown
     * id its surface ({@code " ⁇ "}), and a {@code ▁} at the very start (the dummy prefix) is dropped.
     *
     * <pre>{@code
     * Tokenizers.get("llama2").decodeBytes(new int[] {1, 15043});   // the 5 bytes of "Hello"
     * Tokenizers.get("llama2").decodeBytes(new int[] {243});        // the 1 byte F0 (half of an emoji)
     * }</pre>
     */
    @Override
    public byte[] decodeBytes(int[] ids) {
        checkIds(ids);
        return decoder.decodeBytes(ids);
    }

    /**
     * Decodes as the C++ {@code DecodeIds} does; {@link Decoded#lossless()} is false when a run of byte
     * pieces was not valid UTF-8 (each invalid byte became U+FFFD).
     */
    @Override
    public Decoded decodeChecked(int[] ids) {
        checkIds(ids);
        return decoder.decodeChecked(ids);
    }

    private void checkIds(int[] ids) {
        for (int id : ids) {
            checkId(id);
        }
    }

    @Override
    public void encode(CharSequence text, SpecialTokens policy, TokenSink sink) {
        EncodeBuffers buffers = EncodeBuffers.acquire();
        try {
            run(text, policy, new OrdinaryTextEncoder.Call(sink, null, buffers));
        } finally {
            buffers.release();
        }
    }

    @Override
    public int[] encode(String text, SpecialTokens policy) {
        IntBuffer ids = new IntBuffer(Math.max(16, text.length() / 3));
        EncodeBuffers buffers = EncodeBuffers.acquire();
        try {
            run(text, policy, new OrdinaryTextEncoder.Call(null, ids, buffers));
        } finally {
            buffers.release();
        }
        return ids.toArray();
    }

    @Override
    public int count(String text, SpecialTokens policy) {
        EncodeBuffers buffers = EncodeBuffers.acquire();
        try {
            OrdinaryTextEncoder.Call call = new OrdinaryTextEncoder.Call(null, null, buffers);
            run(text, policy, call);
            return call.count;
        } finally {
            buffers.release();
        }
    }

    private void run(CharSequence text, SpecialTokens policy, OrdinaryTextEncoder.Call call) {
        if (addedBos >= 0 && !call.accept(addedBos, 0, 0)) {
            return;
        }
        splitter.split(text, policy, call, (start, end) -> encoder.encode(text, start, end, call));
    }

    @Override
    public String toString() {
        return "SentencePieceTokenizer[" + name + ", " + model.size() + " pieces, " + model.trainer().modelType() + "]";
    }
}
