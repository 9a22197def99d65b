package dev.tokenlab.budget;

/**
 * One piece of a chunked text (see {@link TokenBudget#chunk}).
 *
 * @param text      the chunk's text, {@code original.substring(charStart, charEnd)}
 * @param charStart where it starts in the original text (UTF-16 index)
 * @param charEnd   where it ends in the original text
 * @param tokens    its token count, re-encoded on its own (never above the chunk size)
 */
public record Chunk(String text, int charStart, int charEnd, int tokens) {
}
