package dev.tokenlab.cli.options;

import dev.tokenlab.cli.exit.CliException;
import dev.tokenlab.cli.input.JsonValues;
import dev.tokenlab.cli.input.TextInput;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code chat}'s template options: which template ({@code --template}, {@code --template-name}) and what the
 * command line sets over the chat file ({@code --tools}, {@code --no-generation-prompt}, {@code --var},
 * {@code --date}).
 */
public final class ChatOptions {
    /** The variables the request itself sets. */
    private static final Set<String> RESERVED = Set.of("messages", "add_generation_prompt", "tools", "documents");

    @Option(names = "--template", paramLabel = "llama3|llama2|FILE",
            description = "The chat format: llama3 or llama2 (core's built-in formats, Meta's reference encoders), or any"
                    + " other value: a Jinja template file (write ./llama3 for a file of that name). Default: the model's"
                    + " own template, else its built-in format (see below).")
    public String template;

    @Option(names = "--template-name", paramLabel = "NAME",
            description = "One of the model's named templates (tool_use, rag …) instead of its default.")
    public String templateName;

    @Option(names = "--tools", paramLabel = "FILE",
            description = "A JSON array of tool definitions (or an object with \"tools\"), over the file's \"tools\".")
    Path tools;

    @Option(names = "--no-generation-prompt",
            description = "End the prompt after the last message (add_generation_prompt=false).")
    boolean noGenerationPrompt;

    @Option(names = "--var", paramLabel = "KEY=VALUE",
            description = "A template variable, over the file's \"template_kwargs\"; VALUE is JSON when it parses as"
                    + " JSON (enable_thinking=false is false), else a string. Repeatable.")
    List<String> vars = List.of();

    @Option(names = "--date", paramLabel = "DATE",
            description = "A fixed date for strftime_now (2024-07-26 or 2024-07-26T10:30:00; default: now).")
    String date;

    /** {@code --tools}' list, or null when not given. */
    public Object tools() {
        if (tools == null) {
            return null;
        }
        String source = tools.toString();
        Object value = JsonValues.parse(TextInput.decodeStrict(TextInput.readFile(tools), source), source);
        if (value instanceof Map<?, ?> m && m.containsKey("tools")) {
            value = m.get("tools");
        }
        if (!(value instanceof List<?>)) {
            throw CliException.error(source + ": --tools takes a JSON array of tool definitions (or an object with \"tools\")");
        }
        return value;
    }

    /** False for {@code --no-generation-prompt}, else null (the chat file says, default true). */
    public Boolean addGenerationPrompt() {
        return noGenerationPrompt ? Boolean.FALSE : null;
    }

    /** The {@code --var}s, in order (a later one wins). */
    public Map<String, Object> variables() {
        Map<String, Object> result = new LinkedHashMap<>();
        for (String v : vars) {
            int eq = v.indexOf('=');
            if (eq <= 0) {
                throw CliException.usage("--var " + v + ": expected KEY=VALUE");
            }
            String key = v.substring(0, eq);
            if (RESERVED.contains(key)) {
                throw CliException.usage("--var " + key + ": the chat file sets it (and --tools, --no-generation-prompt)");
            }
            String value = v.substring(eq + 1);
            result.put(key, JsonValues.isJson(value) ? JsonValues.parse(value, "--var") : value);
        }
        return result;
    }

    /** {@code --date} as a time, or null. */
    public LocalDateTime now() {
        if (date == null) {
            return null;
        }
        try {
            return date.contains("T") ? LocalDateTime.parse(date) : LocalDate.parse(date).atStartOfDay();
        } catch (DateTimeParseException e) {
            throw CliException.usage("--date " + date + ": expected YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS]");
        }
    }
}
