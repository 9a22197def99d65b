package dev.tokenlab.explain;

import dev.tokenlab.TokenSpan;
import dev.tokenlab.Tokenizer;
import dev.tokenlab.Tokenizers;
import dev.tokenlab.internal.Utf8;
import dev.tokenlab.testing.EdgeCases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ByteLevelBpeExplainerTest {

    private static BpeTrace explain(String model, String text) {
        return (BpeTrace) Explainers.find(Tokenizers.get(model)).orElseThrow().explain(text);
    }

    private static String merge(BpeTrace.Merge m) {
        return m.step() + ". " + Utf8.quote(m.left()) + "+" + Utf8.quote(m.right()) + " → " + Utf8.quote(m.result())
                + " (rank " + m.id() + ")";
    }

    /** The trace's final tokens are encode's ids and tokenize's spans, on every edge case. */
    @ParameterizedTest
    @ValueSource(strings = {"llama3", "cl100k_base", "o200k_base"})
    void finalTokensEqualEncodeOnEveryEdgeCase(String model) {
        Tokenizer t = Tokenizers.get(model);
        Explainer explainer = Explainers.find(t).orElseThrow();
        List<EdgeCases.EdgeCase> cases = EdgeCases.load();
        assertTrue(cases.size() > 100, "edge cases loaded: " + cases.size());
        for (EdgeCases.EdgeCase c : cases) {
            ExplainTrace trace = explainer.explain(c.text());
            assertArrayEquals(t.encode(c.text()), trace.ids(), model + ": " + c.name());
            assertEquals(t.tokenize(c.text()), trace.tokens(), model + ": " + c.name());
        }
    }

    @Test
    void unhappinessOnLlama3() {
        BpeTrace t = explain("llama3", "unhappiness");
        assertEquals("llama3", t.tokenizer());
        assertEquals(BpeTrace.MergeOrder.LOWEST_RANK, t.order());
        assertEquals(1, t.pieces().size());
        BpeTrace.Piece p = t.pieces().get(0);
        assertEquals("unhappiness", p.text());
        assertEquals(11, p.symbols().size());
        assertFalse(p.takenWhole());
        assertEquals(List.of(
                "1. \"i\"+\"n\" → \"in\" (rank 258)",
                "2. \"e\"+\"s\" → \"es\" (rank 288)",
                "3. \"u\"+\"n\" → \"un\" (rank 359)",
                "4. \"a\"+\"p\" → \"ap\" (rank 391)",
                "5. \"es\"+\"s\" → \"ess\" (rank 434)",
                "6. \"ap\"+\"p\" → \"app\" (rank 680)",
                "7. \"in\"+\"ess\" → \"iness\" (rank 1918)",
                "8. \"app\"+\"iness\" → \"appiness\" (rank 67391)"),
                p.merges().stream().map(ByteLevelBpeExplainerTest::merge).toList());
        assertArrayEquals(new int[] {359, 71, 67391}, t.ids());
        assertEquals(8, t.mergeCount());
    }

    @Test
    void piecesComeFromThePreTokenizer() {
        BpeTrace t = explain("llama3", "Hello world");
        assertEquals(List.of("Hello", " world"), t.pieces().stream().map(BpeTrace.Piece::text).toList());
        assertTrue(t.pieces().get(0).takenWhole());
        assertEquals(5, t.pieces().get(1).charStart());
        assertEquals(11, t.pieces().get(1).charEnd());
        assertArrayEquals(new int[] {9906, 1917}, t.ids());
    }

    @Test
    void aSplitEmojiKeepsItsWholeCharacterRange() {
        BpeTrace t = explain("llama3", "😀");
        assertEquals(List.of("1. \"<F0>\"+\"<9F>\" → \"<F0><9F>\" (rank 9468)",
                        "2. \"<F0><9F>\"+\"<98>\" → \"<F0><9F><98>\" (rank 76460)"),
                t.pieces().get(0).merges().stream().map(ByteLevelBpeExplainerTest::merge).toList());
        List<TokenSpan> tokens = t.tokens();
        assertEquals(2, tokens.size());
        assertTrue(tokens.get(0).isPartialCharacter());
        assertEquals(0, tokens.get(1).charStart());
        assertEquals(2, tokens.get(1).charEnd());
    }

    @Test
    void longPiecesMatchTheHeapMerger() {
        Tokenizer t = Tokenizers.get("o200k_base");
        String text = "x".repeat(300) + " " + "ab1".repeat(200);
        assertArrayEquals(t.encode(text), Explainers.find(t).orElseThrow().explain(text).ids());
    }

    @Test
    void adaptersHaveNoExplainer() {
        assertTrue(Explainers.find(Tokenizers.get("llama3")).isPresent());
        assertFalse(Explainers.find(new OtherTokenizer()).isPresent());
        assertEquals(PieceKind.SPECIAL, Explainers.pieces(new OtherTokenizer()).kind(1));
        assertEquals(PieceKind.ORDINARY, Explainers.pieces(new OtherTokenizer()).kind(2));
    }

    @Test
    void pieceViewOfByteLevelBpe() {
        PieceView v = Explainers.pieces(Tokenizers.get("llama3"));
        assertEquals(PieceKind.ORDINARY, v.kind(9906));
        assertEquals(PieceKind.SPECIAL, v.kind(128000));
        assertTrue(v.spelling(9906).isEmpty());
    }

    /** A tokenizer of an algorithm the explainers do not know (an adapter's, say): id 1 is special. */
    private static final class OtherTokenizer implements Tokenizer {
        @Override
        public String name() {
            return "other";
        }

        @Override
        public int vocabularySize() {
            return 3;
        }

        @Override
        public void encode(CharSequence text, dev.tokenlab.SpecialTokens policy, dev.tokenlab.TokenSink sink) {
        }

        @Override
        public byte[] tokenBytes(int id) {
            return new byte[] {(byte) id};
        }

        @Override
        public java.util.Map<String, Integer> specialTokens() {
            return java.util.Map.of("<s>", 1);
        }

        @Override
        public boolean isSpecial(int id) {
            return id == 1;
        }

        @Override
        public java.util.OptionalInt bosId() {
            return java.util.OptionalInt.of(1);
        }

        @Override
        public java.util.OptionalInt eosId() {
            return java.util.OptionalInt.empty();
        }
    }
}
