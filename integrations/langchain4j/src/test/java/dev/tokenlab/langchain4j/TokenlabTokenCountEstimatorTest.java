package dev.tokenlab.langchain4j;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.CustomMessage;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.tokenlab.SpecialTokens;
import dev.tokenlab.Tokenizer;
import dev.tokenlab.TokenizerException;
import dev.tokenlab.TokenizerOptions;
import dev.tokenlab.Tokenizers;
import dev.tokenlab.budget.ChatTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TokenlabTokenCountEstimatorTest {
    private static final Tokenizer LLAMA3 = Tokenizers.get("llama3");
    private static final TokenlabTokenCountEstimator ESTIMATOR = new TokenlabTokenCountEstimator(LLAMA3);

    @Test
    void documentedCounts() {
        assertEquals(ChatFormat.LLAMA3, ESTIMATOR.chatFormat());
        assertEquals(5, ESTIMATOR.conversationOverhead());
        assertEquals(2, ESTIMATOR.estimateTokenCountInText("Hello world"));
        assertEquals(7, ESTIMATOR.estimateTokenCountInText("<|eot_id|>"));
        assertEquals(6, ESTIMATOR.estimateTokenCountInMessage(UserMessage.from("Hi")));
        assertEquals(11, ESTIMATOR.estimateTokenCountInMessages(List.of(UserMessage.from("Hi"))));
        assertEquals(19, ESTIMATOR.estimateTokenCountInMessages(List.of(SystemMessage.from("Be brief."), UserMessage.from("Hi"))));
        assertEquals("llama3", TokenlabTokenCountEstimator.forModel("llama3.1").tokenizer().name());
        assertEquals(ChatFormat.TEXT, TokenlabTokenCountEstimator.forModel("gpt-4o").chatFormat());
    }

    @Test
    void specialTokenTextIsTextEvenForATokenizerThatRefusesIt() {
        Tokenizer strict = Tokenizers.get("llama3", TokenizerOptions.defaults().specialTokens(SpecialTokens.disallowAll()));
        String text = "before <|eot_id|><|start_header_id|>system<|end_header_id|> after";
        assertEquals(LLAMA3.count(text, SpecialTokens.asText()), new TokenlabTokenCountEstimator(strict).estimateTokenCountInText(text));
        assertEquals(LLAMA3.count(text, SpecialTokens.asText()), ESTIMATOR.estimateTokenCountInText(text));
    }

    @Test
    void specialTokenTextInMessagesIsTextWhateverTheTokenizersPolicy() {
        List<ChatMessage> dialog = List.of(SystemMessage.from("<|begin_of_text|>"),
                UserMessage.from("Hi<|eot_id|><|start_header_id|>assistant<|end_header_id|>"));
        for (SpecialTokens policy : List.of(SpecialTokens.allowAll(), SpecialTokens.disallowAll())) {
            TokenlabTokenCountEstimator estimator = new TokenlabTokenCountEstimator(
                    Tokenizers.get("llama3", TokenizerOptions.defaults().specialTokens(policy)));
            assertEquals(ESTIMATOR.estimateTokenCountInMessages(dialog), estimator.estimateTokenCountInMessages(dialog), policy::toString);
            assertEquals(ESTIMATOR.estimateTokenCountInMessage(dialog.get(1)), estimator.estimateTokenCountInMessage(dialog.get(1)));
        }
        assertEquals(ChatTemplate.forName("llama3").render(LLAMA3, LangChain4jMessages.toTokenlab(dialog)).tokenCount(),
                ESTIMATOR.estimateTokenCountInMessages(dialog));
    }

    @Test
    void theChatFormatFollowsTheTokenizer() {
        assertEquals(ChatFormat.LLAMA3, ChatFormat.detect(LLAMA3));
        assertEquals(ChatFormat.LLAMA2, ChatFormat.detect(Tokenizers.get("llama2")));
        assertEquals(ChatFormat.TEXT, ChatFormat.detect(Tokenizers.get("cl100k_base")));
        assertEquals(ChatFormat.TEXT, ChatFormat.detect(Tokenizers.get("o200k_base")));
    }

    @Test
    void llama3FormatNeedsLlama3Tokens() {
        TokenizerException e = assertThrows(TokenizerException.class,
                () -> new TokenlabTokenCountEstimator(Tokenizers.get("cl100k_base"), ChatFormat.LLAMA3));
        assertEquals("the llama3 chat template needs <|begin_of_text|>, which cl100k_base does not have", e.getMessage());
    }

    /** The same dialog, built by hand for core, counts the same in core's chat template (what tokenlab chat uses). */
    @Test
    void conversationCountIsCoresChatCount() {
        List<ChatMessage> dialog = List.of(
                SystemMessage.from("You are a clock."),
                UserMessage.from(TextContent.from("What time is it?"), ImageContent.from("https://example.com/clock.png"),
                        TextContent.from("In Tokyo.")),
                AiMessage.from("Let me look.", List.of(ToolExecutionRequest.builder().id("1").name("time")
                        .arguments("{\"city\": \"Tokyo\"}").build())),
                ToolExecutionResultMessage.from("1", "time", "12:00"),
                new CustomMessage(Map.of("note", "not sent")),
                AiMessage.from("It is noon. <|eot_id|>"));
        List<dev.tokenlab.budget.ChatMessage> byHand = List.of(
                new dev.tokenlab.budget.ChatMessage("system", "You are a clock."),
                new dev.tokenlab.budget.ChatMessage("user", "What time is it?\nIn Tokyo."),
                new dev.tokenlab.budget.ChatMessage("assistant", "Let me look.\n{\"name\": \"time\", \"parameters\": {\"city\": \"Tokyo\"}}"),
                new dev.tokenlab.budget.ChatMessage("tool", "12:00"),
                new dev.tokenlab.budget.ChatMessage("assistant", "It is noon. <|eot_id|>"));
        assertEquals(byHand, LangChain4jMessages.toTokenlab(dialog));
        assertEquals(ChatTemplate.forName("llama3").render(LLAMA3, byHand).tokenCount(), ESTIMATOR.estimateTokenCountInMessages(dialog));
        assertEquals(0, ESTIMATOR.estimateTokenCountInMessage(new CustomMessage(Map.of("note", "not sent"))));
    }

    @Test
    void textFormatCountsTheTextOnly() {
        TokenlabTokenCountEstimator text = new TokenlabTokenCountEstimator(LLAMA3, ChatFormat.TEXT);
        assertEquals(0, text.conversationOverhead());
        assertEquals(LLAMA3.count("It is noon."), text.estimateTokenCountInMessage(AiMessage.from("It is noon.")));
        assertEquals(LLAMA3.count("Hi") + LLAMA3.count("Hello"),
                text.estimateTokenCountInMessages(List.of(UserMessage.from("Hi"), AiMessage.from("Hello"))));
    }

    /** TokenWindowChatMemory subtracts per-message counts from the conversation's: they must add up exactly. */
    @ParameterizedTest
    @ValueSource(strings = {"llama3", "llama2", "cl100k_base", "o200k_base"})
    void conversationIsOverheadPlusTheSumOfItsMessages(String model) {
        TokenlabTokenCountEstimator estimator = TokenlabTokenCountEstimator.forModel(model);
        Random random = new Random(15);
        for (int round = 0; round < 300; round++) {
            List<ChatMessage> conversation = randomConversation(random);
            int sum = conversation.stream().mapToInt(estimator::estimateTokenCountInMessage).sum();
            assertEquals(estimator.conversationOverhead() + sum, estimator.estimateTokenCountInMessages(conversation),
                    () -> model + ": " + conversation);
        }
    }

    private static List<ChatMessage> randomConversation(Random random) {
        List<ChatMessage> messages = new ArrayList<>();
        int n = random.nextInt(12);
        for (int i = 0; i < n; i++) {
            String text = randomText(random);
            messages.add(switch (random.nextInt(6)) {
                case 0 -> SystemMessage.from(text);
                case 1 -> UserMessage.from(text);
                case 2 -> UserMessage.from(TextContent.from(text), TextContent.from(randomText(random)));
                case 3 -> AiMessage.from(text);
                case 4 -> AiMessage.from(List.of(ToolExecutionRequest.builder().id("c" + i).name("search")
                        .arguments("{\"q\": \"" + text.replace("\"", "") + "\"}").build()));
                default -> ToolExecutionResultMessage.from("c" + i, "search", text);
            });
        }
        return messages;
    }

    private static final String[] PIECES = {"Hello", " world", "\n\n", "  ", "<|eot_id|>", "<|start_header_id|>", "</s>",
            "<s>", "[INST]", " 吾輩は猫である。", "é", "😀", " the", "'s", "123", "\t", "\"", "ipython", " assistant"};

    private static String randomText(Random random) {
        StringBuilder sb = new StringBuilder();
        int n = 1 + random.nextInt(8);
        for (int i = 0; i < n; i++) {
            sb.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return sb.toString().isBlank() ? sb + "Hello" : sb.toString(); // LangChain4j refuses blank messages
    }
}
