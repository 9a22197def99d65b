package dev.tokenlab.langchain4j;

import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.segment.TextSegment;
import dev.tokenlab.SpecialTokens;
import dev.tokenlab.Tokenizer;
import dev.tokenlab.TokenizerOptions;
import dev.tokenlab.Tokenizers;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenlabDocumentSplitterTest {
    private static final Tokenizer LLAMA3 = Tokenizers.get("llama3");

    @Test
    void documentedExample() {
        List<TextSegment> segments = new TokenlabDocumentSplitter(LLAMA3, 2, 0).split(Document.from("unhappiness"));
        assertEquals(List.of("unh", "appiness"), segments.stream().map(TextSegment::text).toList());
        Metadata second = segments.get(1).metadata();
        assertEquals("1", second.getString(TokenlabDocumentSplitter.INDEX));
        assertEquals(3, second.getInteger(TokenlabDocumentSplitter.START_OFFSET));
        assertEquals(11, second.getInteger(TokenlabDocumentSplitter.END_OFFSET));
        assertEquals(1, second.getInteger(TokenlabDocumentSplitter.TOKEN_COUNT));
    }

    @Test
    void segmentsCarryTheDocumentsMetadataAndPreferParagraphs() {
        String text = "First paragraph, short.\n\nSecond paragraph is here. It has two sentences.\n\nThird one.";
        Document document = Document.from(text, Metadata.from("file", "notes.txt"));
        List<TextSegment> segments = new TokenlabDocumentSplitter(LLAMA3, 16, 0).split(document);
        assertEquals(List.of("First paragraph, short.\n\nSecond paragraph is here. It has two sentences.\n\n", "Third one."),
                segments.stream().map(TextSegment::text).toList());
        for (int i = 0; i < segments.size(); i++) {
            Metadata m = segments.get(i).metadata();
            assertEquals("notes.txt", m.getString("file"));
            assertEquals(String.valueOf(i), m.getString(TokenlabDocumentSplitter.INDEX));
            assertEquals(segments.get(i).text(), text.substring(m.getInteger(TokenlabDocumentSplitter.START_OFFSET),
                    m.getInteger(TokenlabDocumentSplitter.END_OFFSET)));
        }
        assertEquals(1, document.metadata().toMap().size(), "the document's own metadata is not changed");
    }

    @Test
    void overlappingSegmentsShareText() {
        String text = "One two three four five six seven eight nine ten eleven twelve thirteen fourteen.";
        List<TextSegment> segments = new TokenlabDocumentSplitter(LLAMA3, 6, 2).split(Document.from(text));
        assertTrue(segments.size() > 2);
        for (int i = 1; i < segments.size(); i++) {
            int start = segments.get(i).metadata().getInteger(TokenlabDocumentSplitter.START_OFFSET);
            int previousEnd = segments.get(i - 1).metadata().getInteger(TokenlabDocumentSplitter.END_OFFSET);
            assertTrue(start < previousEnd, "segment " + i + " starts inside the one before");
            assertTrue(LLAMA3.count(segments.get(i).text()) <= 6);
        }
    }

    @Test
    void specialTokenTextIsTextWhateverTheTokenizersPolicy() {
        String text = "<|eot_id|> ends a turn. <|begin_of_text|> starts a prompt.";
        Tokenizer allowing = Tokenizers.get("llama3", TokenizerOptions.defaults().specialTokens(SpecialTokens.allowAll()));
        List<TextSegment> segments = new TokenlabDocumentSplitter(allowing, 8, 0).split(Document.from(text));
        for (TextSegment segment : segments) {
            assertEquals(LLAMA3.count(segment.text()), segment.metadata().getInteger(TokenlabDocumentSplitter.TOKEN_COUNT));
            assertTrue(LLAMA3.count(segment.text()) <= 8);
        }
        assertEquals(text, String.join("", segments.stream().map(TextSegment::text).toList()));
    }

    @Test
    void badSizesAreRefusedInOneLine() {
        assertEquals("maxTokens must be at least 1: 0",
                assertThrows(IllegalArgumentException.class, () -> new TokenlabDocumentSplitter(LLAMA3, 0, 0)).getMessage());
        assertEquals("overlapTokens must be at least 0 and below maxTokens 8: 8",
                assertThrows(IllegalArgumentException.class, () -> new TokenlabDocumentSplitter(LLAMA3, 8, 8)).getMessage());
    }
}
