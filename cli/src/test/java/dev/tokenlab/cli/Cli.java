package dev.tokenlab.cli;

import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

/** Runs {@code tokenlab} in-process, as {@code main} does, capturing stdout, stderr and the exit status. */
public final class Cli {
    /** What one run produced. */
    public record Result(int exitCode, String out, String err) {
        /** The stderr lines. */
        public String[] errLines() {
            return err.isEmpty() ? new String[0] : err.split("\n");
        }
    }

    private Cli() {
    }

    /** Runs with an empty stdin. */
    public static Result run(String... args) {
        return runWithStdin(new byte[0], args);
    }

    public static Result runWithStdin(String stdin, String... args) {
        return runWithStdin(stdin.getBytes(StandardCharsets.UTF_8), args);
    }

    public static Result runWithStdin(byte[] stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = TokenlabCommand.configure(new CommandLine(new TokenlabCommand(new ByteArrayInputStream(stdin))));
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        int code = cmd.execute(args);
        return new Result(code, out.toString(), err.toString());
    }
}
