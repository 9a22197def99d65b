package dev.tokenlab.cli.command;

import dev.tokenlab.cli.exit.CliException;
import dev.tokenlab.cli.exit.ExitCodes;
import dev.tokenlab.cli.render.JsonSchemas;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.Iterator;
import java.util.Locale;

/**
 * {@code tokenlab schema}: the JSON Schema (draft 2020-12) of a command's {@code --format json}
 * output, the one place its shape and the meaning of each field are written down.
 *
 * <pre>
 * $ tokenlab schema explain | jq '.["$defs"].merge.description'
 * </pre>
 */
@Command(name = "schema",
        description = "Print the JSON Schema of a command's --format json output.",
        sortOptions = false,
        footerHeading = "%n",
        footer = {
                "The schemas (JSON Schema draft 2020-12) describe every key and what it",
                "means; the tests check each command's real output against its schema.",
                "chunk prints JSON Lines: its schema is that of one line.",
                "",
                "Examples:",
                "  tokenlab schema explain",
                "  tokenlab schema count > count.schema.json"})
public final class SchemaCommand extends TokenlabSubcommand {

    @Parameters(index = "0", paramLabel = "COMMAND", completionCandidates = Commands.class,
            description = "A command with JSON output: ${COMPLETION-CANDIDATES}.")
    String command;

    @Override
    protected int run() {
        String name = command.trim().toLowerCase(Locale.ROOT);
        if (!JsonSchemas.COMMANDS.contains(name)) {
            throw CliException.usage(command + " has no JSON output; commands with one: " + String.join(", ", JsonSchemas.COMMANDS));
        }
        out().print(JsonSchemas.of(name));
        return ExitCodes.OK;
    }

    /** The commands with a schema, for help and completion. */
    static final class Commands implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return JsonSchemas.COMMANDS.iterator();
        }
    }
}
