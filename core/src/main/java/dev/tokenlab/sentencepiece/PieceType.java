package dev.tokenlab.sentencepiece;

/**
 * The kind of a SentencePiece vocabulary entry ({@code ModelProto.SentencePiece.Type}), with its
 * wire number.
 *
 * <pre>{@code
 * // Llama 2: 0 <unk> UNKNOWN, 1 <s> CONTROL, 2 </s> CONTROL, 3..258 <0x00>..<0xFF> BYTE, the rest NORMAL
 * model.type(1);    // CONTROL
 * model.type(15043); // NORMAL ("▁Hello")
 * }</pre>
 */
public enum PieceType {
    /** An ordinary piece the segmenter may produce. */
    NORMAL(1),
    /** The one unknown piece ({@code <unk>}); text that no piece covers becomes it (or bytes, with byte fallback). */
    UNKNOWN(2),
    /** A control symbol such as {@code <s>}: never produced from text, invisible when decoding. */
    CONTROL(3),
    /** A user-defined symbol: always one piece wherever its text appears, never normalized. */
    USER_DEFINED(4),
    /** A piece the segmenter must not produce (BPE splits it back into the pieces it was merged from). */
    UNUSED(5),
    /** One of the 256 byte pieces {@code <0x00>}..{@code <0xFF>} of a byte-fallback model. */
    BYTE(6);

    private final int wireValue;

    PieceType(int wireValue) {
        this.wireValue = wireValue;
    }

    /** The enum number in {@code sentencepiece_model.proto}. */
    public int wireValue() {
        return wireValue;
    }

    /** The type with wire number {@code value}, or {@code null} if there is none. */
    static PieceType fromWire(long value) {
        for (PieceType t : values()) {
            if (t.wireValue == value) {
                return t;
            }
        }
        return null;
    }

    /** Whether the segmenter may produce this piece from text (the C++ library's {@code pieces_} map). */
    boolean isSegmentable() {
        return this == NORMAL || this == USER_DEFINED || this == UNUSED;
    }
}
