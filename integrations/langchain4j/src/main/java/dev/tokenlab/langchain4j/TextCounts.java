package dev.tokenlab.langchain4j;

import dev.langchain4j.data.message.ChatMessage;
import dev.tokenlab.Tokenizer;

/** {@link ChatFormat#TEXT}: a message costs its text, a conversation the sum. */
final class TextCounts implements ChatCounts {
    private final Tokenizer asText;

    TextCounts(Tokenizer asText) {
        this.asText = asText;
    }

    @Override
    public int overhead() {
        return 0;
    }

    @Override
    public int conversation(Iterable<ChatMessage> messages) {
        int sum = 0;
        for (ChatMessage m : messages) {
            sum += message(m);
        }
        return sum;
    }

    @Override
    public int message(ChatMessage message) {
        return LangChain4jMessages.toTokenlab(message).map(m -> asText.count(m.content())).orElse(0);
    }
}
