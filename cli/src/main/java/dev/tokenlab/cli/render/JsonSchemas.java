package dev.tokenlab.cli.render;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The JSON Schemas of the {@code --format json} outputs: the one description of each, kept as
 * resources beside the code ({@code dev/tokenlab/cli/schema/COMMAND.schema.json}), printed by
 * {@code tokenlab schema COMMAND}, linked from cli/README.md, and checked against real output by the
 * tests. Field meanings live in their {@code description}s.
 *
 * <pre>{@code
 * JsonSchemas.of("explain");   // the schema text: {"$schema":"https://json-schema.org/draft/2020-12/schema", ...}
 * }</pre>
 */
public final class JsonSchemas {
    /** The commands with a JSON output, in the order of {@code tokenlab --help}. */
    public static final List<String> COMMANDS = List.of("encode", "count", "models", "chunk", "chat", "show", "compare",
            "explain");

    private JsonSchemas() {
    }

    /** The resource path of {@code command}'s schema. */
    public static String resource(String command) {
        return "/dev/tokenlab/cli/schema/" + command + ".schema.json";
    }

    /**
     * The schema of {@code command}'s JSON output, as the file holds it.
     *
     * @throws IllegalArgumentException for a command without one
     */
    public static String of(String command) {
        if (!COMMANDS.contains(command)) {
            throw new IllegalArgumentException("no JSON output: " + command);
        }
        try (InputStream in = JsonSchemas.class.getResourceAsStream(resource(command))) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource(command));
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
