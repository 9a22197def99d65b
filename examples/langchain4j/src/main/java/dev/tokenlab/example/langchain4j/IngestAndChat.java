package dev.tokenlab.example.langchain4j;

import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.document.loader.FileSystemDocumentLoader;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.memory.ChatMemory;
import dev.langchain4j.memory.chat.TokenWindowChatMemory;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingSearchResult;
import dev.langchain4j.store.embedding.EmbeddingStoreIngestor;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import dev.tokenlab.langchain4j.TokenlabDocumentSplitter;
import dev.tokenlab.langchain4j.TokenlabTokenCountEstimator;

import java.nio.file.Path;
import java.util.List;

/**
 * A LangChain4j application that counts in the tokens of the model it talks to (Llama 3.1, bundled in Tokenlab):
 * a RAG ingestion whose segments are cut to at most 256 Llama 3 tokens, and a chat memory that keeps the prompt
 * within 300 Llama 3 tokens.
 *
 * <pre>
 * examples/langchain4j/run FILE
 * </pre>
 */
public final class IngestAndChat {
    private static final int SEGMENT_TOKENS = 256;
    private static final int SEGMENT_OVERLAP = 32;
    private static final int MEMORY_TOKENS = 300;

    private IngestAndChat() {
    }

    /** Ingests the file named by the first argument, asks the store one question, then runs a scripted chat. */
    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: run FILE");
            System.exit(2);
        }
        // One estimator for everything: the bundled Llama 3.1 tokenizer and its chat format.
        TokenlabTokenCountEstimator llama = TokenlabTokenCountEstimator.forModel("llama3.1");

        // Ingestion: load, split by Llama 3 tokens (offsets and counts land in each segment's metadata), embed, store.
        Document document = FileSystemDocumentLoader.loadDocument(Path.of(args[0]));
        TokenlabDocumentSplitter splitter = new TokenlabDocumentSplitter(llama.tokenizer(), SEGMENT_TOKENS, SEGMENT_OVERLAP);
        EmbeddingModel embeddings = new AllMiniLmL6V2QuantizedEmbeddingModel();
        InMemoryEmbeddingStore<TextSegment> store = new InMemoryEmbeddingStore<>();
        EmbeddingStoreIngestor.builder()
                .documentSplitter(splitter)
                .embeddingModel(embeddings)
                .embeddingStore(store)
                .build()
                .ingest(document);
        List<TextSegment> segments = splitter.split(document);
        int largest = segments.stream().mapToInt(segment -> llama.estimateTokenCountInText(segment.text())).max().orElse(0);
        System.out.println("ingested: " + segments.size() + " segments of <= " + SEGMENT_TOKENS + " Llama 3 tokens"
                + " (largest " + largest + ")");

        String question = "Which article says that everyone has the right to education?";
        EmbeddingSearchResult<TextSegment> found = store.search(EmbeddingSearchRequest.builder()
                .queryEmbedding(embeddings.embed(question).content()).maxResults(1).build());
        TextSegment best = found.matches().get(0).embedded();
        System.out.println("best segment for the question: #" + best.metadata().getInteger(TokenlabDocumentSplitter.INDEX)
                + ", " + best.metadata().getInteger(TokenlabDocumentSplitter.TOKEN_COUNT) + " tokens, starts with \""
                + best.text().strip().lines().findFirst().orElse("") + "\"");

        // Chat memory: LangChain4j's TokenWindowChatMemory evicts the oldest messages by Tokenlab's counts, so the
        // prompt Llama 3.1 is sent (BOS, headers, reply header included) never exceeds the window.
        ChatMemory memory = TokenWindowChatMemory.withMaxTokens(MEMORY_TOKENS, llama);
        memory.add(SystemMessage.from("You answer questions about the Universal Declaration of Human Rights."));
        memory.add(UserMessage.from(question));
        memory.add(AiMessage.from(best.text()));
        for (int turn = 1; turn <= 3; turn++) {
            memory.add(UserMessage.from("Question " + turn + ": and what does the article after that one say?"));
            memory.add(AiMessage.from("Answer " + turn + ": it says that everyone has duties to the community."));
        }
        System.out.println("chat memory: " + memory.messages().size() + " messages kept, prompt "
                + llama.estimateTokenCountInMessages(memory.messages()) + " of " + MEMORY_TOKENS + " Llama 3 tokens");
    }
}
