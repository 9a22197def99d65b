package dev.tokenlab.springai;

import dev.tokenlab.SpecialTokens;
import dev.tokenlab.Tokenizer;
import dev.tokenlab.TokenizerOptions;
import dev.tokenlab.Tokenizers;
import org.junit.jupiter.api.Test;
import org.springframework.ai.document.ContentFormatter;
import org.springframework.ai.document.Document;
import org.springframework.ai.document.MetadataMode;
import org.springframework.ai.transformer.splitter.TokenTextSplitter;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenlabTextSplitterTest {
    private static final Tokenizer LLAMA3 = Tokenizers.get("llama3");

    @Test
    void documentedExample() {
        TokenlabTextSplitter splitter = new TokenlabTextSplitter(LLAMA3, 2, 0);
        Document document = new Document("unhappiness");
        List<Document> chunks = splitter.apply(List.of(document));
        assertEquals(List.of("unh", "appiness"), chunks.stream().map(Document::getText).toList());
        Map<String, Object> second = chunks.get(1).getMetadata();
        assertEquals(1, second.get(TokenlabTextSplitter.CHUNK_INDEX));
        assertEquals(2, second.get(TokenlabTextSplitter.TOTAL_CHUNKS));
        assertEquals(document.getId(), second.get(TokenlabTextSplitter.PARENT_DOCUMENT_ID));
        assertEquals(3, second.get(TokenlabTextSplitter.START_OFFSET));
        assertEquals(11, second.get(TokenlabTextSplitter.END_OFFSET));
        assertEquals(1, second.get(TokenlabTextSplitter.TOKEN_COUNT));
        assertEquals(List.of("unh", "appiness"), splitter.splitText("unhappiness"));
        assertEquals(2, splitter.maxTokens());
        assertEquals(0, TokenlabTextSplitter.forModel("llama3", 512, 0).overlapTokens());
    }

    /** The keys every Spring AI splitter writes are the same as {@code TokenTextSplitter}'s, with the same types. */
    @Test
    void metadataHasTheKeysOfSpringAisOwnSplitter() {
        Document document = new Document("Some text to split.", Map.of("file", "notes.txt"));
        Map<String, Object> spring = new TokenTextSplitter().split(document).get(0).getMetadata();
        Map<String, Object> tokenlab = new TokenlabTextSplitter(LLAMA3, 100, 0).split(document).get(0).getMetadata();
        for (Map.Entry<String, Object> e : spring.entrySet()) {
            assertEquals(e.getValue(), tokenlab.get(e.getKey()), e.getKey());
        }
        assertEquals(spring.size() + 3, tokenlab.size(), "plus start_offset, end_offset and token_count: " + tokenlab);
    }

    @Test
    void chunksCarryTheDocumentsMetadataScoreAndFormatterAndPreferParagraphs() {
        String text = "First paragraph, short.\n\nSecond paragraph is here. It has two sentences.\n\nThird one.";
        ContentFormatter formatter = (doc, mode) -> "formatted: " + doc.getText();
        Document document = Document.builder().text(text).metadata(Map.of("file", "notes.txt")).score(0.5).build();
        document.setContentFormatter(formatter);
        TokenlabTextSplitter splitter = new TokenlabTextSplitter(LLAMA3, 16, 0);
        List<Document> chunks = splitter.split(document);
        assertEquals(List.of("First paragraph, short.\n\nSecond paragraph is here. It has two sentences.\n\n", "Third one."),
                chunks.stream().map(Document::getText).toList());
        for (int i = 0; i < chunks.size(); i++) {
            Document chunk = chunks.get(i);
            Map<String, Object> m = chunk.getMetadata();
            assertEquals("notes.txt", m.get("file"));
            assertEquals(i, m.get(TokenlabTextSplitter.CHUNK_INDEX));
            assertEquals(chunk.getText(), text.substring((int) m.get(TokenlabTextSplitter.START_OFFSET), (int) m.get(TokenlabTextSplitter.END_OFFSET)));
            assertEquals(0.5, chunk.getScore());
            assertSame(formatter, chunk.getContentFormatter());
            assertNotSame(document.getId(), chunk.getId());
        }
        assertEquals("formatted: Third one.", chunks.get(1).getFormattedContent(MetadataMode.ALL));
        assertEquals(1, document.getMetadata().size(), "the document's own metadata is not changed");

        splitter.setCopyContentFormatter(false);
        assertSame(Document.DEFAULT_CONTENT_FORMATTER, splitter.split(document).get(0).getContentFormatter());
    }

    @Test
    void overlappingChunksShareText() {
        String text = "One two three four five six seven eight nine ten eleven twelve thirteen fourteen.";
        List<Document> chunks = new TokenlabTextSplitter(LLAMA3, 6, 2).split(new Document(text));
        assertTrue(chunks.size() > 2);
        for (int i = 1; i < chunks.size(); i++) {
            int start = (int) chunks.get(i).getMetadata().get(TokenlabTextSplitter.START_OFFSET);
            int previousEnd = (int) chunks.get(i - 1).getMetadata().get(TokenlabTextSplitter.END_OFFSET);
            assertTrue(start < previousEnd, "chunk " + i + " starts inside the one before");
            assertTrue(LLAMA3.count(chunks.get(i).getText()) <= 6);
        }
    }

    @Test
    void severalDocumentsAreSplitInOrderAndBlankChunksLeftOut() {
        List<Document> chunks = new TokenlabTextSplitter(LLAMA3, 3, 0).apply(List.of(
                new Document("a b c d e f"), new Document("   \n\n   "), new Document("x")));
        assertEquals(List.of("a b ", "c d ", "e f", "x"), chunks.stream().map(Document::getText).toList());
        assertEquals(0, chunks.get(3).getMetadata().get(TokenlabTextSplitter.CHUNK_INDEX));
        assertEquals(1, chunks.get(3).getMetadata().get(TokenlabTextSplitter.TOTAL_CHUNKS));
        assertEquals(3, chunks.get(0).getMetadata().get(TokenlabTextSplitter.TOTAL_CHUNKS));
    }

    @Test
    void specialTokenTextIsTextWhateverTheTokenizersPolicy() {
        String text = "<|eot_id|> ends a turn. <|begin_of_text|> starts a prompt.";
        Tokenizer allowing = Tokenizers.get("llama3", TokenizerOptions.defaults().specialTokens(SpecialTokens.allowAll()));
        List<Document> chunks = new TokenlabTextSplitter(allowing, 8, 0).split(new Document(text));
        for (Document chunk : chunks) {
            assertEquals(LLAMA3.count(chunk.getText()), chunk.getMetadata().get(TokenlabTextSplitter.TOKEN_COUNT));
            assertTrue(LLAMA3.count(chunk.getText()) <= 8);
        }
        assertEquals(text, String.join("", chunks.stream().map(Document::getText).toList()));
    }

    @Test
    void badSizesAreRefusedInOneLine() {
        assertEquals("maxTokens must be at least 1: 0",
                assertThrows(IllegalArgumentException.class, () -> new TokenlabTextSplitter(LLAMA3, 0, 0)).getMessage());
        assertEquals("overlapTokens must be at least 0 and below maxTokens 8: 8",
                assertThrows(IllegalArgumentException.class, () -> new TokenlabTextSplitter(LLAMA3, 8, 8)).getMessage());
    }
}
