package dev.tokenlab.json;

/**
 * JSON {@code null}, a single value.
 *
 * <pre>{@code
 * JsonReader.parse("null".getBytes(UTF_8), "x.json") == JsonNull.NULL;   // true
 * }</pre>
 */
public enum JsonNull implements JsonValue {
    /** The one {@code null}. */
    NULL;

    @Override
    public String toString() {
        return "null";
    }
}
