package dev.tokenlab;

/**
 * A model or vocabulary file that cannot be read: truncated, corrupt, of the wrong format, or with a
 * checksum that does not match. The message names the source, the position (line or byte offset)
 * and what was expected there.
 *
 * <pre>{@code
 * dev.tokenlab.TokenizerFormatException: tokenizer.model, line 17: expected "BASE64 RANK", found "hello"
 * }</pre>
 */
public class TokenizerFormatException extends TokenizerException {
    private static final long serialVersionUID = 1L;

    private final String source;

    public TokenizerFormatException(String source, String message) {
        super(source + ": " + message);
        this.source = source;
    }

    public TokenizerFormatException(String source, String message, Throwable cause) {
        super(source + ": " + message, cause);
        this.source = source;
    }

    /** The file or resource that could not be read, as given to the reader. */
    public String source() {
        return source;
    }
}
