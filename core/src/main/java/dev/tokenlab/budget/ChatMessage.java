package dev.tokenlab.budget;

import java.util.Objects;

/**
 * One message of a chat: who says it and what.
 *
 * @param role    {@code system}, {@code user}, {@code assistant}, or {@code tool} (Llama 3 writes it as {@code ipython})
 * @param content the text, encoded as ordinary text (special-token text in it stays text)
 */
public record ChatMessage(String role, String content) {
    /**
     * Checks that both parts are there: a chat template renders every message, and a missing role or content
     * would surface later as a wrong count instead of here.
     *
     * @throws NullPointerException if {@code role} or {@code content} is null
     */
    public ChatMessage {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
    }
}
