package dev.tokenlab.cli.count;

/**
 * What counting one {@link CountSource} gave: its tokens, or why it was skipped.
 *
 * @param path       the path to print (null for TEXT, {@code -} for stdin)
 * @param tokens     the tokens (0 when skipped)
 * @param skipReason why it was not counted ({@code binary (a NUL byte at byte 3)}), or null when it was
 */
public record CountResult(String path, long tokens, String skipReason) {

    /** Whether it was counted (not skipped). */
    public boolean counted() {
        return skipReason == null;
    }
}
