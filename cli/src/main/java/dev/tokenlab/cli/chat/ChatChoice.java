package dev.tokenlab.cli.chat;

/**
 * What the command line chose for a chat's format: {@code --template} (llama3, llama2 or a Jinja file),
 * {@code --template-name}, and the flags a Jinja template reads ({@link ChatSettings}). Shared by {@code chat},
 * {@code show --chat} and {@code compare --chat}.
 *
 * @param template     {@code --template}, or null for the model's own
 * @param templateName {@code --template-name}, or null
 * @param settings     the flags over the chat file
 */
public record ChatChoice(String template, String templateName, ChatSettings settings) {
    /** Nothing chosen: each model's own template, or its built-in format, and the chat file as it is. */
    public static ChatChoice none() {
        return new ChatChoice(null, null, ChatSettings.none());
    }

    /** True when any flag was given. */
    public boolean anyGiven() {
        return template != null || templateName != null || settings.anyGiven();
    }
}
