package dev.tokenlab.gguf;

/**
 * The value types of GGUF metadata, with their numbers in the file ({@code enum gguf_type} of ggml) and the
 * bytes one value of a fixed-size type takes.
 */
public enum GgufType {
    UINT8(0, 1), INT8(1, 1), UINT16(2, 2), INT16(3, 2), UINT32(4, 4), INT32(5, 4), FLOAT32(6, 4), BOOL(7, 1),
    STRING(8, -1), ARRAY(9, -1), UINT64(10, 8), INT64(11, 8), FLOAT64(12, 8);

    private static final GgufType[] BY_ID = values();

    private final int id;
    private final int size;

    GgufType(int id, int size) {
        this.id = id;
        this.size = size;
    }

    /** The type's number in the file. */
    public int id() {
        return id;
    }

    /** Bytes per value for fixed-size types; -1 for strings and arrays. */
    public int size() {
        return size;
    }

    /** Whether the type is an integer (signed or not). */
    public boolean isInteger() {
        return this == UINT8 || this == INT8 || this == UINT16 || this == INT16 || this == UINT32 || this == INT32
                || this == UINT64 || this == INT64;
    }

    /** The type numbered {@code id}, or null. */
    static GgufType of(long id) {
        return id >= 0 && id < BY_ID.length ? BY_ID[(int) id] : null;
    }

    /** Lower-case name as ggml prints it ({@code uint32}, {@code string} …). */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
