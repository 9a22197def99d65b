package dev.tokenlab.sentencepiece;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Builds small SentencePiece models in protobuf wire format for tests, piece by piece, the way the
 * C++ library's unit tests build a {@code ModelProto} with {@code AddPiece}. Defaults are a BPE model
 * with byte fallback off, the identity normalizer, a dummy prefix and spaces kept.
 *
 * <pre>{@code
 * byte[] model = new ModelProtoWriter()
 *         .piece("<unk>", 0, PieceType.UNKNOWN)   // 0
 *         .piece("a", -1)                         // 1
 *         .piece("b", -2)                         // 2
 *         .piece("ab", -0.5f)                     // 3
 *         .bytes();
 * }</pre>
 */
public final class ModelProtoWriter {
    private final ByteArrayOutputStream pieces = new ByteArrayOutputStream();
    private final ByteArrayOutputStream trainerExtra = new ByteArrayOutputStream();
    private final ByteArrayOutputStream extra = new ByteArrayOutputStream();
    private ModelType modelType = ModelType.BPE;
    private boolean byteFallback;
    private boolean treatWhitespaceAsSuffix;
    private boolean addDummyPrefix = true;
    private boolean removeExtraWhitespaces;
    private boolean escapeWhitespaces = true;
    private byte[] charsmap = new byte[0];
    private String unkSurface;
    private int count;

    /** Adds a NORMAL piece; returns this. Ids are given in order of addition from 0. */
    public ModelProtoWriter piece(String piece, float score) {
        return piece(piece, score, PieceType.NORMAL);
    }

    /** Adds a piece of any type. */
    public ModelProtoWriter piece(String piece, float score, PieceType type) {
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        string(p, 1, piece);
        tag(p, 2, 5);
        int bits = Float.floatToIntBits(score);
        for (int k = 0; k < 4; k++) {
            p.write(bits >>> (8 * k));
        }
        if (type != PieceType.NORMAL) {
            varintField(p, 3, type.wireValue());
        }
        message(pieces, 1, p.toByteArray());
        count++;
        return this;
    }

    /** Adds the 256 byte pieces {@code <0x00>..<0xFF>} (score 0) and turns byte fallback on. */
    public ModelProtoWriter bytePieces() {
        for (int b = 0; b < 256; b++) {
            piece(String.format("<0x%02X>", b), 0f, PieceType.BYTE);
        }
        byteFallback = true;
        return this;
    }

    /** Number of pieces added so far (the next piece's id). */
    public int size() {
        return count;
    }

    public ModelProtoWriter modelType(ModelType type) {
        this.modelType = type;
        return this;
    }

    public ModelProtoWriter byteFallback(boolean on) {
        this.byteFallback = on;
        return this;
    }

    public ModelProtoWriter treatWhitespaceAsSuffix(boolean on) {
        this.treatWhitespaceAsSuffix = on;
        return this;
    }

    public ModelProtoWriter addDummyPrefix(boolean on) {
        this.addDummyPrefix = on;
        return this;
    }

    public ModelProtoWriter removeExtraWhitespaces(boolean on) {
        this.removeExtraWhitespaces = on;
        return this;
    }

    public ModelProtoWriter escapeWhitespaces(boolean on) {
        this.escapeWhitespaces = on;
        return this;
    }

    public ModelProtoWriter charsmap(byte[] compiled) {
        this.charsmap = compiled.clone();
        return this;
    }

    public ModelProtoWriter unkSurface(String surface) {
        this.unkSurface = surface;
        return this;
    }

    /** Adds a field the reader does not know to the trainer spec (to test skipping). */
    public ModelProtoWriter unknownTrainerField(int field, int wireType, byte[] payload) {
        tag(trainerExtra, field, wireType);
        if (wireType == 2) {
            varint(trainerExtra, payload.length);
        }
        trainerExtra.writeBytes(payload);
        return this;
    }

    /** Adds a top-level field the reader does not know (to test skipping). */
    public ModelProtoWriter unknownField(int field, int wireType, byte[] payload) {
        tag(extra, field, wireType);
        if (wireType == 2) {
            varint(extra, payload.length);
        }
        extra.writeBytes(payload);
        return this;
    }

    /** The model file's bytes. */
    public byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(pieces.toByteArray());
        ByteArrayOutputStream t = new ByteArrayOutputStream();
        varintField(t, 3, modelType.wireValue());
        varintField(t, 4, count);
        if (treatWhitespaceAsSuffix) {
            varintField(t, 24, 1);
        }
        varintField(t, 35, byteFallback ? 1 : 0);
        if (unkSurface != null) {
            string(t, 44, unkSurface);
        }
        t.writeBytes(trainerExtra.toByteArray());
        message(out, 2, t.toByteArray());
        ByteArrayOutputStream n = new ByteArrayOutputStream();
        string(n, 1, charsmap.length == 0 ? "identity" : "custom");
        if (charsmap.length > 0) {
            message(n, 2, charsmap);
        }
        varintField(n, 3, addDummyPrefix ? 1 : 0);
        varintField(n, 4, removeExtraWhitespaces ? 1 : 0);
        varintField(n, 5, escapeWhitespaces ? 1 : 0);
        message(out, 3, n.toByteArray());
        out.writeBytes(extra.toByteArray());
        return out.toByteArray();
    }

    static void tag(ByteArrayOutputStream out, int field, int wireType) {
        varint(out, ((long) field << 3) | wireType);
    }

    static void varint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    static void varintField(ByteArrayOutputStream out, int field, long v) {
        tag(out, field, 0);
        varint(out, v);
    }

    static void string(ByteArrayOutputStream out, int field, String s) {
        message(out, field, s.getBytes(StandardCharsets.UTF_8));
    }

    static void message(ByteArrayOutputStream out, int field, byte[] body) {
        tag(out, field, 2);
        varint(out, body.length);
        out.writeBytes(body);
    }
}
