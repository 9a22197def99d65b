package dev.tokenlab.langchain4j;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.memory.ChatMemory;
import dev.langchain4j.memory.chat.TokenWindowChatMemory;
import dev.tokenlab.Tokenizer;
import dev.tokenlab.Tokenizers;
import dev.tokenlab.budget.ChatTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * LangChain4j's {@link TokenWindowChatMemory} with Tokenlab's estimator across a scripted conversation of 200
 * Botchan sentences: after every message the memory's prompt, as {@code tokenlab chat} counts it (core's
 * {@code llama3} chat template), fits the window, and the memory evicts no more than it must.
 */
class TokenWindowChatMemoryTest {
    private static final Tokenizer LLAMA3 = Tokenizers.get("llama3");
    private static final TokenlabTokenCountEstimator ESTIMATOR = new TokenlabTokenCountEstimator(LLAMA3);

    @ParameterizedTest
    @ValueSource(ints = {64, 300, 1_000}) // 64: some sentences do not fit at all
    void theMemorysPromptAlwaysFitsItsWindow(int maxTokens) {
        ChatMemory memory = TokenWindowChatMemory.withMaxTokens(maxTokens, ESTIMATOR);
        List<ChatMessage> script = ScriptedConversation.of(200);
        List<ChatMessage> added = new ArrayList<>();
        int evictions = 0;
        for (ChatMessage message : script) {
            memory.add(message);
            added.add(message);
            List<ChatMessage> held = memory.messages();
            int prompt = tokenlabChatCount(held);
            assertTrue(prompt <= maxTokens, () -> "after message " + added.size() + " the memory's prompt is " + prompt + " tokens");
            // A tool's result goes with its call: evicting the call evicts the result.
            List<ChatMessage> newest = message instanceof ToolExecutionResultMessage
                    ? List.of(script.get(0), added.get(added.size() - 2), message) : List.of(script.get(0), message);
            boolean fits = tokenlabChatCount(newest) <= maxTokens;
            assertEquals(fits, held.get(held.size() - 1).equals(message), () -> "message " + added.size()
                    + " is kept exactly when it fits beside the system message");
            int oldest = added.indexOf(held.size() > 1 ? held.get(1) : held.get(0));
            if (oldest > 1) {
                evictions++;
                ChatMessage lastEvicted = added.get(oldest - 1);
                if (!(lastEvicted instanceof ToolExecutionResultMessage)) { // orphans are evicted with their call
                    int withIt = ESTIMATOR.estimateTokenCountInMessage(lastEvicted) + prompt;
                    assertTrue(withIt > maxTokens, () -> "message " + oldest + " was evicted though " + withIt + " tokens would fit");
                }
            }
        }
        assertTrue(evictions > 100, "the window is small enough to evict: " + evictions);
    }

    @Test
    void theSystemMessageStaysAndCounts() {
        ChatMemory memory = TokenWindowChatMemory.withMaxTokens(100, ESTIMATOR);
        ScriptedConversation.of(40).forEach(memory::add);
        List<ChatMessage> held = memory.messages();
        assertTrue(held.get(0) instanceof SystemMessage);
        assertEquals(tokenlabChatCount(held), ESTIMATOR.estimateTokenCountInMessages(held));
    }

    /** What {@code tokenlab chat -m llama3 --format count} totals for the messages. */
    private static int tokenlabChatCount(List<ChatMessage> messages) {
        return ChatTemplate.forName("llama3").render(LLAMA3, LangChain4jMessages.toTokenlab(messages)).tokenCount();
    }
}
