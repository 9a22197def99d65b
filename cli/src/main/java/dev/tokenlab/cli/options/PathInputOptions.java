package dev.tokenlab.cli.options;

import dev.tokenlab.cli.exit.CliException;
import org.eclipse.jgit.ignore.FastIgnoreRule;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The inputs of {@code count}: one {@code TEXT} argument, or any number of {@code -f PATH} (files and
 * directories, walked by {@link dev.tokenlab.cli.input.FileWalker}), or standard input. {@link InputOptions} is the one-text
 * form the other commands use; this one adds directories, {@code --include}/{@code --exclude} and
 * {@code --no-gitignore}.
 */
public final class PathInputOptions {

    @Parameters(index = "0", arity = "0..1", paramLabel = "TEXT",
            description = {"The text, as one argument (quote it; after '--' if it starts with '-').",
                    "'-' or no TEXT and no --file: read standard input."})
    String text;

    @Option(names = {"-f", "--file"}, paramLabel = "PATH",
            description = {"A file or a directory (repeatable; '-' for stdin). Directories are walked recursively,"
                    + " with their ignore files; binary and non-UTF-8 files found there are skipped with a note."})
    List<Path> paths = new ArrayList<>();

    @Option(names = "--include", paramLabel = "GLOB",
            description = {"In directories, count only files matching GLOB (repeatable; relative to the directory"
                    + " given; *.md matches at any depth, src/** only under src)."})
    List<String> includes = new ArrayList<>();

    @Option(names = "--exclude", paramLabel = "GLOB",
            description = "In directories, leave out files and directories matching GLOB (repeatable).")
    List<String> excludes = new ArrayList<>();

    @Option(names = "--no-gitignore", description = "In directories, also count what .gitignore files ignore.")
    boolean noGitignore;

    @Option(names = "--lenient",
            description = "Replace invalid UTF-8 by U+FFFD (and say how many) instead of failing or skipping the file.")
    boolean lenient;

    /** TEXT, or null when none was given. */
    public String text() {
        return text;
    }

    /** The {@code -f} paths, in command-line order ({@code -} for stdin). */
    public List<Path> paths() {
        return paths;
    }

    /** {@code --no-gitignore}: count what ignore files ignore. */
    public boolean noGitignore() {
        return noGitignore;
    }

    /** {@code --lenient}: replace invalid UTF-8 instead of failing or skipping. */
    public boolean lenient() {
        return lenient;
    }

    /** {@code --include} patterns, parsed. */
    public List<FastIgnoreRule> includePatterns() {
        return parse("--include", includes);
    }

    /** {@code --exclude} patterns, parsed. */
    public List<FastIgnoreRule> excludePatterns() {
        return parse("--exclude", excludes);
    }

    /**
     * The globs as JGit rules, which match as {@code .gitignore} lines do.
     *
     * @throws CliException (usage) for a {@code !} pattern, an empty one, or one that can match nothing
     *                      (a comment, an unclosed {@code [})
     */
    private static List<FastIgnoreRule> parse(String option, List<String> globs) {
        List<FastIgnoreRule> rules = new ArrayList<>();
        for (String glob : globs) {
            if (glob.startsWith("!")) {
                throw CliException.usage(option + " " + glob + ": '!' patterns are for .gitignore files;"
                        + " use --include and --exclude instead");
            }
            if (glob.isBlank()) {
                throw CliException.usage(option + ": empty pattern \"" + glob + "\"");
            }
            FastIgnoreRule rule = new FastIgnoreRule(glob);
            if (rule.isEmpty()) {
                throw CliException.usage(option + " " + glob + ": not a pattern (a comment, or an unclosed '[')");
            }
            rules.add(rule);
        }
        return rules;
    }
}
