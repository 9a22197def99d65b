package dev.tokenlab;

/**
 * Base class of every error Tokenlab reports on purpose: a bad model file, a special token the
 * caller disallowed, an id outside the vocabulary. Anything else that escapes is a bug.
 *
 * <p>Messages are written for the person who runs the program: they say what is wrong and where,
 * in one line, so a command-line tool can print {@link #getMessage()} as it is.
 */
public class TokenizerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TokenizerException(String message) {
        super(message);
    }

    public TokenizerException(String message, Throwable cause) {
        super(message, cause);
    }
}
