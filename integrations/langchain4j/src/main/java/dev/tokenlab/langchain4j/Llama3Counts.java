package dev.tokenlab.langchain4j;

import dev.langchain4j.data.message.ChatMessage;
import dev.tokenlab.Tokenizer;
import dev.tokenlab.budget.ChatTemplate;

import java.util.List;

/**
 * {@link ChatFormat#LLAMA3}: core's {@code llama3} chat template. Every message is written the same way
 * wherever it stands, so a message alone costs exactly what it adds to any conversation.
 */
final class Llama3Counts implements ChatCounts {
    private final Tokenizer asText;
    private final ChatTemplate template = ChatTemplate.forName("llama3");
    private final int overhead;

    Llama3Counts(Tokenizer asText) {
        this.asText = asText;
        this.overhead = template.render(asText, List.of()).tokenCount();
    }

    @Override
    public int overhead() {
        return overhead;
    }

    @Override
    public int conversation(Iterable<ChatMessage> messages) {
        return template.render(asText, LangChain4jMessages.toTokenlab(messages)).tokenCount();
    }

    @Override
    public int message(ChatMessage message) {
        return LangChain4jMessages.toTokenlab(message)
                .map(m -> template.render(asText, List.of(m)).tokenCount() - overhead).orElse(0);
    }
}
