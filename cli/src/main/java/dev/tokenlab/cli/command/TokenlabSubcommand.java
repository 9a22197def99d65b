package dev.tokenlab.cli.command;

import dev.tokenlab.cli.exit.CliException;
import dev.tokenlab.cli.exit.ErrorReporter;
import dev.tokenlab.cli.exit.ExitCodes;
import dev.tokenlab.cli.input.Input;
import dev.tokenlab.cli.options.InputOptions;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.InputStream;
import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * What every subcommand shares: the injected writers (never {@code System.out}, so tests can
 * capture output), standard input from the top command, and the guard that turns running out of
 * heap into one line and exit status 1.
 */
public abstract class TokenlabSubcommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    CommandEnvironment parent;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean helpRequested;

    /** Runs the command; exceptions go to the handler the top command installed ({@link ErrorReporter}). */
    protected abstract int run();

    @Override
    public final Integer call() {
        try {
            return run();
        } catch (OutOfMemoryError e) {
            throw new CliException(ExitCodes.ERROR, ErrorReporter.OUT_OF_MEMORY, e);
        } finally {
            out().flush();
        }
    }

    /** Standard output, as picocli holds it (UTF-8 when run from {@code main}). */
    protected PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Standard error, for warnings. */
    protected PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** Prints a one-line warning on stderr; the command goes on. */
    protected void warn(String message) {
        err().println(ErrorReporter.NAME + ": warning: " + message);
        err().flush();
    }

    /**
     * Reads the input the options name. Warns when TEXT came through a command line the JVM decoded
     * in a charset other than UTF-8 (a POSIX locale): non-ASCII arguments arrive as U+FFFD then.
     */
    protected Input readInput(InputOptions options) {
        Input input = options.read(stdin());
        warnIfGarbled(input);
        warnIfReplaced(input.source(), input.replaced());
        return input;
    }

    /** Says how many invalid UTF-8 sequences {@code --lenient} replaced in {@code source}, if any. */
    protected void warnIfReplaced(String source, long replaced) {
        if (replaced > 0) {
            warn(source + ": " + replaced + " invalid UTF-8 sequence" + (replaced == 1 ? "" : "s")
                    + " replaced by U+FFFD (--lenient)");
        }
    }

    /** Warns when TEXT came through a command line decoded in a charset other than UTF-8 (see {@link #readInput}). */
    protected void warnIfGarbled(Input input) {
        String jnu = System.getProperty("sun.jnu.encoding", "UTF-8");
        if (input.source().equals("TEXT") && input.text().indexOf('\uFFFD') >= 0 && !jnu.equalsIgnoreCase("UTF-8")) {
            warn("the command line was decoded as " + jnu + ", not UTF-8, so non-ASCII TEXT may be garbled;"
                    + " use a UTF-8 locale (LC_ALL=C.UTF-8), --file or stdin");
        }
    }

    /** Standard input, as the top command was given it. */
    protected InputStream stdin() {
        return parent.stdin();
    }
}
