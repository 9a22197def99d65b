package dev.tokenlab.langchain4j;

import dev.langchain4j.data.message.ChatMessage;
import dev.tokenlab.Tokenizer;
import dev.tokenlab.budget.ChatTemplate;

import java.util.List;

/**
 * {@link ChatFormat#LLAMA2}: core's {@code llama2} chat template (Meta's {@code chat_completion}). A conversation is
 * counted exactly. Llama 2 encodes a question and its answer as one piece of text
 * ({@code <s>[INST] question [/INST] answer </s>}), so a message alone is counted in a one-character context:
 * a question as the last turn {@code <s>[INST] … [/INST]}, an answer as what it adds after a question
 * ({@code " answer " </s>}), a system message as what it adds to the first question. The parts add up to the
 * conversation wherever SentencePiece cuts at the spaces around the brackets; a system message joined to the
 * first question's first word may be off by one or two tokens ({@link ChatFormat#LLAMA2}). A conversation the format refuses (roles not alternating after an eviction, a tool result) is
 * counted as the sum of its messages, a tool result as its text: never an exception.
 */
final class Llama2Counts implements ChatCounts {
    private static final dev.tokenlab.budget.ChatMessage QUESTION = new dev.tokenlab.budget.ChatMessage("user", ".");

    private final Tokenizer asText;
    private final ChatTemplate template = ChatTemplate.forName("llama2");
    private final int question;

    Llama2Counts(Tokenizer asText) {
        this.asText = asText;
        this.question = render(List.of(QUESTION));
    }

    @Override
    public int overhead() {
        return 0;
    }

    @Override
    public int conversation(Iterable<ChatMessage> messages) {
        List<dev.tokenlab.budget.ChatMessage> dialog = LangChain4jMessages.toTokenlab(messages);
        try {
            return render(dialog);
        } catch (IllegalArgumentException refused) {
            return dialog.stream().mapToInt(this::message).sum();
        }
    }

    @Override
    public int message(ChatMessage message) {
        return LangChain4jMessages.toTokenlab(message).map(this::message).orElse(0);
    }

    private int message(dev.tokenlab.budget.ChatMessage m) {
        return switch (m.role()) {
            case "user" -> render(List.of(m));
            case "assistant" -> render(List.of(QUESTION, m, QUESTION)) - 2 * question;
            case "system" -> render(List.of(m, QUESTION)) - question;
            default -> asText.count(m.content());
        };
    }

    private int render(List<dev.tokenlab.budget.ChatMessage> dialog) {
        return template.render(asText, dialog).tokenCount();
    }
}
