package dev.tokenlab.cli;

import dev.tokenlab.cli.exit.ErrorReporter;
import dev.tokenlab.cli.exit.ExitCodes;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One line on stderr, documented exit statuses, stack traces only with --debug. */
class ErrorHandlingTest {

    @Test
    void noStackTraceWithoutDebug() {
        for (String[] args : new String[][] {
            {"encode", "-m", "lama3", "hi"},
            {"decode", "abc"},
            {"decode", "999999999"},
            {"encode", "--special", "deny", "<|eot_id|>"},
            {"encode", "--no-such-option"},
            {"encode", "--format", "xml", "hi"},
        }) {
            Cli.Result r = Cli.run(args);
            assertTrue(r.exitCode() != 0, String.join(" ", args));
            assertFalse(r.err().contains("\tat "), r.err());
            assertEquals(1, r.errLines().length, r.err());
            assertTrue(r.err().startsWith("tokenlab: "), r.err());
        }
    }

    @Test
    void debugAfterTheCommandPrintsTheStackTrace() {
        Cli.Result r = Cli.run("encode", "--debug", "-m", "lama3", "hi");
        assertEquals(4, r.exitCode());
        assertTrue(r.err().startsWith("tokenlab: unknown model \"lama3\""), r.err());
        assertTrue(r.err().contains("dev.tokenlab.TokenizerNotFoundException"), r.err());
        assertTrue(r.err().contains("\tat "), r.err());
    }

    @Test
    void debugBeforeTheCommandPrintsTheStackTrace() {
        Cli.Result r = Cli.run("--debug", "decode", "999999999");
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("\tat "), r.err());
    }

    @Test
    void debugAlsoForUsageErrors() {
        Cli.Result r = Cli.run("--debug", "encode", "--bogus");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("\tat "), r.err());
    }

    @Test
    void unknownOptionIsAUsageErrorWithASuggestion() {
        Cli.Result r = Cli.run("encode", "--formt", "json", "x");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("did you mean --format?"), r.err());
        assertTrue(r.err().endsWith("(see 'tokenlab encode --help')\n"), r.err());
    }

    @Test
    void badEnumValueIsAUsageError() {
        Cli.Result r = Cli.run("encode", "--special", "maybe", "x");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("maybe"), r.err());
    }

    @Test
    void noCommandIsAUsageError() {
        Cli.Result r = Cli.run();
        assertEquals(new Cli.Result(2, "", "tokenlab: missing command: show, encode, decode, count, truncate, chunk, chat, compare, explain or models (see 'tokenlab --help')\n"), r);
    }

    @Test
    void outOfMemoryIsOneLine() {
        StringWriter err = new StringWriter();
        CommandLine cmd = TokenlabCommand.configure(new CommandLine(new TokenlabCommand()));
        cmd.setErr(new PrintWriter(err));
        int code = ErrorReporter.report(cmd, new OutOfMemoryError("Java heap space"), false);
        assertEquals(ExitCodes.ERROR, code);
        assertTrue(err.toString().startsWith("tokenlab: input too large for the heap; "), err.toString());
        assertEquals(1, err.toString().split("\n").length);
    }

    @Test
    void unexpectedExceptionIsOneLineToo() {
        StringWriter err = new StringWriter();
        CommandLine cmd = TokenlabCommand.configure(new CommandLine(new TokenlabCommand()));
        cmd.setErr(new PrintWriter(err));
        int code = ErrorReporter.report(cmd, new IllegalStateException("boom\nsecond line"), false);
        assertEquals(ExitCodes.ERROR, code);
        assertEquals("tokenlab: internal error: java.lang.IllegalStateException: boom; second line"
                + " (run with --debug for the stack trace)\n", err.toString());
    }

    @Test
    void helpAndVersion() {
        Cli.Result help = Cli.run("--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.out().contains("Exit status:"), help.out());
        assertTrue(help.out().contains("  4   model, model profile or engine not found"), help.out());
        for (String command : new String[] {"encode", "decode", "count", "models"}) {
            Cli.Result r = Cli.run(command, "--help");
            assertEquals(0, r.exitCode(), command);
            assertTrue(r.out().startsWith("Usage: tokenlab " + command), r.out());
            assertTrue(r.out().contains("Examples:"), r.out());
            assertTrue(r.out().lines().allMatch(l -> l.length() <= 80), "help fits 80 columns: " + r.out());
        }
        assertEquals(Cli.run("encode", "--help").out(), Cli.run("help", "encode").out());
        Cli.Result version = Cli.run("--version");
        assertEquals(0, version.exitCode());
        assertTrue(version.out().startsWith("tokenlab 0."), version.out());
    }
}
