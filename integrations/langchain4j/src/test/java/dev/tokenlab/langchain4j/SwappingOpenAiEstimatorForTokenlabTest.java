package dev.tokenlab.langchain4j;

import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.document.DocumentSplitter;
import dev.langchain4j.data.document.splitter.DocumentSplitters;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.memory.ChatMemory;
import dev.langchain4j.memory.chat.TokenWindowChatMemory;
import dev.langchain4j.model.TokenCountEstimator;
import dev.tokenlab.Tokenizer;
import dev.tokenlab.Tokenizers;
import dev.tokenlab.budget.ChatTemplate;
import dev.tokenlab.testing.SharedData;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 15, done when: a LangChain4j application that swaps {@code OpenAiTokenCountEstimator} for Tokenlab's,
 * with the bundled llama3 model, splits and budgets with counts equal to {@code tokenlab count} /
 * {@code tokenlab chat} on the same text.
 */
class SwappingOpenAiEstimatorForTokenlabTest {

    /** A RAG application as LangChain4j applications are written: it knows only the estimator interface. */
    static final class RagApplication {
        final TokenCountEstimator estimator;
        final DocumentSplitter splitter;
        final ChatMemory memory;

        RagApplication(TokenCountEstimator estimator) { // was: new OpenAiTokenCountEstimator(GPT_4_O_MINI)
            this.estimator = estimator;
            this.splitter = DocumentSplitters.recursive(300, 30, estimator);
            this.memory = TokenWindowChatMemory.withMaxTokens(500, estimator);
        }

        List<TextSegment> ingest(String text) {
            return splitter.split(Document.from(text));
        }

        int ask(String question, String answer) {
            memory.add(UserMessage.from(question));
            memory.add(AiMessage.from(answer));
            return estimator.estimateTokenCountInMessages(memory.messages());
        }
    }

    private static final Tokenizer LLAMA3 = Tokenizers.get("llama3");

    @Test
    void countsEqualTokenlabCountAndTokenlabChat() throws IOException {
        RagApplication app = new RagApplication(TokenlabTokenCountEstimator.forModel("llama3"));
        String book = Files.readString(SharedData.corpus().resolve("botchan.txt"));

        List<TextSegment> segments = app.ingest(book);
        assertTrue(segments.size() > 200, "Botchan is split: " + segments.size());
        for (TextSegment segment : segments) {
            int tokenlabCount = LLAMA3.count(segment.text()); // tokenlab count -m llama3
            assertEquals(tokenlabCount, app.estimator.estimateTokenCountInText(segment.text()));
            assertTrue(tokenlabCount <= 300, "a segment of " + tokenlabCount + " tokens");
        }

        app.memory.add(SystemMessage.from("Answer from the book."));
        List<String> sentences = CorpusSentences.botchan(100);
        for (int i = 0; i + 1 < sentences.size(); i += 2) {
            int budgeted = app.ask(sentences.get(i), sentences.get(i + 1));
            int tokenlabChat = ChatTemplate.forName("llama3").render(LLAMA3, byHand(app.memory.messages())).tokenCount();
            assertEquals(tokenlabChat, budgeted, "tokenlab chat -m llama3 counts the memory's messages the same");
            assertTrue(budgeted <= 500, "the memory's prompt is " + budgeted + " tokens");
        }
    }

    /** The memory's messages as the JSON {@code tokenlab chat} reads would spell them: role and text. */
    private static List<dev.tokenlab.budget.ChatMessage> byHand(List<ChatMessage> messages) {
        List<dev.tokenlab.budget.ChatMessage> dialog = new ArrayList<>();
        for (ChatMessage m : messages) {
            if (m instanceof SystemMessage s) {
                dialog.add(new dev.tokenlab.budget.ChatMessage("system", s.text()));
            } else if (m instanceof UserMessage u) {
                dialog.add(new dev.tokenlab.budget.ChatMessage("user", u.singleText()));
            } else if (m instanceof AiMessage a) {
                dialog.add(new dev.tokenlab.budget.ChatMessage("assistant", a.text()));
            }
        }
        return dialog;
    }
}
