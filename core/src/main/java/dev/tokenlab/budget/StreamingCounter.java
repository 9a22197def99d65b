package dev.tokenlab.budget;

import dev.tokenlab.TokenizerException;
import dev.tokenlab.Tokenizer;

import java.io.IOException;
import java.io.Reader;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

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
        return countInBlocks(tokenizer, in, BLOCK_CHARS);
    }

    /**
     * As {@link #count(Tokenizer, Reader)} on {@code threads} threads: this thread reads and cuts, and
     * counts a part itself whenever the others are all busy and a part per thread already waits (so
     * memory stays bounded and no thread idles); the total is the same, each part being cut where
     * counting apart changes nothing.
     *
     * <pre>{@code
     * long n = StreamingCounter.count(Tokenizers.get("llama3"), reader, Runtime.getRuntime().availableProcessors());
     * }</pre>
     */
    public static long count(Tokenizer tokenizer, Reader in, int threads) throws IOException {
        return countInParallel(tokenizer, in, threads, BLOCK_CHARS);
    }

    /** As {@link #count(Tokenizer, Reader, int)} with a block size (tests use small ones). */
    static long countInParallel(Tokenizer tokenizer, Reader in, int threads, int blockChars) throws IOException {
        if (threads <= 1) {
            return countInBlocks(tokenizer, in, blockChars);
        }
        AtomicInteger names = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads - 1, threads - 1, 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(threads), r -> {
                    Thread t = new Thread(r, "tokenlab-streaming-count-" + names.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.CallerRunsPolicy());
        LongAdder total = new LongAdder();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        try {
            cut(tokenizer, in, blockChars, part -> {
                if (failure.get() != null) {
                    throw failure.get();
                }
                pool.execute(() -> {
                    try {
                        total.add(tokenizer.count(part));
                    } catch (RuntimeException e) {
                        failure.compareAndSet(null, e);
                    }
                });
            });
            pool.shutdown();
            if (!pool.awaitTermination(Long.MAX_VALUE, TimeUnit.NANOSECONDS)) {
                throw new TokenizerException("counting did not finish");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenizerException("interrupted while counting", e);
        } finally {
            pool.shutdownNow();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return total.sum();
    }

    /** As {@link #count(Tokenizer, Reader)} with a block size (tests use small ones). */
    static long countInBlocks(Tokenizer tokenizer, Reader in, int blockChars) throws IOException {
        long[] total = {0};
        cut(tokenizer, in, blockChars, part -> total[0] += tokenizer.count(part));
        return total[0];
    }

    /** Reads {@code in} to its end and passes it on in parts cut only where {@link Tokenizer#lastSafeCut} allows. */
    private static void cut(Tokenizer tokenizer, Reader in, int blockChars, Consumer<String> parts) throws IOException {
        char[] buf = new char[blockChars];
        int length = 0;
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
                parts.accept(new String(buf, 0, length));
                return;
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
            parts.accept(block.substring(0, cut));
            System.arraycopy(buf, cut, buf, 0, length - cut);
            length -= cut;
        }
    }
}
