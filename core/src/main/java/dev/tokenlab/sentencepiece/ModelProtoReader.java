package dev.tokenlab.sentencepiece;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Parses the protocol-buffer wire format of {@code sentencepiece_model.proto}'s {@code ModelProto}:
 * the fields Tokenlab uses are read, every other field is skipped by its wire type. Field numbers:
 *
 * <pre>
 * ModelProto     1 pieces (SentencePiece, repeated)  2 trainer_spec  3 normalizer_spec  4 self_test_data
 *                5 denormalizer_spec
 * SentencePiece  1 piece (string)  2 score (float)  3 type (enum)
 * TrainerSpec    3 model_type  22 split_by_whitespace  24 treat_whitespace_as_suffix  25 split_digits
 *                26 allow_whitespace_only_pieces  35 byte_fallback  40 unk_id  41 bos_id  42 eos_id  43 pad_id
 *                44 unk_surface  45 unk_piece  46 bos_piece  47 eos_piece  48 pad_piece
 * NormalizerSpec 1 name  2 precompiled_charsmap  3 add_dummy_prefix  4 remove_extra_whitespaces
 *                5 escape_whitespaces
 * </pre>
 *
 * Every length is checked against the bytes left before anything is allocated, so the memory a parse
 * uses is bounded by the input's size; every loop advances, so a parse always ends.
 */
final class ModelProtoReader {
    private ModelProtoReader() {
    }

    static SentencePieceModel read(byte[] bytes, String source) {
        WireReader in = new WireReader(bytes, source);
        if (bytes.length == 0) {
            throw in.error(0, "expected a SentencePiece ModelProto, found an empty file");
        }
        List<byte[]> pieces = new ArrayList<>();
        FloatList scores = new FloatList();
        List<PieceType> types = new ArrayList<>();
        TrainerSpec trainer = TrainerSpec.defaults();
        NormalizerSpec normalizer = NormalizerSpec.defaults();
        while (in.hasMore()) {
            int tag = in.readTag();
            switch (tag >>> 3) {
                case 1 -> {
                    in.expectWireType(tag, WireReader.LENGTH_DELIMITED, "pieces");
                    readPiece(in, pieces.size(), pieces, scores, types);
                }
                case 2 -> {
                    in.expectWireType(tag, WireReader.LENGTH_DELIMITED, "trainer_spec");
                    trainer = readTrainer(in, trainer);
                }
                case 3 -> {
                    in.expectWireType(tag, WireReader.LENGTH_DELIMITED, "normalizer_spec");
                    normalizer = readNormalizer(in, normalizer, "normalizer_spec");
                }
                case 5 -> {
                    in.expectWireType(tag, WireReader.LENGTH_DELIMITED, "denormalizer_spec");
                    int at = in.position();
                    NormalizerSpec denormalizer = readNormalizer(in, NormalizerSpec.defaults(), "denormalizer_spec");
                    if (denormalizer.precompiledCharsmap().length > 0) {
                        throw in.error(at, "the model has a denormalizer (a rule applied after decoding); Tokenlab does not"
                                + " support denormalizers");
                    }
                }
                default -> in.skip(tag);
            }
        }
        if (pieces.isEmpty()) {
            throw in.error(bytes.length, "expected at least one piece (field 1), found none: not a SentencePiece model");
        }
        return new SentencePieceModel(pieces.toArray(new byte[0][]), scores.toArray(), types.toArray(new PieceType[0]),
                trainer, normalizer, source);
    }

    private static void readPiece(WireReader in, int index, List<byte[]> pieces, FloatList scores, List<PieceType> types) {
        int length = in.readLength("piece " + index);
        int outer = in.pushLimit(length);
        byte[] piece = null;
        float score = 0f;
        PieceType type = PieceType.NORMAL;
        while (in.hasMore()) {
            int tag = in.readTag();
            switch (tag >>> 3) {
                case 1 -> {
                    in.expectWireType(tag, WireReader.LENGTH_DELIMITED, "piece " + index + " text");
                    piece = in.readBytes("the text of piece " + index);
                }
                case 2 -> {
                    in.expectWireType(tag, WireReader.FIXED32, "piece " + index + " score");
                    score = Float.intBitsToFloat(in.readFixed32("the score of piece " + index));
                }
                case 3 -> {
                    in.expectWireType(tag, WireReader.VARINT, "piece " + index + " type");
                    int at = in.position();
                    long value = in.readVarint("the type of piece " + index);
                    type = PieceType.fromWire(value);
                    if (type == null) {
                        throw in.error(at, "piece " + index + " has type " + value + "; expected 1..6 (NORMAL, UNKNOWN,"
                                + " CONTROL, USER_DEFINED, UNUSED, BYTE)");
                    }
                }
                default -> in.skip(tag);
            }
        }
        in.popLimit(outer);
        pieces.add(piece == null ? new byte[0] : piece);
        scores.add(score);
        types.add(type);
    }

    private static TrainerSpec readTrainer(WireReader in, TrainerSpec t) {
        int length = in.readLength("trainer_spec");
        int outer = in.pushLimit(length);
        ModelType modelType = t.modelType();
        boolean byteFallback = t.byteFallback();
        boolean splitDigits = t.splitDigits();
        boolean splitByWhitespace = t.splitByWhitespace();
        boolean suffix = t.treatWhitespaceAsSuffix();
        boolean wsOnly = t.allowWhitespaceOnlyPieces();
        int unkId = t.unkId();
        int bosId = t.bosId();
        int eosId = t.eosId();
        int padId = t.padId();
        String unkPiece = t.unkPiece();
        String bosPiece = t.bosPiece();
        String eosPiece = t.eosPiece();
        String padPiece = t.padPiece();
        String unkSurface = t.unkSurface();
        while (in.hasMore()) {
            int tag = in.readTag();
            int field = tag >>> 3;
            switch (field) {
                case 3 -> {
                    int at = in.position();
                    long v = varint(in, tag, "model_type");
                    modelType = ModelType.fromWire(v);
                    if (modelType == null) {
                        throw in.error(at, "model_type " + v + " is not one of 1..4 (UNIGRAM, BPE, WORD, CHAR)");
                    }
                }
                case 22 -> splitByWhitespace = varint(in, tag, "split_by_whitespace") != 0;
                case 24 -> suffix = varint(in, tag, "treat_whitespace_as_suffix") != 0;
                case 25 -> splitDigits = varint(in, tag, "split_digits") != 0;
                case 26 -> wsOnly = varint(in, tag, "allow_whitespace_only_pieces") != 0;
                case 35 -> byteFallback = varint(in, tag, "byte_fallback") != 0;
                case 40 -> unkId = (int) varint(in, tag, "unk_id");
                case 41 -> bosId = (int) varint(in, tag, "bos_id");
                case 42 -> eosId = (int) varint(in, tag, "eos_id");
                case 43 -> padId = (int) varint(in, tag, "pad_id");
                case 44 -> unkSurface = string(in, tag, "unk_surface");
                case 45 -> unkPiece = string(in, tag, "unk_piece");
                case 46 -> bosPiece = string(in, tag, "bos_piece");
                case 47 -> eosPiece = string(in, tag, "eos_piece");
                case 48 -> padPiece = string(in, tag, "pad_piece");
                default -> in.skip(tag);
            }
        }
        in.popLimit(outer);
        // The C++ library falls back to the default text when a piece name is set but empty.
        return new TrainerSpec(modelType, byteFallback, splitDigits, splitByWhitespace, suffix, wsOnly, unkId, bosId, eosId,
                padId, unkPiece.isEmpty() ? "<unk>" : unkPiece, bosPiece.isEmpty() ? "<s>" : bosPiece,
                eosPiece.isEmpty() ? "</s>" : eosPiece, padPiece.isEmpty() ? "<pad>" : padPiece, unkSurface);
    }

    private static NormalizerSpec readNormalizer(WireReader in, NormalizerSpec n, String what) {
        int length = in.readLength(what);
        int outer = in.pushLimit(length);
        String name = n.name();
        byte[] charsmap = n.precompiledCharsmap();
        boolean dummy = n.addDummyPrefix();
        boolean removeExtra = n.removeExtraWhitespaces();
        boolean escape = n.escapeWhitespaces();
        while (in.hasMore()) {
            int tag = in.readTag();
            switch (tag >>> 3) {
                case 1 -> name = string(in, tag, what + ".name");
                case 2 -> {
                    in.expectWireType(tag, WireReader.LENGTH_DELIMITED, what + ".precompiled_charsmap");
                    charsmap = in.readBytes(what + ".precompiled_charsmap");
                }
                case 3 -> dummy = varint(in, tag, "add_dummy_prefix") != 0;
                case 4 -> removeExtra = varint(in, tag, "remove_extra_whitespaces") != 0;
                case 5 -> escape = varint(in, tag, "escape_whitespaces") != 0;
                default -> in.skip(tag);
            }
        }
        in.popLimit(outer);
        return new NormalizerSpec(name, charsmap, dummy, removeExtra, escape);
    }

    private static long varint(WireReader in, int tag, String what) {
        in.expectWireType(tag, WireReader.VARINT, what);
        return in.readVarint(what);
    }

    private static String string(WireReader in, int tag, String what) {
        in.expectWireType(tag, WireReader.LENGTH_DELIMITED, what);
        return new String(in.readBytes(what), StandardCharsets.UTF_8);
    }

    /** A growable float array. */
    private static final class FloatList {
        private float[] values = new float[1024];
        private int size;

        void add(float v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        float[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
