package dev.tokenlab.springai;

import dev.tokenlab.Tokenizer;
import dev.tokenlab.Tokenizers;
import dev.tokenlab.testing.SharedData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.ai.document.Document;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link TokenlabTextSplitter} on every file of the shared corpus (two novels and 532 UDHR translations), by the
 * bundled Llama 3 tokenizer: every chunk re-encodes to at most {@value #MAX} tokens, its metadata is right, and
 * the chunks cover the text in order.
 */
class CorpusSplittingTest {
    private static final int MAX = 256;
    private static final int OVERLAP = 32;
    private static final Tokenizer LLAMA3 = Tokenizers.get("llama3");

    private static List<Path> files;

    @BeforeAll
    static void corpus() {
        files = SharedData.corpusFiles();
        assertEquals(534, files.size(), "botchan, wagahaiwa and 532 UDHR files");
    }

    /** Without overlap, the chunks' offsets tile the text: each starts where the one before ended. */
    @Test
    void chunksTileEveryFile() throws IOException {
        TokenlabTextSplitter splitter = new TokenlabTextSplitter(LLAMA3, MAX, 0);
        for (Path file : files) {
            String text = Files.readString(file);
            Document document = new Document(text, Map.of("file", file.getFileName().toString()));
            List<Document> chunks = splitter.split(document);
            int position = 0;
            for (int i = 0; i < chunks.size(); i++) {
                Document chunk = checkedChunk(file, text, document, chunks, i);
                int start = (int) chunk.getMetadata().get(TokenlabTextSplitter.START_OFFSET);
                int index = i;
                int before = position;
                assertTrue(start == before || text.substring(before, start).isBlank(),
                        () -> file + ": chunk " + index + " does not start where the one before ended");
                position = (int) chunk.getMetadata().get(TokenlabTextSplitter.END_OFFSET);
            }
            int end = position;
            assertTrue(text.substring(end).isBlank(), () -> file + ": the chunks stop before the end of the text");
        }
    }

    /** With overlap, each chunk starts after the one before and no later than its end. */
    @Test
    void overlappingChunksCoverEveryFileInOrder() throws IOException {
        TokenlabTextSplitter splitter = new TokenlabTextSplitter(LLAMA3, MAX, OVERLAP);
        for (Path file : files) {
            String text = Files.readString(file);
            Document document = new Document(text, Map.of("file", file.getFileName().toString()));
            List<Document> chunks = splitter.split(document);
            int previousStart = -1;
            int previousEnd = 0;
            for (int i = 0; i < chunks.size(); i++) {
                Document chunk = checkedChunk(file, text, document, chunks, i);
                int start = (int) chunk.getMetadata().get(TokenlabTextSplitter.START_OFFSET);
                int before = previousEnd;
                int index = i;
                assertTrue(start > previousStart && (start <= before || text.substring(before, start).isBlank()),
                        () -> file + ": chunk " + index + " leaves a gap or goes backwards");
                previousStart = start;
                previousEnd = (int) chunk.getMetadata().get(TokenlabTextSplitter.END_OFFSET);
            }
            int end = previousEnd;
            assertTrue(text.substring(end).isBlank(), () -> file + ": the chunks stop before the end of the text");
        }
    }

    private static Document checkedChunk(Path file, String text, Document document, List<Document> chunks, int i) {
        Document chunk = chunks.get(i);
        Map<String, Object> m = chunk.getMetadata();
        assertEquals(i, m.get(TokenlabTextSplitter.CHUNK_INDEX));
        assertEquals(chunks.size(), m.get(TokenlabTextSplitter.TOTAL_CHUNKS));
        assertEquals(document.getId(), m.get(TokenlabTextSplitter.PARENT_DOCUMENT_ID));
        assertEquals(file.getFileName().toString(), m.get("file"));
        assertEquals(text.substring((int) m.get(TokenlabTextSplitter.START_OFFSET), (int) m.get(TokenlabTextSplitter.END_OFFSET)),
                chunk.getText(), () -> file + ": chunk " + i + " is not the text between its offsets");
        int tokens = LLAMA3.count(chunk.getText());
        assertEquals(tokens, m.get(TokenlabTextSplitter.TOKEN_COUNT));
        assertTrue(tokens <= MAX, () -> file + ": a chunk of " + tokens + " tokens, over " + MAX + ": " + chunk.getText());
        return chunk;
    }
}
