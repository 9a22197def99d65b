package dev.tokenlab.cli.count;

import java.nio.file.Path;

/**
 * One thing {@code count} counts, in output order: the TEXT argument, standard input, a file (named on
 * the command line, or found in a directory), or a path the directory walk found but will not count.
 */
public sealed interface CountSource {

    /** The path to print: null for TEXT, {@code -} for stdin. */
    String path();

    /** The TEXT argument. */
    record Text(String text) implements CountSource {
        @Override
        public String path() {
            return null;
        }
    }

    /** Standard input, counted as a stream. */
    record Stdin() implements CountSource {
        @Override
        public String path() {
            return "-";
        }
    }

    /**
     * A file. {@code found}: it came from walking a directory, so a binary or non-UTF-8 file is skipped
     * with a reason; a file named on the command line is an error then.
     */
    record File(String path, Path file, boolean found) implements CountSource {
    }

    /** A path the walk found but will not count (a symbolic link, an unreadable directory …). */
    record Skipped(String path, String reason) implements CountSource {
    }
}
