package dev.tokenlab.cli;

import dev.tokenlab.Tokenizer;
import dev.tokenlab.Tokenizers;
import dev.tokenlab.testing.EdgeCases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExplainCommandTest {

    @Test
    void unhappinessOnLlama3() {
        assertEquals(new Cli.Result(0, ""
                + "llama3: byte-level BPE: start from the piece's bytes, merge the adjacent pair of lowest rank first\n"
                + "\"unhappiness\": 1 piece, 8 merges, 3 tokens\n"
                + "\n"
                + "piece 1: \"unhappiness\" (11 bytes)\n"
                + "  start: \"u\" \"n\" \"h\" \"a\" \"p\" \"p\" \"i\" \"n\" \"e\" \"s\" \"s\"\n"
                + "  1. \"i\"+\"n\" → \"in\" (rank 258)\n"
                + "  2. \"e\"+\"s\" → \"es\" (rank 288)\n"
                + "  3. \"u\"+\"n\" → \"un\" (rank 359)\n"
                + "  4. \"a\"+\"p\" → \"ap\" (rank 391)\n"
                + "  5. \"es\"+\"s\" → \"ess\" (rank 434)\n"
                + "  6. \"ap\"+\"p\" → \"app\" (rank 680)\n"
                + "  7. \"in\"+\"ess\" → \"iness\" (rank 1918)\n"
                + "  8. \"app\"+\"iness\" → \"appiness\" (rank 67391)\n"
                + "  tokens: un|h|appiness (359 71 67391)\n"
                + "\n"
                + "3 tokens: un|h|appiness\n"
                + "ids: 359 71 67391\n", ""), Cli.run("explain", "unhappiness", "-m", "llama3"));
    }

    @Test
    void aPieceTakenWholeSaysSo() {
        String out = Cli.run("explain", " world", "-m", "llama3").out();
        assertTrue(out.contains("\n  5. \"·w\"+\"orld\" → \"·world\" (rank 1917)\n"
                + "  the whole piece is token 1917: encode takes it as it is (the merges reach it too)\n"), out);
    }

    @Test
    void theLevelsLesson() {
        assertEquals(new Cli.Result(0, ""
                + "\"I love machine learning!\" on llama3\n"
                + "words        4  I|love|machine|learning\n"
                + "tokens       5  I|·love|·machine|·learning|!\n"
                + "characters  24  I|·|l|o|v|e|·|m|a|c|h|i|n|e|·|l|e|a|r|n|i|n|g|!\n", ""),
                Cli.run("explain", "--levels", "I love machine learning!"));
    }

    @Test
    void levelsJson() {
        Map<String, Object> json = Json.object(Cli.run("explain", "--levels", "I love machine learning!", "--format", "json").out());
        assertEquals(List.of("model", "tokenizer", "engine", "text", "words", "tokens", "characters"), List.copyOf(json.keySet()));
        assertEquals(4.0, ((Map<?, ?>) json.get("words")).get("count"));
        assertEquals(5.0, ((Map<?, ?>) json.get("tokens")).get("count"));
        assertEquals(24.0, ((Map<?, ?>) json.get("characters")).get("count"));
        assertEquals(List.of("I", "love", "machine", "learning"), ((Map<?, ?>) json.get("words")).get("items"));
    }

    @Test
    void modelsWithoutATraceSaySoInOneLine() {
        Cli.Result r = Cli.run("explain", "hello", "--engine", "jtokkit");
        assertEquals(1, r.exitCode());
        assertEquals("", r.out());
        assertEquals("tokenlab: explain is not available for this model yet: llama3 on engine jtokkit (merge traces exist"
                + " for the tiktoken-style tokenizers on the core engine; --levels works for every model)\n", r.err());
        assertEquals(0, Cli.run("explain", "--levels", "hello", "--engine", "jtokkit").exitCode());
    }

    @Test
    void longTextsAreForShowAndCount() {
        Cli.Result r = Cli.run("explain", "a".repeat(ExplainCommand.MAX_TRACE_CHARS + 1));
        assertEquals(2, r.exitCode());
        assertEquals("tokenlab: explain traces words and sentences: give at most 20000 characters, not 20001"
                + " (show and count take texts of any size)\n", r.err());
        long start = System.nanoTime();
        assertEquals(0, Cli.run("explain", "a".repeat(ExplainCommand.MAX_TRACE_CHARS), "--format", "json").exitCode());
        assertTrue(System.nanoTime() - start < 30_000_000_000L, "a trace of the longest text takes seconds at most");
    }

    @Test
    void jsonTrace() {
        Cli.Result r = Cli.run("explain", "😀", "-m", "llama3", "--format", "json");
        Map<String, Object> json = Json.object(r.out());
        assertEquals(List.of("model", "tokenizer", "engine", "algorithm", "order", "text", "pieces", "count", "ids"),
                List.copyOf(json.keySet()));
        assertEquals("rank", json.get("order"));
        assertEquals(List.of(76460.0, 222.0), json.get("ids"));
        Map<?, ?> piece = (Map<?, ?>) ((List<?>) json.get("pieces")).get(0);
        assertEquals(List.of("<F0>", "<9F>", "<98>", "<80>"), piece.get("symbols"));
        Map<?, ?> merge = (Map<?, ?>) ((List<?>) piece.get("merges")).get(0);
        assertEquals(List.of("step", "position", "left", "right", "result", "leftBytes", "rightBytes", "id", "rank"),
                List.copyOf(((Map<String, ?>) merge).keySet()));
        assertEquals("<F0><9F>", merge.get("result"));
        assertEquals("f0", merge.get("leftBytes"));
        assertEquals(9468.0, merge.get("rank"));
    }

    /** Through the CLI too, the trace's final ids are encode's, on every edge case. */
    @ParameterizedTest
    @ValueSource(strings = {"llama3", "cl100k_base", "o200k_base"})
    void finalIdsEqualEncodeOnEveryEdgeCase(String model) {
        Tokenizer t = Tokenizers.get(model);
        for (EdgeCases.EdgeCase c : EdgeCases.load()) {
            Cli.Result r = Cli.run("explain", "-m", model, "--format", "json", "--", c.text());
            assertEquals(0, r.exitCode(), c.name() + ": " + r.err());
            List<?> ids = (List<?>) Json.object(r.out()).get("ids");
            int[] got = ids.stream().mapToInt(o -> ((Double) o).intValue()).toArray();
            assertArrayEquals(t.encode(c.text()), got, model + ": " + c.name());
        }
    }
}
