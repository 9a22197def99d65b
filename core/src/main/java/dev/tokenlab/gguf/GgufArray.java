package dev.tokenlab.gguf;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One GGUF array value: its element type and its elements, kept in the most compact Java form —
 * {@code byte[]} for {@code uint8}, {@code int8} and {@code bool}, {@code short[]} for 16-bit, {@code int[]} for
 * 32-bit integers, {@code long[]} for 64-bit, {@code float[]}, {@code double[]}, the raw UTF-8 of each string
 * ({@code byte[][]}), or nested {@code GgufArray[]}. Unsigned values keep their bits (read {@code uint32} with
 * {@link Integer#toUnsignedLong}). Not copied on access: treat the arrays as read-only.
 */
public final class GgufArray {
    private final GgufType elementType;
    private final int length;
    private final Object data;

    GgufArray(GgufType elementType, int length, Object data) {
        this.elementType = elementType;
        this.length = length;
        this.data = data;
    }

    /** The type of every element. */
    public GgufType elementType() {
        return elementType;
    }

    /** Number of elements. */
    public int length() {
        return length;
    }

    /** The elements of a {@code uint8}, {@code int8} or {@code bool} array. */
    public byte[] bytes() {
        return (byte[]) data;
    }

    /** The elements of a 32-bit integer array ({@code uint32} as bits). */
    public int[] ints() {
        return (int[]) data;
    }

    /** The elements of a 16-bit integer array. */
    public short[] shorts() {
        return (short[]) data;
    }

    /** The elements of a 64-bit integer array. */
    public long[] longs() {
        return (long[]) data;
    }

    /** The elements of a {@code float32} array. */
    public float[] floats() {
        return (float[]) data;
    }

    /** The elements of a {@code float64} array. */
    public double[] doubles() {
        return (double[]) data;
    }

    /** The raw UTF-8 of each element of a {@code string} array. */
    public byte[][] rawStrings() {
        return (byte[][]) data;
    }

    /** The elements of an array of arrays. */
    public GgufArray[] arrays() {
        return (GgufArray[]) data;
    }

    /** Element {@code i} of a {@code string} array, decoded (malformed UTF-8 becomes U+FFFD). */
    public String string(int i) {
        return new String(rawStrings()[i], StandardCharsets.UTF_8);
    }

    /** The element {@code i} of an integer array, as a {@code long} (unsigned types zero-extended). */
    public long integer(int i) {
        return switch (elementType) {
            case UINT8 -> bytes()[i] & 0xFFL;
            case INT8 -> bytes()[i];
            case UINT16 -> shorts()[i] & 0xFFFFL;
            case INT16 -> shorts()[i];
            case UINT32 -> Integer.toUnsignedLong(ints()[i]);
            case INT32 -> ints()[i];
            case UINT64, INT64 -> longs()[i];
            default -> throw new IllegalStateException("an array of " + elementType.label() + ", not of integers");
        };
    }

    /** The element {@code i} of a numeric array as a {@code double}. */
    public double number(int i) {
        return switch (elementType) {
            case FLOAT32 -> floats()[i];
            case FLOAT64 -> doubles()[i];
            case UINT64 -> longs()[i] < 0 ? Math.scalb((double) (longs()[i] >>> 1), 1) : longs()[i];
            default -> integer(i);
        };
    }

    @Override
    public String toString() {
        String preview = switch (elementType) {
            case STRING -> length == 0 ? "" : "\"" + string(0) + "\"" + (length > 1 ? ", …" : "");
            case ARRAY -> length == 0 ? "" : arrays()[0] + (length > 1 ? ", …" : "");
            case FLOAT32 -> Arrays.toString(Arrays.copyOf(floats(), Math.min(3, length)));
            case FLOAT64 -> Arrays.toString(Arrays.copyOf(doubles(), Math.min(3, length)));
            case BOOL -> length == 0 ? "" : (bytes()[0] != 0) + (length > 1 ? ", …" : "");
            default -> length == 0 ? "" : integer(0) + (length > 1 ? ", …" : "");
        };
        return "[" + elementType.label() + " × " + length + (preview.isEmpty() ? "" : ": " + preview) + "]";
    }
}
