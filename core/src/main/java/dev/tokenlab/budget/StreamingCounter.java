package dev.tokenlab.budget;

import dev.tokenlab.TokenizerException;
import dev.tokenlab.Tokenizer;

import java.io.IOException;
import java.io.Reader;
import java.util.Arrays;

/**
 * Counts the tokens of text larger than memory, exactly: the total equals {@code count} of the whole
 * text. Text is read in blocks and counted up to the last position where the tokenizer says no piece
 * can join across a cut ({@link Tokenizer#lastSafeCut}: for Llama 3 after a newline that a
 * non-space follows, or between a word and " word"); the rest waits for the next block.
 *
 * <pre>{@code
 * try (Reader in = Files.newBufferedReader(Path.of("huge.txt"))) {
 *     long n = StreamingCounter.count(Tokenizers.get("llama3"), in);
 * }
 * }</pre>
 *
 * <p>Memory stays at a few blocks unless the text has no safe cut for a long stretch (a single
 * 100 MB word); the buffer then grows up to {@link #MAX_BUFFER_CHARS} and fails beyond it.
 */
public final class StreamingCounter {
    /** Characters read at a time. */
    public static final int BLOCK_CHARS = 1 << 20;
    /** The most characters held at once while looking for a safe cut. */
    public static final int MAX_BUFFER_CHARS = 1 << 28;

    private StreamingCounter() {
    }

    /** Counts every token of {@code in} (read to its end, not closed). */
    public static long count(Tokenizer tokenizer, Reader in) throws IOException {
        return count(tokenizer, in, BLOCK_CHARS);
    }

    /** As {@link #count(Tokenizer, Reader)} with a block size (tests use small ones). */
    static long count(Tokenizer tokenizer, Reader in, int blockChars) throws IOException {
        char[] buf = new char[blockChars];
        int length = 0;
        long total = 0;
        while (true) {
            if (length == buf.length) {
                if (buf.length >= MAX_BUFFER_CHARS) {
                    throw new TokenizerException("no place to cut the text safely in " + buf.length
                            + " characters; it cannot be counted in bounded memory");
                }
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
            int read = in.read(buf, length, buf.length - length);
            if (read < 0) {
                return total + tokenizer.count(new String(buf, 0, length));
            }
            length += read;
            if (length < buf.length) {
                continue; // fill the block before looking for a cut
            }
            String block = new String(buf, 0, length);
            int cut = tokenizer.lastSafeCut(block, 0, length);
            if (cut <= 0) {
                continue; // no safe cut yet: grow
            }
            total += tokenizer.count(block.substring(0, cut));
            System.arraycopy(buf, cut, buf, 0, length - cut);
            length -= cut;
        }
    }
}
