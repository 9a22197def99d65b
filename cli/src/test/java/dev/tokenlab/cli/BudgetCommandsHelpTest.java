package dev.tokenlab.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The budget commands' help: shown, with examples, within 80 columns. */
class BudgetCommandsHelpTest {

    @ParameterizedTest
    @ValueSource(strings = {"count", "truncate", "chunk", "chat"})
    void help(String command) {
        Cli.Result r = Cli.run(command, "--help");
        assertEquals(0, r.exitCode(), command);
        assertTrue(r.out().startsWith("Usage: tokenlab " + command), r.out());
        assertTrue(r.out().contains("Examples:"), r.out());
        assertTrue(r.out().lines().allMatch(l -> l.length() <= 80), "help fits 80 columns: " + r.out());
        assertEquals(r.out(), Cli.run("help", command).out());
        assertTrue(Cli.run("--help").out().contains("  " + command + " "), "listed in tokenlab --help");
    }
}
