package dev.tokenlab.sentencepiece;

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
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
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
    private final byte[][] tokenBytes;
    private final boolean byteFallback;
    private final int unkId;
    private final int bos;
    private final int eos;
    private final byte[] unkSurface;
    /** Input bytes per block of normalization and segmentation; {@link Integer#MAX_VALUE}: the whole text at once. */
    private final int blockBytes;
    /** Where blocks may be cut ({@link Normalizer#CUT_BEFORE_SPACE}, {@link Normalizer#CUT_BEFORE_NEWLINE}). */
    private final int blockCuts;
    private final SpecialTokens defaultSpecialTokens;

    private SentencePieceTokenizer(String name, SentencePieceModel model, String source) {
        this(name, model, source, BLOCK_BYTES);
    }

    /**
     * Normalizing and segmenting a long text in blocks of about 8 KB, cut before a space or a newline
     * where the model allows ({@link Normalizer#normalizeBlock}, {@link Segmenter#cutsBeforeSpace},
     * {@link Segmenter#cutsBeforeNewline}), keeps the working memory of a call small whatever the
     * text's length. Measured with JMH {@code -prof gc} ({@code encode}, bytes allocated per input
     * byte): botchan.txt (English, 279 KB) 36.7 → 5.5 for Llama 2 and 38.1 → 8.1 for
     * test_model.model; 1 MB of Java code 35.4 → 5.1 for Llama 2; wagahaiwa_nekodearu.txt
     * (Japanese, 1.1 MB, cut at newlines) 55.5 → 11.8 for Llama 2, most of it the id array (byte
     * fallback makes many tokens). What is left is the UTF-8 copy of the text, the ids and
     * word-cache entries. Speed did not change beyond the noise (Llama 2 on English 25–32 MB/s,
     * DJL 1.1–1.4; on Japanese 41–51 MB/s).
     */
    static final int BLOCK_BYTES = 8192;

    private SentencePieceTokenizer(String name, SentencePieceModel model, String source, int blockBytes) {
        this.name = name;
        this.model = model;
        int n = model.size();
        ByteTrie userDefined = new ByteTrie(16);
        Map<String, Integer> special = new LinkedHashMap<>();
        tokenBytes = new byte[n][];
        for (int id = 0; id < n; id++) {
            PieceType type = model.type(id);
            if (type == PieceType.USER_DEFINED) {
                userDefined.add(model.pieceBytesUnsafe(id), id);
            }
            if (type == PieceType.CONTROL || type == PieceType.UNKNOWN) {
                special.putIfAbsent(model.piece(id), id);
            }
            tokenBytes[id] = switch (type) {
                case BYTE -> new byte[] {(byte) SentencePieceModel.byteValue(model.piece(id))};
                case CONTROL, UNKNOWN -> model.pieceBytesUnsafe(id);
                default -> spacesFor(model.pieceBytesUnsafe(id));
            };
        }
        this.specials = Collections.unmodifiableMap(special);
        this.splitter = new SpecialTokenSplitter(special);
        TrainerSpec trainer = model.trainer();
        this.normalizer = new Normalizer(model.normalizer(), trainer.treatWhitespaceAsSuffix(), userDefined, source);
        this.segmenter = trainer.modelType() == ModelType.BPE ? new BpeSegmenter(model, userDefined) : new UnigramSegmenter(model);
        this.byteFallback = trainer.byteFallback();
        this.unkId = model.unkId();
        this.bos = controlId(trainer.bosPiece());
        this.eos = controlId(trainer.eosPiece());
        this.unkSurface = trainer.unkSurface().getBytes(StandardCharsets.UTF_8);
        this.blockCuts = (segmenter.cutsBeforeSpace() && model.normalizer().escapeWhitespaces() ? Normalizer.CUT_BEFORE_SPACE : 0)
                | (segmenter.cutsBeforeNewline() && normalizer.isIdentity() ? Normalizer.CUT_BEFORE_NEWLINE : 0);
        this.blockBytes = blockCuts != 0 ? blockBytes : Integer.MAX_VALUE;
        this.defaultSpecialTokens = SpecialTokens.asText();
    }

    /** {@code base} with another default special-token policy; everything else is shared. */
    private SentencePieceTokenizer(SentencePieceTokenizer base, SpecialTokens defaultSpecialTokens) {
        this.name = base.name;
        this.model = base.model;
        this.normalizer = base.normalizer;
        this.segmenter = base.segmenter;
        this.specials = base.specials;
        this.splitter = base.splitter;
        this.tokenBytes = base.tokenBytes;
        this.byteFallback = base.byteFallback;
        this.unkId = base.unkId;
        this.bos = base.bos;
        this.eos = base.eos;
        this.unkSurface = base.unkSurface;
        this.blockBytes = base.blockBytes;
        this.blockCuts = base.blockCuts;
        this.defaultSpecialTokens = defaultSpecialTokens;
    }

    /**
     * This tokenizer with {@code options}' default special-token policy; the model and its tables are shared.
     *
     * @throws TokenizerException if the options ask for Meta's long-run split, which only tiktoken-style tokenizers have
     */
    public SentencePieceTokenizer withOptions(TokenizerOptions options) {
        if (options.metaSplit()) {
            throw new TokenizerException("Meta's long-run split is for tiktoken-style tokenizers (llama3, cl100k_base …), not "
                    + name + ", a SentencePiece model");
        }
        return options.specialTokens().equals(defaultSpecialTokens) ? this : new SentencePieceTokenizer(this, options.specialTokens());
    }

    @Override
    public SpecialTokens defaultSpecialTokens() {
        return defaultSpecialTokens;
    }

    /** Whether long texts are normalized and segmented in blocks (the model allows cuts before spaces). */
    boolean encodesInBlocks() {
        return blockBytes != Integer.MAX_VALUE;
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

    /** A piece's text with each U+2581 replaced by a space. */
    private static byte[] spacesFor(byte[] piece) {
        int n = 0;
        for (int i = 0; i < piece.length; i++) {
            if (isSpaceSymbol(piece, i, piece.length)) {
                i += 2;
            }
            n++;
        }
        if (n == piece.length) {
            return piece;
        }
        byte[] out = new byte[n];
        int o = 0;
        for (int i = 0; i < piece.length; i++) {
            if (isSpaceSymbol(piece, i, piece.length)) {
                out[o++] = ' ';
                i += 2;
            } else {
                out[o++] = piece[i];
            }
        }
        return out;
    }

    private static boolean isSpaceSymbol(byte[] b, int i, int end) {
        return i + 2 < end && b[i] == (byte) 0xE2 && b[i + 1] == (byte) 0x96 && b[i + 2] == (byte) 0x81;
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
        return new Normalized(java.util.Arrays.copyOf(out.bytes, out.length), java.util.Arrays.copyOf(out.toOrig, out.length + 1));
    }

    private NormalizedText normalizeWhole(String text) {
        byte[] utf8 = new byte[utf8Length(text, 0, text.length())];
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
            return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
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
        return tokenBytes[id].clone();
    }

    /** The piece as the model spells it: {@code 15043 → "▁Hello"}, {@code 13 → "<0x0A>"}, {@code 1 → "<s>"}. */
    @Override
    public java.util.Optional<String> piece(int id) {
        checkId(id);
        return java.util.Optional.of(model.piece(id));
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
        return decodeInto(ids, false).toByteArray();
    }

    /**
     * Decodes as the C++ {@code DecodeIds} does; {@link Decoded#lossless()} is false when a run of byte
     * pieces was not valid UTF-8 (each invalid byte became U+FFFD).
     */
    @Override
    public Decoded decodeChecked(int[] ids) {
        Output out = decodeInto(ids, true);
        return new Decoded(new String(out.bytes, 0, out.size, StandardCharsets.UTF_8), out.replaced == 0, out.replaced);
    }

    private Output decodeInto(int[] ids, boolean replaceInvalid) {
        for (int id : ids) {
            checkId(id);
        }
        boolean addDummy = model.normalizer().addDummyPrefix();
        boolean removeExtra = model.normalizer().removeExtraWhitespaces();
        Output out = new Output(ids.length * 4 + 16);
        Output run = new Output(16);
        boolean isBosWs = true;
        boolean bosWsSeen = false;
        for (int id : ids) {
            PieceType type = model.type(id);
            if (type == PieceType.BYTE) {
                run.write(tokenBytes[id][0]);
                continue;
            }
            flushBytes(run, out, replaceInvalid);
            if (bosWsSeen || out.size > 0) {
                isBosWs = false;
            }
            bosWsSeen = false;
            if (type == PieceType.CONTROL) {
                continue;
            }
            if (type == PieceType.UNKNOWN) {
                out.write(unkSurface, 0, unkSurface.length);
                continue;
            }
            byte[] piece = model.pieceBytesUnsafe(id);
            int from = 0;
            if (isBosWs && (addDummy || removeExtra) && isSpaceSymbol(piece, 0, piece.length)) {
                from = 3;
                bosWsSeen = !removeExtra;
            }
            for (int i = from; i < piece.length; i++) {
                if (isSpaceSymbol(piece, i, piece.length)) {
                    out.write((byte) ' ');
                    i += 2;
                } else {
                    out.write(piece[i]);
                }
            }
        }
        flushBytes(run, out, replaceInvalid);
        return out;
    }

    /** Appends a run of byte pieces, each invalid UTF-8 byte as U+FFFD when asked (the C++ rule). */
    private static void flushBytes(Output run, Output out, boolean replaceInvalid) {
        if (run.size == 0) {
            return;
        }
        if (!replaceInvalid) {
            out.write(run.bytes, 0, run.size);
        } else {
            int i = 0;
            while (i < run.size) {
                int n = Utf8.validSequenceLength(run.bytes, i, run.size);
                if (n == 0) {
                    out.write((byte) 0xEF);
                    out.write((byte) 0xBF);
                    out.write((byte) 0xBD);
                    out.replaced++;
                    i++;
                } else {
                    out.write(run.bytes, i, n);
                    i += n;
                }
            }
        }
        run.size = 0;
    }

    @Override
    public void encode(CharSequence text, SpecialTokens policy, TokenSink sink) {
        Buffers buffers = Buffers.acquire();
        try {
            run(text, policy, new Call(sink, null, buffers));
        } finally {
            buffers.release();
        }
    }

    @Override
    public int[] encode(String text, SpecialTokens policy) {
        IntBuffer ids = new IntBuffer(Math.max(16, text.length() / 3));
        Buffers buffers = Buffers.acquire();
        try {
            run(text, policy, new Call(null, ids, buffers));
        } finally {
            buffers.release();
        }
        return ids.toArray();
    }

    @Override
    public int count(String text, SpecialTokens policy) {
        Buffers buffers = Buffers.acquire();
        try {
            Call call = new Call(null, null, buffers);
            run(text, policy, call);
            return call.count;
        } finally {
            buffers.release();
        }
    }

    private void run(CharSequence text, SpecialTokens policy, Call call) {
        splitter.split(text, policy, call, (start, end) -> encodeText(text, start, end, call));
    }

    /**
     * Encodes {@code text[from, to)} as one input: normalize, segment, byte fallback or unknown runs;
     * block by block where the model allows it, so working memory stays small on long texts.
     */
    private boolean encodeText(CharSequence text, int from, int to, Call call) {
        Buffers buffers = call.buffers;
        byte[] utf8 = buffers.utf8(utf8Length(text, from, to));
        int n = Utf8.encode(text, from, to, utf8, 0);
        Normalizer.Cursor cursor = buffers.cursor;
        cursor.reset();
        NormalizedText norm = buffers.normalized;
        Segmentation seg = buffers.segmentation;
        boolean blocks = blockBytes != Integer.MAX_VALUE;
        float carry = 0f;
        boolean pendingUnk = false; // a run of unknown characters, emitted as one <unk> when it ends
        int unkStart = 0;
        int unkEnd = 0;
        boolean last;
        do {
            last = normalizer.normalizeBlock(utf8, n, cursor, blockBytes, blockCuts, norm);
            if (blocks) {
                carry = segmenter.segmentBlock(norm, carry, seg, buffers.scratch);
            } else {
                segmenter.segment(norm, seg, buffers.scratch);
            }
            int[] orig = norm.toOrig;
            byte[] nb = norm.bytes;
            for (int k = 0; k < seg.count; k++) {
                int s = seg.starts[k];
                int e = seg.ends[k];
                int id = seg.ids[k];
                int cs = from + orig[s];
                int ce = from + orig[e];
                if (id == unkId) {
                    if (byteFallback) {
                        for (int i = s; i < e; i++) {
                            if (!call.emit(model.byteId(nb[i] & 0xFF), cs, ce)) {
                                return false;
                            }
                        }
                    } else if (pendingUnk) {
                        unkEnd = ce;
                    } else {
                        pendingUnk = true;
                        unkStart = cs;
                        unkEnd = ce;
                    }
                    continue;
                }
                if (pendingUnk) {
                    pendingUnk = false;
                    if (!call.emit(unkId, unkStart, unkEnd)) {
                        return false;
                    }
                }
                if (!call.emit(id, cs, ce)) {
                    return false;
                }
            }
        } while (!last);
        return !pendingUnk || call.emit(unkId, unkStart, unkEnd);
    }

    /** The UTF-8 length of {@code text[from, to)}, if it fits in an array. */
    private static int utf8Length(CharSequence text, int from, int to) {
        long n = Utf8.encodedLength(text, from, to);
        if (n > NormalizedText.MAX_BYTES) {
            throw new TokenizerException("the text is " + n + " bytes of UTF-8, over the 2 GB one call can hold; encode it in parts");
        }
        return (int) n;
    }

    @Override
    public String toString() {
        return "SentencePieceTokenizer[" + name + ", " + model.size() + " pieces, " + model.trainer().modelType() + "]";
    }

    /** Per-call state: where tokens go. */
    private static final class Call implements TokenSink {
        final TokenSink sink;
        final IntBuffer ids;
        final Buffers buffers;
        int count;

        Call(TokenSink sink, IntBuffer ids, Buffers buffers) {
            this.sink = sink;
            this.ids = ids;
            this.buffers = buffers;
        }

        boolean emit(int id, int start, int end) {
            count++;
            if (ids != null) {
                ids.add(id);
                return true;
            }
            return sink == null || sink.accept(id, start, end);
        }

        @Override
        public boolean accept(int id, int start, int end) {
            return emit(id, start, end);
        }
    }

    /**
     * Working memory reused by one thread's calls (any SentencePiece tokenizer's). A call made while
     * the thread's buffers are in use (a sink that encodes again) gets fresh ones; buffers grown past
     * {@link #KEEP_BYTES} by a long text are dropped afterwards rather than kept for the thread's life.
     */
    private static final class Buffers {
        private static final int KEEP_BYTES = 1 << 16;
        private static final ThreadLocal<Buffers> PER_THREAD = ThreadLocal.withInitial(Buffers::new);

        byte[] utf8 = new byte[256];
        final NormalizedText normalized = new NormalizedText(256);
        final Segmentation segmentation = new Segmentation(64);
        final Segmenter.Scratch scratch = new Segmenter.Scratch();
        final Normalizer.Cursor cursor = new Normalizer.Cursor();
        private boolean inUse;
        private boolean shared;

        static Buffers acquire() {
            Buffers b = PER_THREAD.get();
            if (b.inUse) {
                b = new Buffers();
            } else {
                b.shared = true;
            }
            b.inUse = true;
            return b;
        }

        void release() {
            inUse = false;
            if (shared && (utf8.length > KEEP_BYTES || normalized.bytes.length > 3 * KEEP_BYTES)) {
                PER_THREAD.remove();
            }
        }

        byte[] utf8(int capacity) {
            if (utf8.length < capacity) {
                utf8 = new byte[capacity];
            }
            return utf8;
        }
    }

    /** A growable byte array with a count of replaced sequences. */
    private static final class Output {
        byte[] bytes;
        int size;
        int replaced;

        Output(int capacity) {
            bytes = new byte[capacity];
        }

        void write(byte b) {
            if (size == bytes.length) {
                bytes = java.util.Arrays.copyOf(bytes, size * 2 + 16);
            }
            bytes[size++] = b;
        }

        void write(byte[] b, int from, int length) {
            if (size + length > bytes.length) {
                bytes = java.util.Arrays.copyOf(bytes, Math.max(size + length, size * 2 + 16));
            }
            System.arraycopy(b, from, bytes, size, length);
            size += length;
        }

        byte[] toByteArray() {
            return java.util.Arrays.copyOf(bytes, size);
        }
    }
}
