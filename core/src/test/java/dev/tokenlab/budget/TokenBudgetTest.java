package dev.tokenlab.budget;

import dev.tokenlab.Tokenizer;
import dev.tokenlab.Tokenizers;
import dev.tokenlab.budget.TokenBudget.Keep;
import dev.tokenlab.testing.SharedData;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenBudgetTest {
    private final Tokenizer llama3 = Tokenizers.get("llama3");
    private final TokenBudget budget = TokenBudget.of(llama3, 3);

    @Test
    void fitsAndRemaining() {
        assertTrue(budget.fits("unhappiness"));           // 3 tokens
        assertFalse(budget.fits("unhappiness!"));
        assertEquals(0, budget.remaining("unhappiness"));
        assertEquals(-1, budget.remaining("unhappiness!"));
        assertEquals(131_072, TokenBudget.forModel("llama3.1").limit());
        assertEquals(8_192 - 512, TokenBudget.forModel("llama3").reserving(512).limit());
        assertEquals(4_096 - 512, TokenBudget.forModel("llama2").reserving(512).limit());
        assertEquals(130_070, TokenBudget.forModel("llama3.1").reserving(1_000).remaining("Hello world"));
    }

    @Test
    void fitsStopsEncodingAtTheLimit() {
        int[] seen = {0};
        Tokenizer counting = new ForwardingTokenizer(llama3) {
            @Override
            public void encode(CharSequence text, dev.tokenlab.SpecialTokens policy, dev.tokenlab.TokenSink sink) {
                super.encode(text, policy, (id, s, e) -> {
                    seen[0]++;
                    return sink.accept(id, s, e);
                });
            }
        };
        assertFalse(TokenBudget.of(counting, 10).fits("word ".repeat(100_000)));
        assertEquals(11, seen[0]);
    }

    @Test
    void truncateKeepsTheHeadTheTailOrBoth() {
        assertEquals("unh", budget.truncate("unhappiness", 2, Keep.HEAD));
        assertEquals("appiness", budget.truncate("unhappiness", 1, Keep.TAIL));
        assertEquals("unhappiness", budget.truncate("unhappiness", 3, Keep.MIDDLE));
        assertEquals("", budget.truncate("unhappiness", 0, Keep.HEAD));
        assertEquals("", budget.truncate("unhappiness", 0, Keep.TAIL));
        String text = "one two three four five six seven eight nine ten";
        assertEquals("one two three four", budget.truncate(text, 4, Keep.HEAD));
        assertEquals(" seven eight nine ten", budget.truncate(text, 4, Keep.TAIL));
        assertEquals("one two nine ten", budget.truncate(text, 4, Keep.MIDDLE));
    }

    @Test
    void truncateNeverSplitsACharacter() {
        String emoji = "😀😀😀"; // each emoji is two tokens in llama3
        assertEquals("😀", budget.truncate(emoji, 3, Keep.HEAD));
        assertEquals("😀", budget.truncate(emoji, 3, Keep.TAIL));
    }

    @TestFactory
    List<DynamicTest> truncationAndChunkingHoldOnEveryCorpusFile() {
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(DynamicTest.dynamicTest("every file of ../shared/corpus", () -> {
            List<Path> files = SharedData.corpusFiles();
            for (int f = 0; f < files.size(); f++) {
                String text = Files.readString(files.get(f));
                if (text.length() > 300_000) {
                    text = text.substring(0, 300_000); // the novels: a long prefix keeps the suite fast
                }
                int total = llama3.count(text);
                int max = 1 + (f * 37) % Math.max(1, total);
                for (Keep keep : Keep.values()) {
                    String cut = budget.truncate(text, max, keep);
                    int n = llama3.count(cut);
                    assertTrue(n <= max, files.get(f) + " " + keep + ": " + n + " > " + max);
                    assertTrue(n >= max - 4, files.get(f) + " " + keep + ": kept only " + n + " of " + max);
                    if (keep == Keep.HEAD) {
                        assertTrue(text.startsWith(cut));
                    } else if (keep == Keep.TAIL) {
                        assertTrue(text.endsWith(cut));
                    }
                }
                if (f % 5 == 0) {
                    int size = 64 + (f % 7) * 100;
                    assertChunks(text, budget.chunk(text, size, size / 8), size);
                }
            }
        }));
        return tests;
    }

    @Test
    void chunksPreferParagraphsThenSentencesThenWords() {
        String text = "First paragraph has words. Another sentence here.\n\nSecond paragraph is here. It has two sentences.";
        List<Chunk> chunks = budget.chunk(text, 14, 0);
        assertChunks(text, chunks, 14);
        assertEquals("First paragraph has words. Another sentence here.\n\n", chunks.get(0).text());
        List<Chunk> sentences = budget.chunk("Alpha beta gamma delta. Epsilon zeta eta theta. Iota kappa.", 8, 0);
        assertEquals("Alpha beta gamma delta. ", sentences.get(0).text());
    }

    @Test
    void chunksOverlap() {
        String text = "word ".repeat(100);
        List<Chunk> chunks = budget.chunk(text, 20, 5);
        assertChunks(text, chunks, 20);
        for (int i = 1; i < chunks.size(); i++) {
            assertTrue(chunks.get(i).charStart() < chunks.get(i - 1).charEnd(), "chunks overlap");
        }
    }

    @Test
    void aChunkMayEndAtTheWindowsLastTokenBoundary() {
        // un|h|appiness: the first window of 2 tokens ends at "unh"; that cut is taken, not one token less.
        assertEquals(List.of(new Chunk("unh", 0, 3, 2), new Chunk("appiness", 3, 11, 1)), budget.chunk("unhappiness", 2, 0));
    }

    @Test
    void chunksCutBetweenCharactersWhoseTokensCrossThem() {
        // 🧑🏽‍🚀 is 4 code points in 10 byte-level tokens, some of them starting inside a character:
        // chunks of 4 tokens must still be found at character boundaries.
        String text = "x 😀🧑🏽‍🚀! and 🧑🏽‍🚀🧑🏽‍🚀";
        for (int max = 3; max <= 12; max++) {
            List<Chunk> chunks = budget.chunk(text, max, 0);
            assertChunks(text, chunks, max);
            for (Chunk c : chunks) {
                assertTrue(!Character.isLowSurrogate(text.charAt(c.charStart())), "cut inside a surrogate pair");
            }
        }
    }

    @Test
    void chunkArgumentsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> budget.chunk("x", 0, 0));
        assertThrows(IllegalArgumentException.class, () -> budget.chunk("x", 5, 5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> budget.chunk("😀", 1, 0));
        assertEquals("maxTokens 1 is less than the 2 tokens of the single character at offset 0", e.getMessage());
        assertEquals(List.of(), budget.chunk("", 5, 0));
    }

    private void assertChunks(String text, List<Chunk> chunks, int max) {
        int covered = 0;
        for (Chunk c : chunks) {
            assertTrue(c.charStart() <= covered, "chunks leave a gap before " + c.charStart());
            assertTrue(c.charEnd() > covered, "a chunk makes no progress at " + covered);
            assertEquals(text.substring(c.charStart(), c.charEnd()), c.text());
            assertEquals(llama3.count(c.text()), c.tokens());
            assertTrue(c.tokens() <= max, c.tokens() + " > " + max);
            covered = c.charEnd();
        }
        assertEquals(text.length(), covered);
    }
}
