package dev.tokenlab.json;

import dev.tokenlab.TokenizerFormatException;

/**
 * The one exception of the JSON reader: the input is not JSON this reader accepts, or a value of the
 * parsed tree is not what a typed accessor asked for. The message is one line: the source, then where
 * (line, column and byte offset for a syntax error, the JSON path for a value of the wrong kind), then
 * what was expected and what was found.
 *
 * <pre>
 * tokenizer.json: line 3, column 17 (byte 52): expected ',' or '}' after an object member, found ']'
 * tokenizer.json: $.model.vocab.abc: expected an integer, found a string
 * </pre>
 *
 * <p>It is a {@link TokenizerFormatException}, so a loader can let it pass as the format error it is.
 */
public final class JsonException extends TokenizerFormatException {
    private static final long serialVersionUID = 1L;

    private final int offset;

    private JsonException(String source, String message, int offset) {
        super(source, message);
        this.offset = offset;
    }

    /** A syntax error at byte {@code offset} of {@code json}. */
    static JsonException syntax(String source, byte[] json, int offset, String message) {
        return new JsonException(source, Text.position(json, offset) + ": " + message, offset);
    }

    /** A value of the parsed tree that is not what was asked for, at {@code path} ({@code $.model.type}). */
    static JsonException at(String source, String path, String message) {
        return new JsonException(source, path + ": " + message, -1);
    }

    /** An error about a value without a place in a tree (a {@link JsonNumber} converted on its own). */
    static JsonException of(String source, String message) {
        return new JsonException(source, message, -1);
    }

    /** The byte offset of a syntax error in the input, or -1 for an error the typed accessors found. */
    public int offset() {
        return offset;
    }
}
