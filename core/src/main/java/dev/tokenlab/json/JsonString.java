package dev.tokenlab.json;

import java.util.Objects;

/**
 * A JSON string, escapes decoded ({@code "\u00e9"} is {@code é}, a surrogate pair escape is one
 * supplementary character). The reader never makes one with a lone surrogate.
 *
 * <pre>{@code
 * new JsonString("Ġthe").value();   // "Ġthe"
 * }</pre>
 *
 * @param value the decoded text
 */
public record JsonString(String value) implements JsonValue {
    public JsonString {
        Objects.requireNonNull(value, "value");
    }
}
