package dev.tokenlab.cli.exit;

/**
 * An error a command reports on purpose, with the exit status it maps to. The message is one line
 * for the person at the terminal; {@link ErrorReporter} prints it after {@code "tokenlab: "}.
 */
public final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    public CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public CliException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** A wrong command line: exit {@link ExitCodes#USAGE}. */
    public static CliException usage(String message) {
        return new CliException(ExitCodes.USAGE, message);
    }

    /** Bad input or data: exit {@link ExitCodes#ERROR}. */
    public static CliException error(String message) {
        return new CliException(ExitCodes.ERROR, message);
    }

    public int exitCode() {
        return exitCode;
    }
}
