package dev.tokenlab.cli.command;

import dev.tokenlab.Tokenizer;
import dev.tokenlab.cli.count.CountResult;
import dev.tokenlab.cli.count.CountSource;
import dev.tokenlab.cli.count.FileCounter;
import dev.tokenlab.cli.exit.CliException;
import dev.tokenlab.cli.exit.ErrorReporter;
import dev.tokenlab.cli.exit.ExitCodes;
import dev.tokenlab.cli.input.FileWalker;
import dev.tokenlab.cli.input.Input;
import dev.tokenlab.cli.options.BudgetOptions;
import dev.tokenlab.cli.options.EncodingOptions;
import dev.tokenlab.cli.options.ModelOptions;
import dev.tokenlab.cli.options.PathInputOptions;
import dev.tokenlab.cli.render.JsonOutput;
import dev.tokenlab.cli.render.Numbers;
import dev.tokenlab.cli.render.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

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
 * <p>The options and the output; the counting itself (inputs, walking, the thread pool, streaming
 * large files in bounded memory) is {@link FileCounter}'s.
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

    @Option(names = {"-j", "--jobs"}, paramLabel = "N",
            description = "Count N files at a time, or one large file in N parts (default: the number of cores);"
                    + " the output does not change.")
    Integer jobs;

    @Override
    protected int run() {
        Tokenizer t = encoding.open(model);
        BudgetOptions.Budget limits = budget.resolve(model.model(), t);
        int threads = jobs == null ? Runtime.getRuntime().availableProcessors() : jobs;
        if (threads < 1) {
            throw CliException.usage("--jobs must be at least 1: " + jobs);
        }
        if (input.text() != null && input.paths().isEmpty() && !input.text().equals("-")) {
            warnIfGarbled(new Input("TEXT", input.text()));
        }
        FileWalker walker = new FileWalker(input.includePatterns(), input.excludePatterns(), !input.noGitignore());
        FileCounter.Sources sources = FileCounter.sources(input.text(), input.paths(), walker);
        List<CountSource> list = sources.sources();
        boolean single = list.size() == 1 && !sources.walked();

        List<CountResult> results;
        boolean showProgress = parent.stderrIsTerminal() && list.stream().noneMatch(s -> s instanceof CountSource.Text);
        try (Progress progress = new Progress(err(), showProgress, list.size(), FileCounter.totalBytes(list)).start()) {
            FileCounter counter = new FileCounter(t, encoding.policy(), input.lenient(), threads, new FileCounter.Listener() {
                @Override
                public void bytesRead(long n) {
                    progress.bytesRead(n);
                }

                @Override
                public void sourceDone() {
                    progress.fileDone();
                }

                @Override
                public void replaced(String source, long count) {
                    warnIfReplaced(source, count);
                }
            });
            results = counter.countAll(list, stdin());
        }
        long total = 0;
        for (CountResult r : results) {
            total += r.tokens();
        }
        if (format == Format.json) {
            writeJson(t, limits, results, total);
        } else if (single) {
            out().println(total);
        } else {
            writeTable(limits, results, total);
        }
        out().flush();
        for (CountResult r : results) {
            if (!r.counted()) {
                err().println(ErrorReporter.NAME + ": skipped " + r.path() + ": " + r.skipReason());
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

    private void writeTable(BudgetOptions.Budget limits, List<CountResult> results, long total) {
        List<String[]> rows = new ArrayList<>();
        int counted = 0;
        for (CountResult o : results) {
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

    private void writeJson(Tokenizer t, BudgetOptions.Budget limits, List<CountResult> results, long total) {
        JsonOutput w = new JsonOutput(out()).beginObject()
                .name("model").value(model.model())
                .name("tokenizer").value(t.name())
                .name("engine").value(model.engine())
                .name("contextWindow").value(limits.contextWindow())
                .name("limit").value(limits.limit());
        w.name("files").beginArray();
        for (CountResult o : results) {
            if (o.counted()) {
                w.beginObject().name("path").value(o.path()).name("tokens").value(o.tokens()).endObject();
            }
        }
        w.endArray().name("skipped").beginArray();
        for (CountResult o : results) {
            if (!o.counted()) {
                w.beginObject().name("path").value(o.path()).name("reason").value(o.skipReason()).endObject();
            }
        }
        w.endArray().name("total").value(total).name("overBy").value(limits.overBy(total)).endObject();
        out().println();
    }
}
