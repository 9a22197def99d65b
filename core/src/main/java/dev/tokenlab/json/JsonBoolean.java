package dev.tokenlab.json;

/**
 * JSON {@code true} or {@code false}.
 *
 * <pre>{@code
 * JsonBoolean.of(true) == JsonBoolean.TRUE;   // the reader uses the two constants
 * }</pre>
 *
 * @param value the truth value
 */
public record JsonBoolean(boolean value) implements JsonValue {
    /** {@code true}. */
    public static final JsonBoolean TRUE = new JsonBoolean(true);
    /** {@code false}. */
    public static final JsonBoolean FALSE = new JsonBoolean(false);

    /** {@link #TRUE} or {@link #FALSE}. */
    public static JsonBoolean of(boolean value) {
        return value ? TRUE : FALSE;
    }
}
