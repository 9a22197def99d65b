package dev.tokenlab.cli.exit;

import dev.tokenlab.TokenizerException;
import dev.tokenlab.TokenizerNotFoundException;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;

/**
 * Maps every exception to one line on stderr and an exit status (see {@link ExitCodes}); installed
 * once on the top command (by {@code TokenlabCommand.configure}) as picocli's execution and parameter
 * exception handler. A Java stack trace is printed only with {@code --debug}. It owns the form of the
 * lines on stderr: {@code tokenlab: MESSAGE}, {@code tokenlab: warning: …}, {@code tokenlab: note: …}.
 */
public final class ErrorReporter implements IExecutionExceptionHandler, IParameterExceptionHandler {
    /** The command's name, the start of every line on stderr ({@code tokenlab: …}). */
    public static final String NAME = "tokenlab";

    /** The one line for running out of heap, whichever command it was. */
    public static final String OUT_OF_MEMORY = "input too large for the heap; give Java more memory"
            + " (JAVA_OPTS=-Xmx8g tokenlab ...) or split the input";

    /** Picocli calls this for exceptions thrown by a command's {@code call()}. */
    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parseResult) {
        return report(cmd, e, debugRequested(cmd, parseResult.originalArgs()));
    }

    /** Picocli calls this for command lines it cannot parse: unknown options, bad values, missing ones. */
    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        StringBuilder message = new StringBuilder(e.getMessage() == null ? e.toString() : e.getMessage());
        if (e instanceof UnmatchedArgumentException u) {
            List<String> suggestions = u.getSuggestions();
            if (!suggestions.isEmpty()) {
                message.append("; did you mean ").append(String.join(", ", suggestions)).append('?');
            } else if (cmd.getCommandSpec().mixins().containsKey("input")) {
                message.append(u.getUnmatched().stream().anyMatch(a -> a.startsWith("-"))
                        ? "; text that starts with '-' goes after '--'"
                        : "; TEXT is one argument: put quotes around text with spaces");
            }
        }
        message.append(" (see '").append(cmd.getCommandSpec().qualifiedName()).append(" --help')");
        PrintWriter err = cmd.getErr();
        err.println(ErrorReporter.NAME + ": " + oneLine(message.toString()));
        if (debugRequested(cmd, Arrays.asList(args))) {
            e.printStackTrace(err);
        }
        err.flush();
        return ExitCodes.USAGE;
    }

    /** Prints {@code e} as one line (plus its stack trace when {@code debug}) and returns its exit status. */
    public static int report(CommandLine cmd, Throwable e, boolean debug) {
        int code;
        String message;
        if (e instanceof CliException c) {
            code = c.exitCode();
            message = c.getMessage();
        } else if (e instanceof TokenizerNotFoundException) {
            code = ExitCodes.NOT_FOUND;
            message = e.getMessage();
        } else if (e instanceof TokenizerException) {
            code = ExitCodes.ERROR;
            message = e.getMessage();
        } else if (e instanceof ParameterException) {
            code = ExitCodes.USAGE;
            message = e.getMessage();
        } else if (e instanceof OutOfMemoryError) {
            code = ExitCodes.ERROR;
            message = OUT_OF_MEMORY;
        } else {
            code = ExitCodes.ERROR;
            message = "internal error: " + e + (debug ? "" : " (run with --debug for the stack trace)");
        }
        PrintWriter err = cmd.getErr();
        err.println(ErrorReporter.NAME + ": " + oneLine(message));
        if (debug) {
            e.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    /** Whether {@code --debug} was given, anywhere on the command line. */
    private static boolean debugRequested(CommandLine cmd, List<String> args) {
        OptionSpec debug = cmd.getCommandSpec().root().findOption("--debug");
        if (debug != null && Boolean.TRUE.equals(debug.getValue())) {
            return true;
        }
        for (String arg : args) {
            if (arg.equals("--")) {
                break;
            }
            if (arg.equals("--debug")) {
                return true;
            }
        }
        return false;
    }

    /** Error lines are one line: a file name or a parse message with a line break is folded. */
    public static String oneLine(String message) {
        return message == null ? "" : message.strip().replaceAll("\\s*[\\r\\n]+\\s*", "; ");
    }
}
