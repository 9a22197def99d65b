package dev.tokenlab.langchain4j;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
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
 * Llama 2's chat format: conversations exactly as core's {@code llama2} template ({@code tokenlab chat -m llama2})
 * counts them, messages that add up to them, and LangChain4j's {@link TokenWindowChatMemory} within its window.
 */
class Llama2ChatFormatTest {
    private static final Tokenizer LLAMA2 = Tokenizers.get("llama2");
    private static final TokenlabTokenCountEstimator ESTIMATOR = TokenlabTokenCountEstimator.forModel("llama2");

    @Test
    void documentedCounts() {
        assertEquals(ChatFormat.LLAMA2, ESTIMATOR.chatFormat());
        assertEquals(0, ESTIMATOR.conversationOverhead());
        // <s> ▁[ INST ] ▁Hi ▁[ / INST ]
        assertEquals(9, ESTIMATOR.estimateTokenCountInMessage(UserMessage.from("Hi")));
        assertEquals(ESTIMATOR.estimateTokenCountInText("12:00"),
                ESTIMATOR.estimateTokenCountInMessage(ToolExecutionResultMessage.from("1", "time", "12:00")));
    }

    @Test
    void everyPrefixOfAConversationAddsUpAndIsCoresChatCount() {
        List<ChatMessage> script = script(120, false);
        int checked = 0;
        for (int n = 1; n <= script.size(); n++) {
            List<ChatMessage> dialog = script.subList(0, n);
            if (dialog.get(n - 1) instanceof AiMessage) {
                continue; // a Llama 2 prompt ends with a question
            }
            int exact = ChatTemplate.forName("llama2").render(LLAMA2, LangChain4jMessages.toTokenlab(dialog)).tokenCount();
            assertEquals(exact, ESTIMATOR.estimateTokenCountInMessages(dialog), "the first " + n + " messages");
            int sum = dialog.stream().mapToInt(ESTIMATOR::estimateTokenCountInMessage).sum();
            assertEquals(exact, sum, "the first " + n + " messages, message by message");
            checked++;
        }
        assertEquals(60, checked);
    }

    /**
     * A system message is written into the first question ({@code <</SYS>>\n\nQuestion}): the question's first word
     * follows a newline, not a space, so SentencePiece may cut it differently than alone (262 of these 300 questions
     * add up exactly; the rest are off by one or two tokens).
     */
    @Test
    void aSystemMessageIsExactInTheConversationAndWithinTwoTokensMessageByMessage() {
        SystemMessage system = SystemMessage.from("You retell Botchan, one sentence at a time.");
        int largest = 0;
        List<String> questions = CorpusSentences.botchan(300);
        for (String question : questions) {
            List<ChatMessage> dialog = List.of(system, UserMessage.from(question));
            int exact = ChatTemplate.forName("llama2").render(LLAMA2, LangChain4jMessages.toTokenlab(dialog)).tokenCount();
            assertEquals(exact, ESTIMATOR.estimateTokenCountInMessages(dialog), question);
            int sum = dialog.stream().mapToInt(ESTIMATOR::estimateTokenCountInMessage).sum();
            largest = Math.max(largest, Math.abs(exact - sum));
        }
        assertTrue(largest <= 2, "message by message off by " + largest);
    }

    @ParameterizedTest
    @ValueSource(ints = {100, 400})
    void tokenWindowChatMemoryKeepsThePromptWithinItsWindow(int maxTokens) {
        ChatMemory memory = TokenWindowChatMemory.withMaxTokens(maxTokens, ESTIMATOR);
        int added = 0;
        for (ChatMessage message : script(200, false)) {
            memory.add(message);
            added++;
            List<ChatMessage> held = memory.messages();
            if (held.get(held.size() - 1) instanceof UserMessage && held.get(0) instanceof UserMessage) {
                int count = ChatTemplate.forName("llama2").render(LLAMA2, LangChain4jMessages.toTokenlab(held)).tokenCount();
                int n = added;
                assertTrue(count <= maxTokens, () -> "after message " + n + " the memory's prompt is " + count + " tokens");
            }
            int total = held.stream().mapToInt(ESTIMATOR::estimateTokenCountInMessage).sum();
            assertTrue(total <= maxTokens || held.size() == 1, "the memory holds " + total + " tokens");
        }
    }

    /** A system message or none, then a question and its answer in turn (Botchan's sentences). */
    private static List<ChatMessage> script(int n, boolean system) {
        List<ChatMessage> script = new ArrayList<>();
        if (system) {
            script.add(SystemMessage.from("You retell Botchan, one sentence at a time."));
        }
        List<String> sentences = CorpusSentences.botchan(n);
        for (int i = 0; i < sentences.size(); i++) {
            script.add(i % 2 == 0 ? UserMessage.from(sentences.get(i)) : AiMessage.from(sentences.get(i)));
        }
        return script;
    }
}
