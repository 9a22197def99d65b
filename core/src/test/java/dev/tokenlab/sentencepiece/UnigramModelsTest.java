package dev.tokenlab.sentencepiece;

import dev.tokenlab.SpecialTokens;
import dev.tokenlab.TokenSpan;
import dev.tokenlab.Tokenizer;
import dev.tokenlab.Tokenizers;
import dev.tokenlab.testing.EdgeCases;
import dev.tokenlab.testing.SharedData;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * sentencepiece's own test models (Unigram, NFKC charsmap, whitespace collapsed) from {@code ../shared}:
 * known ids, what the normalizer does, and invariants on the corpus. Exact ids against the C++
 * library on everything are in the adapter module.
 */
class UnigramModelsTest {

    static Tokenizer load(String relative) {
        return Tokenizers.load(SharedData.require(relative));
    }

    @Test
    void knownIdsAndNormalization() {
        SentencePieceTokenizer t = (SentencePieceTokenizer) load("models/sentencepiece-test/test_model.model");
        assertEquals("test_model", t.name());
        assertEquals(ModelType.UNIGRAM, t.model().trainer().modelType());
        assertEquals("nfkc", t.model().normalizer().name());
        assertArrayEquals(new int[] {9, 459, 11, 939, 44, 11, 4, 142, 82, 8, 28, 21, 132, 6}, t.encode("I saw a girl with a telescope."));
        assertEquals("\u2581Hello\u2581world", t.normalize("  \uFF28\uFF45\uFF4C\uFF4C\uFF4F  world "));
        assertArrayEquals(new int[] {151, 88, 21, 887}, t.encode("  \uFF28\uFF45\uFF4C\uFF4C\uFF4F  world "));
        // NFKC and whitespace collapsing are lossy; characters without a piece come back as " ⁇ "
        assertEquals("Hello world", t.decode(t.encode("  \uFF28\uFF45\uFF4C\uFF4C\uFF4F  world ")));
        assertArrayEquals(new int[] {151, 88, 21, 4, 0, 887}, t.encode("Hello 日本 world"));
        assertEquals("Hello  \u2047  world", t.decode(t.encode("Hello 日本 world")));
        // offsets point into the original text, past the removed leading spaces
        List<TokenSpan> spans = t.tokenize("  \uFF28\uFF45\uFF4C\uFF4C\uFF4F  world ");
        assertEquals(2, spans.get(0).charStart());
        assertEquals(14, spans.get(spans.size() - 1).charEnd());
        assertTrue(t.bosId().isPresent() && t.eosId().isPresent());
        assertArrayEquals(new int[] {1, 9, 2}, t.encode("<s>I</s>", SpecialTokens.allowAll()));
    }

    @Test
    void countEqualsEncodeAndSpansAreOrderedOnTheCorpus() throws IOException {
        for (String model : List.of("models/sentencepiece-test/test_model.model", "models/sentencepiece-test/test_ja_model.model")) {
            Tokenizer t = load(model);
            for (Path file : SharedData.corpusFiles()) {
                String text = Files.readString(file);
                int[] ids = t.encode(text);
                assertEquals(ids.length, t.count(text), file.toString());
                if (file.getFileName().toString().startsWith("b")) { // botchan and a few UDHR files: spans too
                    List<TokenSpan> spans = t.tokenize(text);
                    int prev = 0;
                    for (TokenSpan s : spans) {
                        assertTrue(s.charStart() >= prev && s.charEnd() >= s.charStart() && s.charEnd() <= text.length());
                        prev = s.charStart();
                    }
                }
            }
            for (EdgeCases.EdgeCase c : EdgeCases.load(SharedData.testdata().resolve("sentencepiece-edge-cases.txt"))) {
                assertEquals(t.encode(c.text()).length, t.count(c.text()), c.name());
            }
        }
    }
}
