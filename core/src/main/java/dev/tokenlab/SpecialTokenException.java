package dev.tokenlab;

/**
 * The input contains the text of a special token that the caller's {@link SpecialTokens} policy
 * disallows. Nothing was encoded.
 *
 * <pre>{@code
 * tokenizer.encode("hi <|eot_id|>", SpecialTokens.disallowAll());
 * // throws: input contains the special token <|eot_id|> at character 3, which is disallowed
 * }</pre>
 */
public final class SpecialTokenException extends TokenizerException {
    private static final long serialVersionUID = 1L;

    private final String token;
    private final int charOffset;

    public SpecialTokenException(String token, int charOffset) {
        super("input contains the special token " + token + " at character " + charOffset
                + ", which is disallowed");
        this.token = token;
        this.charOffset = charOffset;
    }

    /** The special token's text, for example {@code <|eot_id|>}. */
    public String token() {
        return token;
    }

    /** Where the token starts in the input, in UTF-16 chars (Java string index). */
    public int charOffset() {
        return charOffset;
    }
}
