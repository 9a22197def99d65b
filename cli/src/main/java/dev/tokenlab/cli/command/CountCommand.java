package dev.tokenlab.cli.command;

import dev.tokenlab.Tokenizer;
import dev.tokenlab.budget.StreamingCounter;
import dev.tokenlab.cli.exit.CliException;
import dev.tokenlab.cli.exit.ErrorReporter;
import dev.tokenlab.cli.exit.ExitCodes;
import dev.tokenlab.cli.input.FileWalker;
import dev.tokenlab.cli.input.Input;
import dev.tokenlab.cli.input.StrictUtf8Reader;
import dev.tokenlab.cli.input.TextInput;
import dev.tokenlab.cli.options.BudgetOptions;
import dev.tokenlab.cli.options.EncodingOptions;
import dev.tokenlab.cli.options.ModelOptions;
import dev.tokenlab.cli.options.PathInputOptions;
import dev.tokenlab.cli.render.JsonOutput;
import dev.tokenlab.cli.render.Numbers;
import dev.tokenlab.cli.render.Progress;
import org.eclipse.jgit.ignore.FastIgnoreRule;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code tokenlab count}: how many tokens a text, some files or whole directories are, and whether
 * they fit a model's context window.
 *
 * <pre>
 * $ tokenlab count -m llama3 "Hello world"
 * 2
 * $ tokenlab count -m llama3.1 -f README.md -f docs
 *   2,345   1.8%  README.md
 *     912   0.7%  docs/ARCHITECTURE.md
 *   3,257   2.5%  total
 * </pre>
 *
 * <p>Each file is counted on its own and the counts are added. Files above {@link #STREAM_ABOVE_BYTES}
 * are counted in bounded memory by {@link StreamingCounter} over a {@link StrictUtf8Reader}, which
 * gives exactly {@code Tokenizer.count} of the whole text.
 */
@Command(name = "count",
        description = {"Count the tokens of a text, files or directories, and check them against a token budget.",
                "A count is as many ids as 'encode' prints (without --bos/--eos)."},
        sortOptions = false,
        footerHeading = "%n",
        footer = {
                "Output (text):",
                "  one input (TEXT, stdin or one file): the count and a newline.",
                "  several files or a directory: one line per file, TOKENS  %%  PATH (the %%",
                "  is of the context window, when known), then a total line.",
                "  json: one line, the counts per file, the skipped files, the total and the",
                "  budget; its JSON Schema: tokenlab schema count.",
                "",
                "Budget: the context window comes from the model profile (llama3.1: 131,072;",
                "the default model, llama3: 8,192; none for cl100k_base: give --context).",
                "Over the limit, count still prints the counts, then one line on stderr, and",
                "exits with status 3.",
                "",
                "Directories: walked recursively in sorted order; .gitignore files and",
                ".git/info/exclude are honoured with Git's own rules (JGit: negation, dir/,",
                "/anchored, *, **, ?, [a-z], [[:space:]]; not the global core.excludesFile);",
                ".git is skipped; symbolic links are not followed; binary files (a NUL byte",
                "in the first 8 KB) and files that are not UTF-8 are skipped with a note.",
                "",
                "Examples:",
                "  tokenlab count -m llama3 \"Hello world\"          # 2",
                "  tokenlab count -m llama3.1 --reserve 4096 -f src -f README.md",
                "  tokenlab count -m cl100k_base --context 8192 -f docs --include '*.md'",
                "  tokenlab count -m llama3 --ollama-num-ctx 2048 -f prompt.txt",
                "  git diff | tokenlab count -m gpt-4o --format json"})
public final class CountCommand extends TokenlabSubcommand {

    /** Files up to this size are read whole; larger ones are streamed in bounded memory. */
    static final long STREAM_ABOVE_BYTES = 1 << 20;
    /** How much of a file found in a directory is searched for a NUL byte, the sign of a binary file. */
    static final int BINARY_SNIFF_BYTES = 8192;

    /** Output formats of {@code count}. */
    enum Format { text, json }

    @Mixin
    ModelOptions model;

    @Mixin
    PathInputOptions input;

    @Mixin
    EncodingOptions encoding;

    @Mixin
    BudgetOptions budget;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}; see below).")
    Format format;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N", defaultValue = "1",
            description = "Count N files at a time (default: ${DEFAULT-VALUE}); the output order does not change.")
    int jobs;

    /** What to count: TEXT, stdin, or a file (named on the command line, or found in a directory). */
    private sealed interface Source permits TextSource, StdinSource, FileSource, Skipped {
        /** The path to print; null for TEXT. */
        String path();
    }

    private record TextSource(String text) implements Source {
        @Override
        public String path() {
            return null;
        }
    }

    private record StdinSource() implements Source {
        @Override
        public String path() {
            return "-";
        }
    }

    /** A file; {@code found} when it came from walking a directory (then binary or non-UTF-8 means skip, not fail). */
    private record FileSource(String path, Path file, boolean found) implements Source {
    }

    /** A path the walk found but will not count. */
    private record Skipped(String path, String reason) implements Source {
    }

    /** What counting one source gave: tokens, or the reason it was skipped. */
    private record Outcome(String path, long tokens, String skipReason) {
        boolean counted() {
            return skipReason == null;
        }
    }

    @Override
    protected int run() {
        Tokenizer t = encoding.open(model);
        BudgetOptions.Budget limits = budget.resolve(model.model());
        if (jobs < 1) {
            throw CliException.usage("--jobs must be at least 1: " + jobs);
        }
        boolean[] walked = {false};
        List<Source> sources = sources(walked);
        boolean single = sources.size() == 1 && !walked[0];

        List<Outcome> outcomes = countAll(t, sources);
        long total = 0;
        for (Outcome o : outcomes) {
            total += o.counted() ? o.tokens() : 0;
        }
        if (format == Format.json) {
            writeJson(t, limits, outcomes, total);
        } else if (single) {
            out().println(total);
        } else {
            writeTable(limits, outcomes, total);
        }
        out().flush();
        for (Outcome o : outcomes) {
            if (!o.counted()) {
                err().println(ErrorReporter.NAME + ": skipped " + o.path() + ": " + o.skipReason());
            }
        }
        if (limits.isOver(total)) {
            err().println(ErrorReporter.NAME + ": " + limits.overBudgetMessage(total));
            err().flush();
            return ExitCodes.OVER_BUDGET;
        }
        err().flush();
        return ExitCodes.OK;
    }

    /** The sources in output order: command-line order, each directory's files sorted. */
    private List<Source> sources(boolean[] walked) {
        if (input.text() != null && !input.paths().isEmpty()) {
            throw CliException.usage("give TEXT or --file, not both");
        }
        List<FastIgnoreRule> includes = input.includePatterns();
        List<FastIgnoreRule> excludes = input.excludePatterns();
        List<Source> sources = new ArrayList<>();
        if (input.paths().isEmpty()) {
            if (input.text() != null && !input.text().equals("-")) {
                warnIfGarbled(new Input("TEXT", input.text()));
                sources.add(new TextSource(input.text()));
            } else {
                sources.add(new StdinSource());
            }
            return sources;
        }
        FileWalker walker = new FileWalker(includes, excludes, !input.noGitignore());
        boolean stdinTaken = false;
        for (Path p : input.paths()) {
            if (p.toString().equals("-")) {
                if (stdinTaken) {
                    throw CliException.usage("standard input ('-') can be given only once");
                }
                stdinTaken = true;
                sources.add(new StdinSource());
            } else if (Files.isDirectory(p)) {
                walked[0] = true;
                try {
                    for (FileWalker.Entry e : walker.walk(p)) {
                        sources.add(e.skipReason() == null ? new FileSource(e.display(), e.path(), true)
                                : new Skipped(e.display(), e.skipReason()));
                    }
                } catch (IOException e) {
                    throw new CliException(ExitCodes.ERROR, p + ": cannot read the directory: " + e.getMessage(), e);
                }
            } else if (Files.exists(p)) {
                sources.add(new FileSource(p.toString(), p, false));
            } else {
                throw CliException.error(p + ": no such file");
            }
        }
        return sources;
    }

    /** Counts every source, {@link #jobs} at a time, keeping their order. */
    private List<Outcome> countAll(Tokenizer t, List<Source> sources) {
        long bytes = 0;
        for (Source s : sources) {
            if (s instanceof FileSource f) {
                try {
                    bytes += Files.size(f.file());
                } catch (IOException e) {
                    // reported when the file is read
                }
            } else if (s instanceof StdinSource) {
                bytes = -1;
                break;
            }
        }
        boolean showProgress = parent.stderrIsTerminal() && sources.stream().noneMatch(s -> s instanceof TextSource);
        List<Outcome> outcomes = new ArrayList<>(sources.size());
        try (Progress progress = new Progress(err(), showProgress, sources.size(), bytes).start()) {
            if (jobs == 1 || sources.size() <= 1) {
                for (Source s : sources) {
                    outcomes.add(count(t, s, progress));
                }
                return outcomes;
            }
            AtomicInteger threads = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(Math.min(jobs, sources.size()), r -> {
                Thread thread = new Thread(r, "tokenlab-count-" + threads.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
            try {
                List<Future<Outcome>> futures = new ArrayList<>(sources.size());
                for (Source s : sources) {
                    futures.add(pool.submit(() -> count(t, s, progress)));
                }
                for (Future<Outcome> f : futures) {
                    outcomes.add(f.get());
                }
                return outcomes;
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
    }

    private Outcome count(Tokenizer t, Source source, Progress progress) {
        try {
            if (source instanceof TextSource s) {
                return new Outcome(null, t.count(s.text(), encoding.policy()), null);
            }
            if (source instanceof Skipped s) {
                return new Outcome(s.path(), 0, s.reason());
            }
            if (source instanceof StdinSource) {
                try {
                    return countStream(t, "-", "stdin", stdin(), -1, false, progress);
                } catch (IOException e) {
                    throw new CliException(ExitCodes.ERROR, "stdin: cannot read: " + e.getMessage(), e);
                }
            }
            FileSource f = (FileSource) source;
            try (InputStream in = Files.newInputStream(f.file())) {
                return countStream(t, f.path(), f.path(), in, Files.size(f.file()), f.found(), progress);
            } catch (NoSuchFileException e) {
                return failOrSkip(f, "no such file");
            } catch (AccessDeniedException e) {
                return failOrSkip(f, "permission denied");
            } catch (IOException e) {
                return failOrSkip(f, "cannot read: " + e.getMessage());
            }
        } finally {
            progress.fileDone();
        }
    }

    private static Outcome failOrSkip(FileSource f, String reason) {
        if (f.found()) {
            return new Outcome(f.path(), 0, reason);
        }
        throw CliException.error(f.path() + ": " + reason);
    }

    /**
     * Counts one stream. Found files with a NUL byte in their first {@link #BINARY_SNIFF_BYTES}, or
     * invalid UTF-8 anywhere, are skipped; for other inputs invalid UTF-8 is an error.
     *
     * @param size the size in bytes, or -1 when unknown (stdin: streamed)
     */
    private Outcome countStream(Tokenizer t, String path, String source, InputStream raw, long size, boolean found,
                                Progress progress) throws IOException {
        BufferedInputStream in = new BufferedInputStream(new Metered(raw, progress), 1 << 16);
        if (found) {
            in.mark(BINARY_SNIFF_BYTES);
            byte[] head = in.readNBytes(BINARY_SNIFF_BYTES);
            for (int i = 0; i < head.length; i++) {
                if (head[i] == 0) {
                    return new Outcome(path, 0, "binary (a NUL byte at byte " + i + ")");
                }
            }
            in.reset();
        }
        boolean streamable = encoding.special() == EncodingOptions.Special.text;
        if (input.lenient()) {
            StrictUtf8Reader lenientReader = new StrictUtf8Reader(in, true);
            long tokens;
            if (streamable) {
                tokens = StreamingCounter.count(t, lenientReader);
            } else {
                StringBuilder sb = new StringBuilder();
                char[] buf = new char[1 << 16];
                for (int n; (n = lenientReader.read(buf, 0, buf.length)) > 0; ) {
                    sb.append(buf, 0, n);
                }
                tokens = t.count(sb.toString(), encoding.policy());
            }
            warnIfReplaced(source, lenientReader.replaced());
            return new Outcome(path, tokens, null);
        }
        if (!streamable || size >= 0 && size <= STREAM_ABOVE_BYTES) {
            byte[] bytes = in.readAllBytes();
            String invalid = TextInput.invalidUtf8(bytes);
            if (invalid != null) {
                if (found) {
                    return new Outcome(path, 0, invalid);
                }
                throw CliException.error(source + ": " + invalid);
            }
            return new Outcome(path, t.count(new String(bytes, StandardCharsets.UTF_8), encoding.policy()), null);
        }
        try {
            return new Outcome(path, StreamingCounter.count(t, new StrictUtf8Reader(in)), null);
        } catch (StrictUtf8Reader.InvalidUtf8Exception e) {
            if (found) {
                return new Outcome(path, 0, e.getMessage());
            }
            throw new CliException(ExitCodes.ERROR, source + ": " + e.getMessage(), e);
        }
    }

    private void writeTable(BudgetOptions.Budget limits, List<Outcome> outcomes, long total) {
        List<String[]> rows = new ArrayList<>();
        int counted = 0;
        for (Outcome o : outcomes) {
            if (o.counted()) {
                rows.add(new String[] {Numbers.grouped(o.tokens()), limits.percentOfWindow(o.tokens()), o.path()});
                counted++;
            }
        }
        if (counted != 1) {
            rows.add(new String[] {Numbers.grouped(total), limits.percentOfWindow(total), "total"});
        }
        int tokensWidth = 0;
        int percentWidth = 0;
        for (String[] row : rows) {
            tokensWidth = Math.max(tokensWidth, row[0].length());
            percentWidth = Math.max(percentWidth, row[1] == null ? 0 : row[1].length());
        }
        PrintWriter out = out();
        for (String[] row : rows) {
            out.print(" ".repeat(tokensWidth - row[0].length()) + row[0] + "  ");
            if (row[1] != null) {
                out.print(" ".repeat(percentWidth - row[1].length()) + row[1] + "  ");
            }
            out.println(row[2]);
        }
    }

    private void writeJson(Tokenizer t, BudgetOptions.Budget limits, List<Outcome> outcomes, long total) {
        JsonOutput w = new JsonOutput(out()).beginObject()
                .name("model").value(model.model())
                .name("tokenizer").value(t.name())
                .name("engine").value(model.engine())
                .name("contextWindow").value(limits.contextWindow())
                .name("limit").value(limits.limit());
        w.name("files").beginArray();
        for (Outcome o : outcomes) {
            if (o.counted()) {
                w.beginObject().name("path").value(o.path()).name("tokens").value(o.tokens()).endObject();
            }
        }
        w.endArray().name("skipped").beginArray();
        for (Outcome o : outcomes) {
            if (!o.counted()) {
                w.beginObject().name("path").value(o.path()).name("reason").value(o.skipReason()).endObject();
            }
        }
        w.endArray().name("total").value(total).name("overBy").value(limits.overBy(total)).endObject();
        out().println();
    }

    /** Counts the bytes read for the progress line. */
    private static final class Metered extends FilterInputStream {
        private final Progress progress;

        Metered(InputStream in, Progress progress) {
            super(in);
            this.progress = progress;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                progress.bytesRead(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                progress.bytesRead(n);
            }
            return n;
        }
    }
}
