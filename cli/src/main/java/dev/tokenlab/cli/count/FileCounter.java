package dev.tokenlab.cli.count;

import dev.tokenlab.SpecialTokens;
import dev.tokenlab.Tokenizer;
import dev.tokenlab.budget.StreamingCounter;
import dev.tokenlab.cli.exit.CliException;
import dev.tokenlab.cli.exit.ExitCodes;
import dev.tokenlab.cli.input.FileWalker;
import dev.tokenlab.cli.input.StrictUtf8Reader;
import dev.tokenlab.cli.input.TextInput;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the tokens of texts, files and directory trees: the service behind {@code tokenlab count},
 * with no options parsing and no printing. It lists what to count ({@link #sources}), then counts
 * each source on its own, {@code jobs} at a time, in the order given ({@link #countAll}). Files up to
 * {@link #STREAM_ABOVE_BYTES} are read whole; larger ones and stdin are counted in bounded memory by
 * {@link StreamingCounter} over a {@link StrictUtf8Reader}, which gives exactly {@code Tokenizer.count}
 * of the whole text. What happens along the way (bytes read, sources done, invalid UTF-8 replaced)
 * goes to a {@link Listener}, so the caller draws progress and prints warnings.
 *
 * <pre>{@code
 * FileCounter counter = new FileCounter(Tokenizers.get("llama3"), SpecialTokens.asText(), false, 4, FileCounter.Listener.NONE);
 * FileCounter.Sources s = FileCounter.sources(null, List.of(Path.of("docs")), new FileWalker(List.of(), List.of(), true));
 * long total = counter.countAll(s.sources(), System.in).stream().mapToLong(CountResult::tokens).sum();
 * }</pre>
 */
public final class FileCounter {

    /** Files up to this size are read whole; larger ones are streamed in bounded memory. */
    public static final long STREAM_ABOVE_BYTES = 1 << 20;
    /** How much of a file found in a directory is searched for a NUL byte, the sign of a binary file. */
    public static final int BINARY_SNIFF_BYTES = 8192;

    /** What the counting reports as it goes; called from the counting threads. */
    public interface Listener {
        /** Listens to nothing. */
        Listener NONE = new Listener() {
        };

        /** {@code n} more bytes were read. */
        default void bytesRead(long n) {
        }

        /** One more source is done (counted, skipped or failed). */
        default void sourceDone() {
        }

        /** {@code count} invalid UTF-8 sequences of {@code source} were replaced by U+FFFD (lenient counting). */
        default void replaced(String source, long count) {
        }
    }

    /**
     * What to count, in output order.
     *
     * @param sources the sources
     * @param walked  whether a directory was walked (then even one file is shown as a table)
     */
    public record Sources(List<CountSource> sources, boolean walked) {
    }

    private final Tokenizer tokenizer;
    private final SpecialTokens policy;
    private final boolean lenient;
    private final int jobs;
    private final Listener listener;

    /**
     * @param tokenizer the tokenizer to count with
     * @param policy    what special-token text becomes; only {@link SpecialTokens#asText()} is streamed
     *                  (a special token could span a streaming cut), other policies read each file whole
     * @param lenient   replace invalid UTF-8 by U+FFFD (and tell the listener) instead of failing or skipping
     * @param jobs      how many sources to count at a time (a single large one: in how many parts at a time), at least 1
     * @param listener  told of progress and replacements
     */
    public FileCounter(Tokenizer tokenizer, SpecialTokens policy, boolean lenient, int jobs, Listener listener) {
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs must be at least 1: " + jobs);
        }
        this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.lenient = lenient;
        this.jobs = jobs;
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * The sources in output order: TEXT alone, or stdin alone when there are neither TEXT nor paths;
     * otherwise the paths in command-line order ({@code -} for stdin, once), each directory's files
     * sorted by {@code walker}.
     *
     * @param text  the TEXT argument, or null ({@code -} means stdin)
     * @param paths the {@code -f} paths
     * @throws CliException usage (exit 2) for TEXT with paths or stdin twice; error (exit 1) for a path
     *                      that does not exist or a directory that cannot be read
     */
    public static Sources sources(String text, List<Path> paths, FileWalker walker) {
        if (text != null && !paths.isEmpty()) {
            throw CliException.usage("give TEXT or --file, not both");
        }
        List<CountSource> sources = new ArrayList<>();
        if (paths.isEmpty()) {
            sources.add(text != null && !text.equals("-") ? new CountSource.Text(text) : new CountSource.Stdin());
            return new Sources(sources, false);
        }
        boolean walked = false;
        boolean stdinTaken = false;
        for (Path p : paths) {
            if (p.toString().equals("-")) {
                if (stdinTaken) {
                    throw CliException.usage("standard input ('-') can be given only once");
                }
                stdinTaken = true;
                sources.add(new CountSource.Stdin());
            } else if (Files.isDirectory(p)) {
                walked = true;
                try {
                    for (FileWalker.Entry e : walker.walk(p)) {
                        sources.add(e.skipReason() == null ? new CountSource.File(e.display(), e.path(), true)
                                : new CountSource.Skipped(e.display(), e.skipReason()));
                    }
                } catch (IOException e) {
                    throw new CliException(ExitCodes.ERROR, p + ": cannot read the directory: " + e.getMessage(), e);
                }
            } else if (Files.exists(p)) {
                sources.add(new CountSource.File(p.toString(), p, false));
            } else {
                throw CliException.error(p + ": no such file");
            }
        }
        return new Sources(sources, walked);
    }

    /** The total size of {@code sources} in bytes (for a progress line), or -1 when stdin is among them. */
    public static long totalBytes(List<CountSource> sources) {
        long bytes = 0;
        for (CountSource s : sources) {
            if (s instanceof CountSource.File f) {
                try {
                    bytes += Files.size(f.file());
                } catch (IOException e) {
                    // reported when the file is read
                }
            } else if (s instanceof CountSource.Stdin) {
                return -1;
            }
        }
        return bytes;
    }

    /**
     * Counts every source, {@code jobs} at a time, and gives the results in the order of {@code sources}.
     *
     * @param stdin read for a {@link CountSource.Stdin}
     * @throws CliException (exit 1) for a file named on the command line that cannot be read or is not
     *                      UTF-8 (found files are skipped instead)
     */
    public List<CountResult> countAll(List<CountSource> sources, InputStream stdin) {
        List<CountResult> results = new ArrayList<>(sources.size());
        if (jobs == 1 || sources.size() <= 1) {
            for (CountSource s : sources) {
                results.add(count(s, stdin, jobs)); // one source: a large file is counted in parts on every job
            }
            return results;
        }
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(jobs, sources.size()), r -> {
            Thread thread = new Thread(r, "tokenlab-count-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<CountResult>> futures = new ArrayList<>(sources.size());
            for (CountSource s : sources) {
                futures.add(pool.submit(() -> count(s, stdin)));
            }
            for (Future<CountResult> f : futures) {
                results.add(f.get());
            }
            return results;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new CliException(ExitCodes.ERROR, "cannot count: " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.ERROR, "interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Counts one source. */
    public CountResult count(CountSource source, InputStream stdin) {
        return count(source, stdin, 1);
    }

    /** Counts one source; a streamed one ({@link #STREAM_ABOVE_BYTES}, stdin) in parts on {@code threads} threads. */
    private CountResult count(CountSource source, InputStream stdin, int threads) {
        try {
            if (source instanceof CountSource.Text s) {
                return new CountResult(null, tokenizer.count(s.text(), policy), null);
            }
            if (source instanceof CountSource.Skipped s) {
                return new CountResult(s.path(), 0, s.reason());
            }
            if (source instanceof CountSource.Stdin) {
                try {
                    return countStream("-", "stdin", stdin, -1, false, threads);
                } catch (IOException e) {
                    throw new CliException(ExitCodes.ERROR, "stdin: cannot read: " + e.getMessage(), e);
                }
            }
            CountSource.File f = (CountSource.File) source;
            try (InputStream in = Files.newInputStream(f.file())) {
                return countStream(f.path(), f.path(), in, Files.size(f.file()), f.found(), threads);
            } catch (NoSuchFileException e) {
                return failOrSkip(f, "no such file");
            } catch (AccessDeniedException e) {
                return failOrSkip(f, "permission denied");
            } catch (IOException e) {
                return failOrSkip(f, "cannot read: " + e.getMessage());
            }
        } finally {
            listener.sourceDone();
        }
    }

    private static CountResult failOrSkip(CountSource.File f, String reason) {
        if (f.found()) {
            return new CountResult(f.path(), 0, reason);
        }
        throw CliException.error(f.path() + ": " + reason);
    }

    /**
     * Counts one stream. Found files with a NUL byte in their first {@link #BINARY_SNIFF_BYTES}, or
     * invalid UTF-8 anywhere, are skipped; for other inputs invalid UTF-8 is an error.
     *
     * @param size    the size in bytes, or -1 when unknown (stdin: streamed)
     * @param threads threads counting the parts of a streamed input
     */
    private CountResult countStream(String path, String source, InputStream raw, long size, boolean found, int threads)
            throws IOException {
        BufferedInputStream in = new BufferedInputStream(new Metered(raw, listener), 1 << 16);
        if (found) {
            in.mark(BINARY_SNIFF_BYTES);
            byte[] head = in.readNBytes(BINARY_SNIFF_BYTES);
            for (int i = 0; i < head.length; i++) {
                if (head[i] == 0) {
                    return new CountResult(path, 0, "binary (a NUL byte at byte " + i + ")");
                }
            }
            in.reset();
        }
        boolean streamable = policy.equals(SpecialTokens.asText());
        if (lenient) {
            StrictUtf8Reader lenientReader = new StrictUtf8Reader(in, true);
            long tokens;
            if (streamable) {
                tokens = StreamingCounter.count(tokenizer, lenientReader, threads);
            } else {
                StringBuilder sb = new StringBuilder();
                char[] buf = new char[1 << 16];
                for (int n; (n = lenientReader.read(buf, 0, buf.length)) > 0; ) {
                    sb.append(buf, 0, n);
                }
                tokens = tokenizer.count(sb.toString(), policy);
            }
            if (lenientReader.replaced() > 0) {
                listener.replaced(source, lenientReader.replaced());
            }
            return new CountResult(path, tokens, null);
        }
        if (!streamable || size >= 0 && size <= STREAM_ABOVE_BYTES) {
            byte[] bytes = in.readAllBytes();
            String invalid = TextInput.invalidUtf8(bytes);
            if (invalid != null) {
                if (found) {
                    return new CountResult(path, 0, invalid);
                }
                throw CliException.error(source + ": " + invalid);
            }
            return new CountResult(path, tokenizer.count(new String(bytes, StandardCharsets.UTF_8), policy), null);
        }
        try {
            return new CountResult(path, StreamingCounter.count(tokenizer, new StrictUtf8Reader(in), threads), null);
        } catch (StrictUtf8Reader.InvalidUtf8Exception e) {
            if (found) {
                return new CountResult(path, 0, e.getMessage());
            }
            throw new CliException(ExitCodes.ERROR, source + ": " + e.getMessage(), e);
        }
    }

    /** Tells the listener of the bytes read. */
    private static final class Metered extends FilterInputStream {
        private final Listener listener;

        Metered(InputStream in, Listener listener) {
            super(in);
            this.listener = listener;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                listener.bytesRead(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                listener.bytesRead(n);
            }
            return n;
        }
    }
}
