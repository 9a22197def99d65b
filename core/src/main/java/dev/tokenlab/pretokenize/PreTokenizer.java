package dev.tokenlab.pretokenize;

/**
 * Splits text into pieces before BPE, as a tiktoken regex does: BPE never merges across a piece
 * boundary, so pieces decide most of how text tokenizes ("Hello world" → "Hello", " world").
 *
 * <p>Pieces come in order and are never empty. Like tiktoken's {@code find_iter}, characters that no
 * alternative of the pattern matches are skipped (none of the bundled patterns skips any). The range
 * {@code [from, to)} is the whole haystack: lookaheads and {@code $} do not see past {@code to}.
 *
 * <p>Implementations are immutable and thread-safe.
 */
public interface PreTokenizer {

    /** Receives one piece; returns {@code false} to stop splitting. */
    @FunctionalInterface
    interface PieceSink {
        boolean piece(int start, int end);
    }

    /**
     * Splits {@code text[from, to)}.
     *
     * @return {@code false} if the sink stopped early
     */
    boolean split(CharSequence text, int from, int to, PieceSink sink);

    /** The regex this pre-tokenizer implements, in tiktoken's syntax. */
    String pattern();

    /**
     * The largest position {@code b} with {@code from < b < to} at which the text can be cut without
     * changing any piece: splitting {@code [from, b)} and {@code [b, to)} separately gives exactly the
     * pieces of splitting {@code [from, to)} and of any longer text that starts with it. -1 if there is
     * none (then the caller must keep reading). Used to count text larger than memory.
     */
    default int lastSafeCut(CharSequence text, int from, int to) {
        return -1;
    }
}
