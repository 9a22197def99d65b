package dev.tokenlab.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code tokenlab --help}: every command listed with its whole summary; every command's help within 80 columns. */
class HelpTest {

    /** The command list of the top-level help: from "Commands:" to the first blank line. */
    private static String commandList() {
        String help = Cli.run("--help").out();
        int start = help.indexOf("Commands:\n");
        assertTrue(start >= 0, help);
        int end = help.indexOf("\n\n", start);
        return help.substring(start + "Commands:\n".length(), end + 1);
    }

    @Test
    void everySummaryIsShownWhole() {
        String list = commandList();
        Map<String, CommandLine> commands = TokenlabCommand.configure(new CommandLine(new TokenlabCommand())).getSubcommands();
        for (Map.Entry<String, CommandLine> c : commands.entrySet()) {
            // What picocli lists: the header's first line if there is one, else the description's.
            CommandLine.Model.UsageMessageSpec usage = c.getValue().getCommandSpec().usageMessage();
            String summary = usage.header().length > 0 ? usage.header()[0] : usage.description()[0];
            assertTrue(summary.endsWith("."), c.getKey() + ": the summary is whole sentences, not a line cut for"
                    + " width: " + summary);
            // The entry: the name at the start of a line, its summary wrapped on the lines below, until the next name.
            int at = list.indexOf("\n  " + c.getKey() + " ");
            at = at < 0 && list.startsWith("  " + c.getKey() + " ") ? 0 : at + 1;
            assertFalse(at < 0, c.getKey() + " listed: " + list);
            int next = at + 1;
            while ((next = list.indexOf("\n  ", next)) >= 0 && list.startsWith("\n   ", next)) {
                next++;
            }
            String entry = list.substring(at, next < 0 ? list.length() : next).strip().replaceAll("\\s+", " ");
            assertEquals(c.getKey() + " " + summary.replaceAll("\\s+", " "), entry, "the whole summary of " + c.getKey());
        }
    }

    @Test
    void everyCommandsHelpFitsEightyColumns() {
        for (String command : TokenlabCommand.configure(new CommandLine(new TokenlabCommand())).getSubcommands().keySet()) {
            Cli.Result r = Cli.run(command, "--help");
            assertEquals(0, r.exitCode(), command);
            assertTrue(r.out().lines().allMatch(l -> l.length() <= 80), command + "'s help fits 80 columns: " + r.out());
        }
    }
}
