package dev.tokenlab.langchain4j;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.memory.ChatMemory;
import dev.langchain4j.memory.chat.TokenWindowChatMemory;
import dev.tokenlab.Tokenizer;
import dev.tokenlab.Tokenizers;
import dev.tokenlab.templates.ModelChatTemplate;
import dev.tokenlab.templates.RenderOptions;
import dev.tokenlab.hf.HfModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Models with their own Jinja chat template (the shared Qwen3, DeepSeek V3 and Gemma 3 files): a conversation counts
 * exactly as the model's template renders it ({@link ModelChatTemplate}, proven against {@code apply_chat_template}'s
 * ids in the templates module), the ChatML-style templates keep conversation = overhead + Σ messages, and
 * LangChain4j's {@link TokenWindowChatMemory} keeps the prompt within its window.
 */
class TemplateChatFormatTest {

    @ParameterizedTest
    @ValueSource(strings = {"hf/qwen3", "hf/deepseek_v3", "hf/gemma3"})
    void aConversationCountsAsTheModelsOwnTemplateRendersIt(String model) {
        Tokenizer tokenizer = load(model);
        TokenlabTokenCountEstimator estimator = new TokenlabTokenCountEstimator(tokenizer);
        assertEquals(ChatFormat.TEMPLATE, estimator.chatFormat());
        List<ChatMessage> dialog = alternating(ScriptedConversation.of(9));
        List<Map<String, Object>> asTransformers = dialog.stream()
                .map(m -> LangChain4jMessages.toTransformers(m).orElseThrow()).toList();
        int expected = ModelChatTemplate.of(tokenizer).count(asTransformers, true, Map.of(), RenderOptions.defaults());
        assertEquals(expected, estimator.estimateTokenCountInMessages(dialog));
    }

    @ParameterizedTest
    @ValueSource(strings = {"hf/qwen3", "hf/deepseek_v3"})
    void chatMlStyleTemplatesAddUpMessageByMessage(String model) {
        TokenlabTokenCountEstimator estimator = new TokenlabTokenCountEstimator(load(model));
        List<ChatMessage> script = ScriptedConversation.of(60);
        for (int n = 2; n <= script.size(); n++) {
            List<ChatMessage> dialog = script.subList(0, n);
            if (dialog.get(n - 1) instanceof AiMessage) {
                continue; // Qwen3 writes an empty thinking block into a reply that ends the chat; prompts end with a question
            }
            int sum = estimator.conversationOverhead();
            for (ChatMessage m : dialog) {
                sum += estimator.estimateTokenCountInMessage(m);
            }
            assertEquals(estimator.estimateTokenCountInMessages(dialog), sum, "the first " + n + " messages");
        }
    }

    @Test
    void qwen3sChatMarkersAreCountedOncePerMessage() {
        TokenlabTokenCountEstimator qwen3 = new TokenlabTokenCountEstimator(load("hf/qwen3"));
        // <|im_start|> user \n Hi <|im_end|> \n
        assertEquals(6, qwen3.estimateTokenCountInMessage(UserMessage.from("Hi")));
        // <|im_start|> assistant \n
        assertEquals(3, qwen3.conversationOverhead());
        assertEquals(9, qwen3.estimateTokenCountInMessages(List.of(UserMessage.from("Hi"))));
    }

    @ParameterizedTest
    @ValueSource(ints = {120, 400})
    void tokenWindowChatMemoryKeepsQwen3sPromptWithinItsWindow(int maxTokens) {
        Tokenizer qwen3 = load("hf/qwen3");
        TokenlabTokenCountEstimator estimator = new TokenlabTokenCountEstimator(qwen3);
        ModelChatTemplate template = ModelChatTemplate.of(qwen3);
        ChatMemory memory = TokenWindowChatMemory.withMaxTokens(maxTokens, estimator);
        int evicted = 0;
        int added = 0;
        for (ChatMessage message : ScriptedConversation.of(200)) {
            memory.add(message);
            added++;
            List<ChatMessage> held = memory.messages();
            List<Map<String, Object>> prompt = held.stream().map(m -> LangChain4jMessages.toTransformers(m).orElseThrow()).toList();
            int count = template.count(prompt, true, Map.of(), RenderOptions.defaults());
            int n = added;
            assertTrue(count <= maxTokens, () -> "after message " + n + " the memory's prompt is " + count + " tokens");
            evicted = added - held.size();
        }
        assertTrue(evicted > 100, "the window is small enough to evict: " + evicted);
    }

    @Test
    void aConversationTheTemplateRefusesIsCountedAsItsMessagesNeverAnError() {
        TokenlabTokenCountEstimator gemma = new TokenlabTokenCountEstimator(load("hf/gemma3"));
        // Gemma 3's template raises "Conversation roles must alternate user/assistant/user/assistant/..."
        List<ChatMessage> startsWithAReply = List.of(AiMessage.from("Hello."), UserMessage.from("Hi"));
        int sum = gemma.conversationOverhead();
        for (ChatMessage m : startsWithAReply) {
            sum += gemma.estimateTokenCountInMessage(m);
        }
        assertEquals(sum, gemma.estimateTokenCountInMessages(startsWithAReply));
        // A tool result has no place in Gemma 3's template: its text.
        assertEquals(gemma.estimateTokenCountInText("12:00"),
                gemma.estimateTokenCountInMessage(ToolExecutionResultMessage.from("1", "time", "12:00")));
    }

    @Test
    void toolCallsReachTheTemplateAsTransformersShapesThem() {
        ToolExecutionRequest request = ToolExecutionRequest.builder().id("call1").name("lookup").arguments("{\"page\": 3}").build();
        Map<String, Object> call = Map.of("id", "call1", "type", "function",
                "function", Map.of("name", "lookup", "arguments", Map.of("page", 3)));
        assertEquals(Optional.of(Map.of("role", "assistant", "content", "", "tool_calls", List.of(call))),
                LangChain4jMessages.toTransformers(AiMessage.from(List.of(request))));
        assertEquals(Optional.of(Map.of("role", "tool", "content", "3 pages", "tool_call_id", "call1", "name", "lookup")),
                LangChain4jMessages.toTransformers(ToolExecutionResultMessage.from("call1", "lookup", "3 pages")));
        ToolExecutionRequest notJson = ToolExecutionRequest.builder().name("echo").arguments("not json").build();
        assertEquals("not json", ((Map<?, ?>) ((Map<?, ?>) ((List<?>) LangChain4jMessages.toTransformers(AiMessage.from(List.of(notJson)))
                .orElseThrow().get("tool_calls")).get(0)).get("function")).get("arguments"));
    }

    /** {@code hf/NAME}: a shared tokenizer.json folder, unpacked when gzipped. */
    private static Tokenizer load(String model) {
        return Tokenizers.load(HfModels.folder(model.substring("hf/".length())));
    }

    /** Drops tool calls and results: templates such as Gemma 3's know only user and assistant turns. */
    private static List<ChatMessage> alternating(List<ChatMessage> script) {
        return script.stream().filter(m -> !(m instanceof ToolExecutionResultMessage)
                && !(m instanceof AiMessage ai && ai.hasToolExecutionRequests())).toList();
    }
}
