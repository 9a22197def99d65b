package dev.tokenlab.budget;

import java.util.Objects;

/**
 * One message of a chat: who says it and what.
 *
 * @param role    {@code system}, {@code user}, {@code assistant}, or {@code tool} (Llama 3 writes it as {@code ipython})
 * @param content the text, encoded as ordinary text (special-token text in it stays text)
 */
public record ChatMessage(String role, String content) {
    public ChatMessage {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
    }
}
