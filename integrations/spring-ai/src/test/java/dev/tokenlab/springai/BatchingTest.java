package dev.tokenlab.springai;

import dev.tokenlab.Tokenizer;
import dev.tokenlab.Tokenizers;
import dev.tokenlab.testing.SharedData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.ai.document.Document;
import org.springframework.ai.document.MetadataMode;
import org.springframework.ai.embedding.BatchingStrategy;
import org.springframework.ai.embedding.TokenCountBatchingStrategy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Spring AI's own {@link TokenCountBatchingStrategy} counting with Tokenlab: the UDHR corpus (532 translations) is
 * batched for an embedding model so that every batch's Llama 3 count, as Tokenlab counts the text the strategy
 * measures, stays under the strategy's limit.
 *
 * <p>Spring AI 1.1.x's strategy has a bug of its own, fixed in 2.0: when a document does not fit the current batch, it
 * starts the next batch at 0 tokens instead of that document's count, so a batch can exceed the limit by its first
 * document. On that line (profile {@code spring-ai-1.1}) the test checks the batches without their first document
 * and that the bug is still there, so that it notices the fix.
 */
class BatchingTest {
    private static final Tokenizer LLAMA3 = Tokenizers.get("llama3");
    private static final TokenlabTokenCountEstimator ESTIMATOR = new TokenlabTokenCountEstimator(LLAMA3);
    private static List<Document> udhr;

    @BeforeAll
    static void udhr() throws IOException {
        try (Stream<Path> s = Files.list(SharedData.udhr())) {
            udhr = s.filter(p -> p.toString().endsWith(".txt")).sorted().map(BatchingTest::document).toList();
        }
        assertEquals(532, udhr.size());
    }

    /** Whole translations (each fits 65,536 less 10% by itself) in batches of at most that. */
    @Test
    void wholeTranslationsAreBatchedUnderTheLimit() {
        assertBatched(udhr, 65_536, MetadataMode.NONE);
    }

    /** Split first (512 tokens), then batched for an 8,191-token embedding input with the metadata embedded. */
    @Test
    void splitThenBatchedAsAnIngestionPipelineDoes() {
        List<Document> chunks = new TokenlabTextSplitter(LLAMA3, 512, 0).apply(udhr);
        assertTrue(chunks.size() > udhr.size());
        assertBatched(chunks, 8_191, MetadataMode.EMBED);
    }

    /** Spring AI's default strategy (JTokkit, cl100k_base) throws on special-token text; with Tokenlab's estimator it batches. */
    @Test
    void specialTokenTextDoesNotStopTheBatching() {
        List<Document> documents = List.of(new Document("Text between documents: <|endoftext|>"), new Document("Next."));
        assertThrows(UnsupportedOperationException.class, () -> new TokenCountBatchingStrategy().batch(documents));
        BatchingStrategy tokenlab = new TokenCountBatchingStrategy(ESTIMATOR, 8_191, 0.1, Document.DEFAULT_CONTENT_FORMATTER, MetadataMode.NONE);
        assertEquals(List.of(documents), tokenlab.batch(documents));
    }

    /** Whether this Spring AI forgets, when it starts a new batch, the document that started it (1.1.x). */
    private static boolean startsNewBatchesAtZero() {
        // Three documents of n tokens each, a limit of 2n - 1: [a] [b] [c] when counted right, [a] [b, c] when not.
        List<Document> three = List.of(new Document("one two three"), new Document("one two three"), new Document("one two three"));
        int n = ESTIMATOR.estimate(three.get(0).getFormattedContent(Document.DEFAULT_CONTENT_FORMATTER, MetadataMode.NONE));
        List<List<Document>> batches = new TokenCountBatchingStrategy(ESTIMATOR, 2 * n - 1, 0, Document.DEFAULT_CONTENT_FORMATTER, MetadataMode.NONE).batch(three);
        assertEquals(3, batches.stream().mapToInt(List::size).sum());
        return batches.size() == 2;
    }

    @Test
    void theBugOfSpringAi11IsThereOnlyOnThatLine() {
        String jar = TokenCountBatchingStrategy.class.getProtectionDomain().getCodeSource().getLocation().toString();
        assertEquals(jar.contains("/1.1."), startsNewBatchesAtZero(), "Spring AI from " + jar);
    }

    private static void assertBatched(List<Document> documents, int maxInputTokens, MetadataMode mode) {
        boolean skipFirst = startsNewBatchesAtZero();
        double reserve = 0.1;
        int limit = (int) Math.round(maxInputTokens * (1 - reserve));
        BatchingStrategy strategy = new TokenCountBatchingStrategy(ESTIMATOR, maxInputTokens, reserve, Document.DEFAULT_CONTENT_FORMATTER, mode);
        List<List<Document>> batches = strategy.batch(documents);
        assertTrue(batches.size() > 1, "the corpus does not fit one batch");
        List<Document> all = new ArrayList<>();
        for (List<Document> batch : batches) {
            long tokens = batch.stream().skip(skipFirst ? 1 : 0).mapToLong(d -> LLAMA3.count(d.getFormattedContent(Document.DEFAULT_CONTENT_FORMATTER, mode))).sum();
            assertTrue(tokens <= limit, () -> "a batch of " + tokens + " Llama 3 tokens, over " + limit);
            all.addAll(batch);
        }
        assertEquals(documents, all, "every document once, in order");
    }

    private static Document document(Path file) {
        try {
            return new Document(Files.readString(file), Map.of("file", file.getFileName().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
