package dev.tokenlab.langchain4j;

import dev.langchain4j.data.message.ChatMessage;

/**
 * How one {@link ChatFormat} counts: a conversation, a message alone, and what a conversation costs besides
 * its messages. One implementation per format, chosen by {@link TokenlabTokenCountEstimator}.
 */
interface ChatCounts {
    /** What a conversation costs besides its messages. */
    int overhead();

    /** The prompt's count for {@code messages}. */
    int conversation(Iterable<ChatMessage> messages);

    /** What {@code message} adds to a conversation. */
    int message(ChatMessage message);
}
