package dev.tokenlab.budget;

import dev.tokenlab.Tokenizer;
import dev.tokenlab.TokenizerNotFoundException;

import java.util.List;

/**
 * Renders a chat into a model's prompt ids. Special ids are inserted by the template itself, never
 * parsed out of message text, so a message cannot forge a turn.
 *
 * <pre>{@code
 * ChatPrompt p = ChatTemplate.forName("llama3").render(Tokenizers.get("llama3"),
 *         List.of(new ChatMessage("user", "Hi")));
 * p.ids();   // [128000, 128006, 882, 128007, 271, 13347, 128009, 128006, 78191, 128007, 271]
 * }</pre>
 */
public interface ChatTemplate {

    /** The template's name: {@code llama3}, {@code llama2}. */
    String name();

    /**
     * Renders {@code messages} and the start of the assistant's reply.
     *
     * @throws IllegalArgumentException if the messages break the template's rules (Llama 2's role order)
     */
    ChatPrompt render(Tokenizer tokenizer, List<ChatMessage> messages);

    /**
     * The template named {@code name} ({@code llama3} or {@code llama2}).
     *
     * @throws TokenizerNotFoundException for any other name
     */
    static ChatTemplate forName(String name) {
        return switch (name) {
            case "llama3" -> new Llama3ChatTemplate();
            case "llama2" -> new Llama2ChatTemplate();
            default -> throw new TokenizerNotFoundException("chat template", name, List.of("llama3", "llama2"));
        };
    }
}
