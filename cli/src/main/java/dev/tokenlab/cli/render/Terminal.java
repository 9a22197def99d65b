package dev.tokenlab.cli.render;

import java.io.Console;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What the CLI asks of its surroundings: whether standard output is a terminal and the environment
 * ({@code NO_COLOR}, {@code TERM}, {@code COLUMNS}) for {@code show}'s colours, and whether standard
 * error is a terminal for {@code count}'s progress line. An interface so tests can pretend.
 */
public interface Terminal {

    /**
     * Whether standard error is a terminal, so a progress line ({@code \r}-updated) is drawn only
     * where a person sees it, never into a log file or a pipe. Java 17 has no direct test for stderr
     * ({@code System.console()} is about stdin and stdout), so: on Linux, where {@code /proc/self/fd/2}
     * points ({@code /dev/pts/3} or {@code /dev/tty1} is a terminal); elsewhere {@code System.console()}
     * as the best guess. {@code TERM=dumb} turns it off.
     */
    public static boolean stderrIsTerminal() {
        if ("dumb".equals(System.getenv("TERM"))) {
            return false;
        }
        Path fd = Path.of("/proc/self/fd/2");
        if (Files.isSymbolicLink(fd)) {
            try {
                String target = Files.readSymbolicLink(fd).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            } catch (IOException | UnsupportedOperationException | SecurityException e) {
                return false;
            }
        }
        return System.console() != null;
    }

    /**
     * The real one: a console is attached (on Java 17 to 21, {@code System.console()} exists only when
     * stdin and stdout are terminals; from Java 22 it always exists and {@code Console.isTerminal()}
     * tells), variables from the process.
     */
    Terminal SYSTEM = new Terminal() {
        @Override
        public boolean stdoutIsTerminal() {
            Console console = System.console();
            if (console == null) {
                return false;
            }
            try {
                return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
            } catch (ReflectiveOperationException | RuntimeException e) {
                return true; // Java 17..21: a console means a terminal
            }
        }

        @Override
        public String env(String name) {
            return System.getenv(name);
        }
    };

    /** Whether standard output goes to a terminal. */
    boolean stdoutIsTerminal();

    /** An environment variable, or null. */
    String env(String name);

    /** A terminal with the given answers, for tests. */
    public static Terminal of(boolean isTerminal, Map<String, String> env) {
        return new Terminal() {
            @Override
            public boolean stdoutIsTerminal() {
                return isTerminal;
            }

            @Override
            public String env(String name) {
                return env.get(name);
            }
        };
    }

    /** {@code --color}: when to colour the output. */
    public enum ColorMode {
        /** When stdout is a terminal, {@code NO_COLOR} is unset or empty, and {@code TERM} is not {@code dumb}. */
        auto,
        /** Always, whatever {@code NO_COLOR} says (an explicit option wins, as no-color.org asks). */
        always,
        /** Never. */
        never;

        /** Whether to colour, on {@code terminal}. */
        public boolean colorOn(Terminal terminal) {
            return switch (this) {
                case always -> true;
                case never -> false;
                case auto -> {
                    String noColor = terminal.env("NO_COLOR");
                    yield terminal.stdoutIsTerminal() && (noColor == null || noColor.isEmpty())
                            && !"dumb".equals(terminal.env("TERM"));
                }
            };
        }
    }
}
