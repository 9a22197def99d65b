package dev.tokenlab.langchain4j;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.tokenlab.testing.SharedData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Tokenlab models from files (the shared models): Llama 3 as a tiktoken file, a Hugging Face {@code tokenizer.json}
 * and a GGUF file count in the Llama 3 chat format exactly as the bundled llama3; models without a chat template
 * (Mistral's tokenizer.json) count text only; Llama 2's files count in its chat format.
 */
class ModelFilesTest {
    private static final TokenlabTokenCountEstimator BUNDLED = TokenlabTokenCountEstimator.forModel("llama3");

    @ParameterizedTest
    @ValueSource(strings = {"models/llama3/tokenizer.model", "models/hf/llama3", "models/gguf/llama3.gguf"})
    void llama3FromAFileCountsAsTheBundledLlama3(String model) {
        TokenlabTokenCountEstimator estimator = TokenlabTokenCountEstimator.forModel(SharedData.require(model).toString());
        assertEquals(ChatFormat.LLAMA3, estimator.chatFormat());
        List<ChatMessage> dialog = dialog();
        assertEquals(BUNDLED.estimateTokenCountInMessages(dialog), estimator.estimateTokenCountInMessages(dialog));
        for (ChatMessage m : dialog) {
            assertEquals(BUNDLED.estimateTokenCountInMessage(m), estimator.estimateTokenCountInMessage(m));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"models/llama2/tokenizer.model", "models/gguf/llama2.gguf"})
    void llama2FromAFileCountsAsTheBundledLlama2(String model) {
        TokenlabTokenCountEstimator bundled = TokenlabTokenCountEstimator.forModel("llama2");
        TokenlabTokenCountEstimator estimator = TokenlabTokenCountEstimator.forModel(SharedData.require(model).toString());
        assertEquals(ChatFormat.LLAMA2, estimator.chatFormat());
        List<ChatMessage> dialog = dialog();
        assertEquals(bundled.estimateTokenCountInMessages(dialog), estimator.estimateTokenCountInMessages(dialog));
        for (ChatMessage m : dialog) {
            assertEquals(bundled.estimateTokenCountInMessage(m), estimator.estimateTokenCountInMessage(m));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"models/hf/mistral"})
    void otherModelsCountTextOnly(String model) {
        TokenlabTokenCountEstimator estimator = TokenlabTokenCountEstimator.forModel(SharedData.require(model).toString());
        assertEquals(ChatFormat.TEXT, estimator.chatFormat());
        List<ChatMessage> dialog = dialog();
        int sum = 0;
        for (ChatMessage m : dialog) {
            int count = estimator.estimateTokenCountInMessage(m);
            assertEquals(estimator.estimateTokenCountInText(LangChain4jMessages.toTokenlab(m).orElseThrow().content()), count);
            sum += count;
        }
        assertEquals(sum, estimator.estimateTokenCountInMessages(dialog));
    }

    private static List<ChatMessage> dialog() {
        List<ChatMessage> dialog = new ArrayList<>();
        dialog.add(SystemMessage.from("You retell Botchan. <|eot_id|> stays text."));
        List<String> sentences = CorpusSentences.botchan(20);
        for (int i = 0; i < sentences.size(); i++) {
            dialog.add(switch (i % 3) {
                case 0 -> UserMessage.from(sentences.get(i));
                case 1 -> AiMessage.from(sentences.get(i));
                default -> ToolExecutionResultMessage.from("t" + i, "lookup", sentences.get(i));
            });
        }
        return dialog;
    }
}
