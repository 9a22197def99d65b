package dev.tokenlab.gguf;

/**
 * One GGUF metadata value: its type and its Java form — {@link Long} for every integer type (unsigned ones
 * zero-extended; {@code uint64} keeps its bits), {@link Float}, {@link Double}, {@link Boolean}, {@link String}
 * (malformed UTF-8 decoded to U+FFFD) or {@link GgufArray}.
 *
 * @param type  the type written in the file
 * @param value the value
 */
public record GgufValue(GgufType type, Object value) {

    /** Whether this is an array whose elements are of {@code elementType}. */
    public boolean isArrayOf(GgufType elementType) {
        return value instanceof GgufArray a && a.elementType() == elementType;
    }

    /** The value as an array, or null if it is not one. */
    public GgufArray array() {
        return value instanceof GgufArray a ? a : null;
    }

    @Override
    public String toString() {
        return switch (type) {
            case STRING -> "\"" + value + "\"";
            case ARRAY -> value.toString();
            default -> type.label() + " " + value;
        };
    }
}
