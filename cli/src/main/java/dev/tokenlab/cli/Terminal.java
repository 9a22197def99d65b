package dev.tokenlab.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether standard error is a terminal, so that a progress line ({@code \r}-updated) is drawn only
 * where a person sees it, never into a log file or a pipe. Java 17 has no direct test for stderr
 * ({@code System.console()} is about stdin and stdout), so: on Linux, where {@code /proc/self/fd/2}
 * points ({@code /dev/pts/3} or {@code /dev/tty1} is a terminal); elsewhere {@code System.console()}
 * as the best guess. {@code TERM=dumb} turns it off.
 */
final class Terminal {
    private Terminal() {
    }

    /** Whether stderr is a terminal that can redraw a line. */
    static boolean stderrIsTerminal() {
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
}
