package dev.tokenlab.json;

/**
 * One JSON value of a parsed tree: {@link JsonObject}, {@link JsonArray}, {@link JsonString},
 * {@link JsonNumber}, {@link JsonBoolean} or {@link JsonNull}. Every one is immutable and compares by
 * content; the tree is safe to share between threads.
 *
 * <pre>{@code
 * JsonValue v = JsonReader.parse("[1, \"a\"]".getBytes(UTF_8), "example.json");
 * if (v instanceof JsonArray a && a.get(1) instanceof JsonString s) {
 *     s.value();   // "a"
 * }
 * }</pre>
 *
 * <p>Loaders mostly use the typed accessors of {@link JsonObject} and {@link JsonArray} instead,
 * whose errors name the JSON path of the value.
 */
public sealed interface JsonValue permits JsonObject, JsonArray, JsonString, JsonNumber, JsonBoolean, JsonNull {
}
