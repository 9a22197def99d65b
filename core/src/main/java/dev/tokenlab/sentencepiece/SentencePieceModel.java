package dev.tokenlab.sentencepiece;

import dev.tokenlab.TokenizerFormatException;
import dev.tokenlab.internal.Utf8;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * A SentencePiece model as its {@code .model} file ({@code ModelProto}) declares it: the pieces with
 * their scores and types, and the trainer and normalizer settings that decide how text is encoded.
 * Immutable and thread-safe; {@link SentencePieceTokenizer} encodes with it.
 *
 * <pre>{@code
 * SentencePieceModel m = SentencePieceModel.read(Files.readAllBytes(Path.of("tokenizer.model")), "tokenizer.model");
 * m.size();           // 32000 (Llama 2)
 * m.piece(15043);     // "▁Hello"
 * m.score(15043);     // -14784.0
 * m.type(3);          // BYTE ("<0x00>")
 * m.trainer().modelType();   // BPE
 * }</pre>
 *
 * <p>The checks are those the C++ library makes when it loads a model: every piece non-empty,
 * shorter than 8,000 bytes and free of NUL; no piece twice; exactly one {@code UNKNOWN} piece; byte
 * pieces only with {@code byte_fallback}, and then all 256 of them. A model that fails one is a
 * {@link TokenizerFormatException}. The model's self-test samples are not run.
 */
public final class SentencePieceModel {
    /** The longest piece the C++ library accepts, in bytes (exclusive). */
    static final int MAX_PIECE_BYTES = 8000;

    private final String[] pieces;
    private final byte[][] pieceBytes;
    private final float[] scores;
    private final PieceType[] types;
    private final TrainerSpec trainer;
    private final NormalizerSpec normalizer;
    private final int unkId;
    private final int[] byteIds;

    SentencePieceModel(byte[][] pieceBytes, float[] scores, PieceType[] types, TrainerSpec trainer,
                       NormalizerSpec normalizer, String source) {
        this.pieceBytes = pieceBytes;
        this.scores = scores;
        this.types = types;
        this.trainer = trainer;
        this.normalizer = normalizer;
        this.pieces = new String[pieceBytes.length];
        for (int i = 0; i < pieceBytes.length; i++) {
            pieces[i] = new String(pieceBytes[i], StandardCharsets.UTF_8);
        }
        if (trainer.modelType() != ModelType.BPE && trainer.modelType() != ModelType.UNIGRAM) {
            throw new TokenizerFormatException(source, "a " + trainer.modelType() + " model; Tokenlab encodes BPE and UNIGRAM"
                    + " SentencePiece models only");
        }
        int unk = -1;
        int[] bytes = new int[256];
        Arrays.fill(bytes, -1);
        Set<String> segmentable = new HashSet<>();
        Set<String> reserved = new HashSet<>();
        for (int i = 0; i < pieceBytes.length; i++) {
            byte[] p = pieceBytes[i];
            String where = "piece " + i + " (" + Utf8.quote(p) + ")";
            if (p.length == 0) {
                throw new TokenizerFormatException(source, "piece " + i + " is empty; SentencePiece requires non-empty pieces");
            }
            if (p.length >= MAX_PIECE_BYTES) {
                throw new TokenizerFormatException(source, "piece " + i + " is " + p.length + " bytes; SentencePiece requires"
                        + " fewer than " + MAX_PIECE_BYTES);
            }
            for (int k = 0; k < p.length; k++) {
                if (p[k] == 0) {
                    throw new TokenizerFormatException(source, "piece " + i + " contains a NUL byte (at byte " + k
                            + " of the piece); SentencePiece forbids them");
                }
            }
            if (!(types[i].isSegmentable() ? segmentable : reserved).add(pieces[i])) {
                throw new TokenizerFormatException(source, where + " is defined twice");
            }
            if (types[i] == PieceType.UNKNOWN) {
                if (unk >= 0) {
                    throw new TokenizerFormatException(source, where + " is a second UNKNOWN piece (the first is " + unk + ")");
                }
                unk = i;
            }
            if (types[i] == PieceType.BYTE) {
                if (!trainer.byteFallback()) {
                    throw new TokenizerFormatException(source, where + " is a BYTE piece but byte_fallback is false");
                }
                int b = byteValue(pieces[i]);
                if (b < 0) {
                    throw new TokenizerFormatException(source, where + " is a BYTE piece but not of the form <0xNN>");
                }
                bytes[b] = i;
            }
        }
        if (unk < 0) {
            throw new TokenizerFormatException(source, "no UNKNOWN piece; SentencePiece requires one");
        }
        if (segmentable.isEmpty()) {
            throw new TokenizerFormatException(source, "no NORMAL, USER_DEFINED or UNUSED piece");
        }
        if (trainer.byteFallback()) {
            for (int b = 0; b < 256; b++) {
                if (bytes[b] < 0) {
                    throw new TokenizerFormatException(source, String.format("byte_fallback is true but the byte piece <0x%02X>"
                            + " is missing; SentencePiece requires all 256", b));
                }
            }
        }
        this.unkId = unk;
        this.byteIds = bytes;
    }

    /**
     * Reads a model from the bytes of a {@code .model} file.
     *
     * @param bytes  the file's bytes (not modified, not kept)
     * @param source the file name, for error messages
     * @throws TokenizerFormatException if the bytes are truncated, corrupt, or not a model Tokenlab can encode with
     */
    public static SentencePieceModel read(byte[] bytes, String source) {
        return ModelProtoReader.read(bytes, source);
    }

    /**
     * A BPE model from pieces, scores and types held outside a {@code .model} file (a GGUF file's {@code llama}
     * vocabulary): byte fallback as given, and a normalizer that only writes spaces as {@code ▁} — no dummy prefix,
     * no whitespace cleanup, no character map — as llama.cpp's SentencePiece-style tokenizer does. The same checks
     * as {@link #read} apply.
     *
     * @throws TokenizerFormatException if the pieces break a rule SentencePiece models keep
     */
    public static SentencePieceModel bpe(byte[][] pieces, float[] scores, PieceType[] types, boolean byteFallback, int unkId,
                                         String source) {
        TrainerSpec trainer = new TrainerSpec(ModelType.BPE, byteFallback, false, true, false, false, unkId, -1, -1, -1,
                "<unk>", "<s>", "</s>", "<pad>", " \u2047 ");
        NormalizerSpec normalizer = new NormalizerSpec("identity", new byte[0], false, false, true);
        return new SentencePieceModel(pieces, scores, types, trainer, normalizer, source);
    }

    /** The byte value of a piece {@code <0xNN>} (upper-case hex, as the C++ library writes it), or -1. */
    static int byteValue(String piece) {
        if (piece.length() != 6 || !piece.startsWith("<0x") || piece.charAt(5) != '>') {
            return -1;
        }
        int hi = Character.digit(piece.charAt(3), 16);
        int lo = Character.digit(piece.charAt(4), 16);
        if (hi < 0 || lo < 0 || Character.isLowerCase(piece.charAt(3)) || Character.isLowerCase(piece.charAt(4))) {
            return -1;
        }
        return hi * 16 + lo;
    }

    /** Number of pieces; ids are {@code 0..size()-1}. */
    public int size() {
        return pieces.length;
    }

    /** The text of piece {@code id}, with {@code ▁} for spaces, as the model file has it. */
    public String piece(int id) {
        return pieces[id];
    }

    /** The UTF-8 bytes of piece {@code id} (a copy). */
    public byte[] pieceBytes(int id) {
        return pieceBytes[id].clone();
    }

    byte[] pieceBytesUnsafe(int id) {
        return pieceBytes[id];
    }

    /** The score of piece {@code id}: merge priority for BPE, log probability for Unigram. */
    public float score(int id) {
        return scores[id];
    }

    /** The type of piece {@code id}. */
    public PieceType type(int id) {
        return types[id];
    }

    /** The trainer settings. */
    public TrainerSpec trainer() {
        return trainer;
    }

    /** The normalizer settings. */
    NormalizerSpec normalizer() {
        return normalizer;
    }

    /** The id of the {@code UNKNOWN} piece. */
    public int unkId() {
        return unkId;
    }

    /** The id of the byte piece for {@code b} (0..255), or -1 when the model has no byte fallback. */
    public int byteId(int b) {
        return byteIds[b];
    }

    /**
     * The id of a piece by its text, as the C++ {@code PieceToId} finds it (control, unknown and byte
     * pieces first), or -1 if there is none.
     */
    public int id(String piece) {
        int found = -1;
        for (int i = 0; i < pieces.length; i++) {
            if (pieces[i].equals(piece)) {
                if (!types[i].isSegmentable()) {
                    return i;
                }
                if (found < 0) {
                    found = i;
                }
            }
        }
        return found;
    }

    @Override
    public String toString() {
        return "SentencePieceModel[" + pieces.length + " pieces, " + trainer.modelType() + ", normalizer " + normalizer.name() + "]";
    }
}
