package dev.tokenlab.langchain4j;

import dev.langchain4j.data.message.ChatMessage;
import dev.tokenlab.Tokenizer;
import dev.tokenlab.templates.ModelChatTemplate;
import dev.tokenlab.templates.RenderOptions;
import dev.tokenlab.templates.TemplateException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Counts in a model's own Jinja chat template ({@link ChatFormat#TEMPLATE}). A conversation is counted
 * exactly: the template rendered with the generation prompt, as {@code apply_chat_template} tokenizes it. A
 * message alone has no exact count (templates write a message differently by its neighbours: Gemma 3 folds
 * the system message into the first user turn, Llama 3.1 writes a default system preamble when there is no
 * system message, Qwen3 marks the reply after the last question), so a message costs what the template adds
 * for it in the middle of a conversation: {@code count(before + m + after) - count(before + after)}, with
 * one-character user and assistant turns around it that keep the roles alternating. The overhead is the rest
 * of a one-question conversation. Where a template refuses a conversation (a role it does not know, roles
 * that do not alternate), the counts fall back to text: the estimator never throws.
 */
final class TemplateCounts implements ChatCounts {
    private static final Map<String, Object> USER = Map.of("role", "user", "content", ".");
    private static final Map<String, Object> ASSISTANT = Map.of("role", "assistant", "content", ".");

    private final Tokenizer asText;
    private final ModelChatTemplate template;
    private final int overhead;

    TemplateCounts(Tokenizer asText, ModelChatTemplate template) {
        this.asText = asText;
        this.template = template;
        this.overhead = render(List.of(USER), true) - message(USER);
    }

    @Override
    public int overhead() {
        return overhead;
    }

    @Override
    public int conversation(Iterable<ChatMessage> messages) {
        List<Map<String, Object>> dialog = new ArrayList<>();
        for (ChatMessage m : messages) {
            LangChain4jMessages.toTransformers(m).ifPresent(dialog::add);
        }
        try {
            return render(dialog, true);
        } catch (TemplateException | IllegalArgumentException refused) {
            return overhead + dialog.stream().mapToInt(this::message).sum();
        }
    }

    @Override
    public int message(ChatMessage message) {
        return LangChain4jMessages.toTransformers(message).map(this::message).orElse(0);
    }

    private int message(Map<String, Object> message) {
        Object role = message.get("role");
        List<Map<String, Object>> before = "system".equals(role) ? List.of() : "assistant".equals(role) ? List.of(USER) : List.of(USER, ASSISTANT);
        List<Map<String, Object>> after = "system".equals(role) || "assistant".equals(role) ? List.of(USER) : List.of(ASSISTANT, USER);
        List<Map<String, Object>> with = new ArrayList<>(before);
        with.add(message);
        with.addAll(after);
        List<Map<String, Object>> without = new ArrayList<>(before);
        without.addAll(after);
        try {
            return render(with, false) - render(without, false);
        } catch (TemplateException | IllegalArgumentException refused) {
            return asText.count(String.valueOf(message.get("content")));
        }
    }

    private int render(List<Map<String, Object>> messages, boolean addGenerationPrompt) {
        return template.count(messages, addGenerationPrompt, Map.of(), RenderOptions.defaults());
    }
}
