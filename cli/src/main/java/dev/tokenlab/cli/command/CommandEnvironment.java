package dev.tokenlab.cli.command;

import java.io.InputStream;

/**
 * What the top command gives every subcommand besides the options: standard input, and whether
 * standard error is a terminal. An interface so the subcommands do not depend on the entry point
 * ({@code TokenlabCommand} implements it; picocli injects it as the {@code @ParentCommand}), and
 * tests can pass a byte array for stdin.
 */
public interface CommandEnvironment {
    /** Standard input, read when a command is given no text. */
    InputStream stdin();

    /** Whether stderr is a terminal, so a progress line ({@code \r}-redrawn) may be drawn there. */
    boolean stderrIsTerminal();
}
