package dev.tokenlab.cli.chat;

import java.time.LocalDateTime;
import java.util.Map;

/**
 * What the command line says over the chat file: flags win over the request's own values.
 *
 * @param tools               {@code --tools}: the tools list, or null to keep the request's
 * @param addGenerationPrompt false for {@code --no-generation-prompt}, else null (the request's value, default true)
 * @param variables           {@code --var KEY=VALUE}s, over the request's {@code template_kwargs}
 * @param now                 {@code --date}: the fixed clock of {@code strftime_now}, or null for the system clock
 */
public record ChatSettings(Object tools, Boolean addGenerationPrompt, Map<String, Object> variables, LocalDateTime now) {
    /** Nothing from the command line: the request as it is, the system clock. */
    public static ChatSettings none() {
        return new ChatSettings(null, null, Map.of(), null);
    }

    /** True when a flag that only a Jinja template reads was given. */
    public boolean anyGiven() {
        return tools != null || addGenerationPrompt != null || !variables.isEmpty() || now != null;
    }
}
