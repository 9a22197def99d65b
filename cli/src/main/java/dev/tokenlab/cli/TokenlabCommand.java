package dev.tokenlab.cli;

import dev.tokenlab.cli.command.ChatCommand;
import dev.tokenlab.cli.command.ChunkCommand;
import dev.tokenlab.cli.command.CommandEnvironment;
import dev.tokenlab.cli.command.CompareCommand;
import dev.tokenlab.cli.command.CountCommand;
import dev.tokenlab.cli.command.DecodeCommand;
import dev.tokenlab.cli.command.EncodeCommand;
import dev.tokenlab.cli.command.ExplainCommand;
import dev.tokenlab.cli.command.ModelsCommand;
import dev.tokenlab.cli.command.SchemaCommand;
import dev.tokenlab.cli.command.ServeCommand;
import dev.tokenlab.cli.command.ShowCommand;
import dev.tokenlab.cli.command.TruncateCommand;
import dev.tokenlab.cli.exit.CliException;
import dev.tokenlab.cli.exit.ErrorReporter;
import dev.tokenlab.cli.exit.ExitCodes;
import dev.tokenlab.cli.render.Terminal;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.Callable;

/**
 * The {@code tokenlab} command: exact LLM tokenization from the shell.
 *
 * <pre>
 * $ tokenlab encode -m llama3 "Hello world"
 * 9906 1917
 * $ tokenlab decode -m llama3 9906 1917
 * Hello world
 * </pre>
 *
 * <p>Build one with {@code configure(new CommandLine(new TokenlabCommand()))}: that installs the
 * error handling (one line on stderr, documented exit statuses, see {@link ExitCodes}).
 */
@Command(name = TokenlabCommand.NAME,
        versionProvider = TokenlabCommand.Version.class,
        description = "Exact LLM tokenization: Llama 3, Llama 2 (SentencePiece) and OpenAI encodings, id for id as the reference tokenizers.",
        subcommands = {EncodeCommand.class, DecodeCommand.class, CountCommand.class, ModelsCommand.class,
                TruncateCommand.class, ChunkCommand.class, ChatCommand.class,
                ShowCommand.class, CompareCommand.class, ExplainCommand.class, SchemaCommand.class, ServeCommand.class,
                CommandLine.HelpCommand.class},
        synopsisSubcommandLabel = "COMMAND",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
                ExitCodes.OK + ":ok",
                ExitCodes.ERROR + ":error: unreadable, missing or non-UTF-8 input file, bad model file,"
                        + " disallowed special token, id out of range",
                ExitCodes.USAGE + ":usage: unknown option, bad value, conflicting options, --bos/--eos on a model without them",
                ExitCodes.OVER_BUDGET + ":over budget: count's total is above the limit asked for (--fit, --limit, --reserve)",
                ExitCodes.NOT_FOUND + ":model, model profile or engine not found (the message suggests close names)"},
        footerHeading = "%n",
        footer = {
                "Every error is one line on stderr starting with 'tokenlab: '; add --debug for the Java stack trace.",
                "",
                "Examples:",
                "  tokenlab encode -m llama3 \"Hello world\"          # 9906 1917",
                "  tokenlab encode -m llama3 unhappiness --format tokens",
                "  tokenlab count -m gpt-4o -f README.md",
                "  tokenlab decode -m llama3 9906 1917              # Hello world",
                "  tokenlab models"})
public final class TokenlabCommand implements Callable<Integer>, CommandEnvironment {
    /** The command's name, also the prefix of every error line. */
    static final String NAME = ErrorReporter.NAME;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = {"-V", "--version"}, versionHelp = true, description = "Print the version and exit.")
    boolean version;

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "On an error, print the Java stack trace after the one-line message.")
    boolean debug;

    private final InputStream stdin;
    private final boolean stderrIsTerminal;

    /** A command that reads {@code System.in} when a command is given no text. */
    public TokenlabCommand() {
        this(System.in, Terminal.stderrIsTerminal());
    }

    /** A command that reads {@code stdin} when a command is given no text (tests pass a byte array). */
    public TokenlabCommand(InputStream stdin) {
        this(stdin, false);
    }

    /**
     * As {@link #TokenlabCommand(InputStream)}; {@code stderrIsTerminal} says whether progress lines
     * ({@code \r}-redrawn) may be drawn on stderr.
     */
    public TokenlabCommand(InputStream stdin, boolean stderrIsTerminal) {
        this.stdin = Objects.requireNonNull(stdin, "stdin");
        this.stderrIsTerminal = stderrIsTerminal;
    }

    @Override
    public InputStream stdin() {
        return stdin;
    }

    @Override
    public boolean stderrIsTerminal() {
        return stderrIsTerminal;
    }

    @Override
    public Integer call() {
        throw CliException.usage("missing command: show, encode, decode, count, truncate, chunk, chat, compare, explain"
                + " or models (see 'tokenlab --help')");
    }

    /**
     * Installs the error handling once, on the top command: {@link ErrorReporter} maps exceptions to
     * one line on stderr and an exit status. Returns {@code cmd}.
     */
    public static CommandLine configure(CommandLine cmd) {
        ErrorReporter reporter = new ErrorReporter();
        cmd.setExecutionExceptionHandler(reporter);
        cmd.setParameterExceptionHandler(reporter);
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        return cmd;
    }

    /** Runs {@code tokenlab} with UTF-8 output whatever the platform's default charset. */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8)));
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        CommandLine cmd = configure(new CommandLine(new TokenlabCommand()));
        cmd.setOut(out);
        cmd.setErr(err);
        int code = cmd.execute(args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** {@code --version}: this build's version (from the filtered {@code version.properties}) and the Java runtime. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = "unknown";
            try (InputStream in = TokenlabCommand.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    Properties p = new Properties();
                    p.load(in);
                    v = p.getProperty("version", v);
                }
            } catch (IOException e) {
                // keep "unknown": the version line is not worth failing for
            }
            return new String[] {
                NAME + " " + v,
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
