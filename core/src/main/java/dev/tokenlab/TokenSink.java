package dev.tokenlab;

/**
 * Receives tokens one at a time as an encoder produces them, so callers can count, collect spans,
 * or stop early (a token budget) in the same pass, without an intermediate id array.
 *
 * <pre>{@code
 * int[] seen = {0};
 * tokenizer.encode(text, SpecialTokens.asText(), (id, start, end) -> ++seen[0] <= 100); // stops after 100
 * }</pre>
 */
@FunctionalInterface
public interface TokenSink {

    /**
     * Accepts the next token.
     *
     * @param id        token id
     * @param charStart first UTF-16 index of the input the token covers
     * @param charEnd   one past the last UTF-16 index the token covers (see {@link TokenSpan})
     * @return {@code true} to go on, {@code false} to stop encoding now
     */
    boolean accept(int id, int charStart, int charEnd);
}
