package dev.tokenlab.json;

import java.util.Objects;

/**
 * Parses UTF-8 JSON bytes into an immutable tree of {@link JsonValue}s, strictly (RFC 8259, as
 * serde_json reads it; see the {@linkplain dev.tokenlab.json package} for the rules), in time linear
 * in the input and without recursion.
 *
 * <pre>{@code
 * JsonObject root = JsonReader.parseObject(Files.readAllBytes(path), path.toString());
 * JsonValue any = JsonReader.parse(bytes, "manifest.json", 64);   // nesting limit 64
 * }</pre>
 *
 * <p>Every problem is a {@link JsonException} naming {@code source}, the line, the column and the
 * byte offset: {@code tokenizer.json: line 3, column 17 (byte 52): expected ',' or '}' after an object
 * member, found ']'}.
 */
public final class JsonReader {
    /** The nesting limit of {@link #parse(byte[], String)}: arrays and objects inside each other, 512 deep. */
    public static final int DEFAULT_MAX_DEPTH = 512;

    private JsonReader() {
    }

    /** Parses one JSON value, nested at most {@link #DEFAULT_MAX_DEPTH} deep. */
    public static JsonValue parse(byte[] json, String source) {
        return parse(json, source, DEFAULT_MAX_DEPTH);
    }

    /**
     * Parses one JSON value, nested at most {@code maxDepth} deep ({@code [[1]]} is 2 deep, a scalar 0).
     *
     * @param source the name of the input in error messages, as {@code tokenizer.json}
     * @throws IllegalArgumentException when {@code maxDepth} is below 1
     */
    public static JsonValue parse(byte[] json, String source, int maxDepth) {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(source, "source");
        if (maxDepth < 1) {
            throw new IllegalArgumentException("maxDepth must be at least 1, not " + maxDepth);
        }
        return new Parser(json, source, maxDepth).parse();
    }

    /** Parses one JSON value that must be an object, as a {@code tokenizer.json} is. */
    public static JsonObject parseObject(byte[] json, String source) {
        JsonValue value = parse(json, source);
        if (value instanceof JsonObject o) {
            return o;
        }
        throw JsonException.at(source, "$", "expected an object, found " + Text.describe(value));
    }
}
