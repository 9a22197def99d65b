package dev.tokenlab.explain;

import dev.tokenlab.Tokenizer;
import dev.tokenlab.Tokenizers;
import dev.tokenlab.internal.Utf8;
import dev.tokenlab.sentencepiece.RandomText;
import dev.tokenlab.testing.EdgeCases;
import dev.tokenlab.testing.SharedData;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SentencePiece BPE trace on the bundled Llama 2: the same tokens as encode, and what each step shows. */
class SentencePieceBpeExplainerTest {
    static final Tokenizer LLAMA2 = Tokenizers.get("llama2");

    static BpeTrace explain(String text) {
        return (BpeTrace) Explainers.find(LLAMA2).orElseThrow().explain(text);
    }

    static String merge(BpeTrace.Merge m) {
        return m.step() + ". " + Utf8.quote(m.left()) + "+" + Utf8.quote(m.right()) + " → " + Utf8.quote(m.result())
                + " (score " + m.priority() + ", id " + m.id() + ")";
    }

    static List<EdgeCases.EdgeCase> allEdgeCases() {
        List<EdgeCases.EdgeCase> cases = new ArrayList<>(EdgeCases.load());
        cases.addAll(EdgeCases.load(SharedData.testdata().resolve("sentencepiece-edge-cases.txt")));
        return cases;
    }

    /**
     * The trace's final tokens are encode's ids and tokenize's spans, on every edge case; and the
     * trace is consistent: the pieces cover the normalized text, each piece's symbols spell it, the
     * merges leave as many parts as the fallbacks and tokens account for.
     */
    @Test
    void finalTokensEqualEncodeOnEveryEdgeCase() {
        List<EdgeCases.EdgeCase> cases = allEdgeCases();
        assertTrue(cases.size() > 200, "edge cases loaded: " + cases.size());
        for (EdgeCases.EdgeCase c : cases) {
            BpeTrace trace = explain(c.text());
            assertArrayEquals(LLAMA2.encode(c.text()), trace.ids(), c.name());
            assertEquals(LLAMA2.tokenize(c.text()), trace.tokens(), c.name());
            assertConsistent(trace, c.name());
        }
    }

    /** The same on seeded random text (ASCII, whitespace, CJK, private use, supplementary, ▁). */
    @Test
    void finalTokensEqualEncodeOnRandomText() {
        Random random = new Random(20240605);
        for (int i = 0; i < 2_000; i++) {
            String text = RandomText.next(random);
            BpeTrace trace = explain(text);
            assertEquals(LLAMA2.tokenize(text), trace.tokens(), EdgeCases.escape(text));
            assertConsistent(trace, EdgeCases.escape(text));
        }
    }

    static void assertConsistent(BpeTrace trace, String name) {
        assertEquals(BpeTrace.MergeOrder.HIGHEST_SCORE, trace.order(), name);
        ByteArrayOutputStream normalized = new ByteArrayOutputStream();
        for (BpeTrace.Piece p : trace.pieces()) {
            normalized.writeBytes(p.bytes());
            assertEquals(trace.text().substring(p.charStart(), p.charEnd()), p.text(), name);
            ByteArrayOutputStream spelled = new ByteArrayOutputStream();
            p.symbols().forEach(s -> spelled.writeBytes(s.bytes()));
            assertArrayEquals(p.bytes(), spelled.toByteArray(), name + ": symbols spell the piece");
            for (int k = 0; k < p.merges().size(); k++) {
                BpeTrace.Merge m = p.merges().get(k);
                assertEquals(k + 1, m.step(), name);
                assertTrue(m.position() < p.symbols().size() - k - 1, name + ": position among the parts left");
            }
            assertTrue(p.partCount() >= 1, name);
            assertFalse(p.takenWhole(), name);
            for (Fallback f : p.fallbacks()) {
                assertTrue(f.position() < p.partCount(), name);
                assertEquals(Fallback.Kind.BYTES, f.kind(), name + ": Llama 2 has byte fallback");
                assertEquals(f.bytes().length, f.tokens().size(), name + ": one byte piece per byte");
            }
        }
        assertEquals(trace.normalized(), normalized.toString(StandardCharsets.UTF_8), name + ": pieces cover the normalized text");
    }

    @Test
    void unhappinessOnLlama2() {
        BpeTrace t = explain("unhappiness");
        assertEquals("llama2", t.tokenizer());
        assertEquals("\u2581unhappiness", t.normalized());
        assertEquals(1, t.pieces().size());
        BpeTrace.Piece p = t.pieces().get(0);
        assertEquals("unhappiness", p.text());
        assertEquals(12, p.symbols().size());
        assertEquals(29871, p.symbols().get(0).id()); // "▁"
        assertEquals(List.of(
                "1. \"i\"+\"n\" → \"in\" (score -3.0, id 262)",
                "2. \"e\"+\"s\" → \"es\" (score -8.0, id 267)",
                "3. \"▁\"+\"u\" → \"▁u\" (score -59.0, id 318)",
                "4. \"es\"+\"s\" → \"ess\" (score -145.0, id 404)",
                "5. \"p\"+\"p\" → \"pp\" (score -148.0, id 407)",
                "6. \"▁u\"+\"n\" → \"▁un\" (score -184.0, id 443)",
                "7. \"a\"+\"pp\" → \"app\" (score -673.0, id 932)",
                "8. \"in\"+\"ess\" → \"iness\" (score -3076.0, id 3335)",
                "9. \"▁un\"+\"h\" → \"▁unh\" (score -28600.0, id 28859)"),
                p.merges().stream().map(SentencePieceBpeExplainerTest::merge).toList());
        assertEquals(List.of(7, 8, 0, 7, 4, 0, 2, 3, 0), p.merges().stream().map(BpeTrace.Merge::position).toList());
        assertTrue(p.fallbacks().isEmpty());
        assertArrayEquals(new int[] {28859, 932, 3335}, t.ids());
    }

    @Test
    void wordsAreCutBeforeEachSpaceSymbolAfterAnotherCharacter() {
        BpeTrace t = explain("Hello  world");
        assertEquals("\u2581Hello\u2581\u2581world", t.normalized());
        assertEquals(List.of("Hello", "  world"), t.pieces().stream().map(BpeTrace.Piece::text).toList());
        assertEquals(List.of("\u2581Hello", "\u2581\u2581world"),
                t.pieces().stream().map(p -> new String(p.bytes(), StandardCharsets.UTF_8)).toList());
        assertEquals(5, t.pieces().get(1).charStart());
        assertEquals(12, t.pieces().get(1).charEnd());
        assertEquals(List.of(29871, 3186), t.pieces().get(1).tokens().stream().map(s -> s.id()).toList());
        assertArrayEquals(new int[] {15043, 29871, 3186}, t.ids());
    }

    @Test
    void byteFallbackForAnEmoji() {
        BpeTrace t = explain("🦙");
        BpeTrace.Piece p = t.pieces().get(0);
        assertEquals(List.of("\u2581", "🦙"), p.symbols().stream().map(s -> new String(s.bytes(), StandardCharsets.UTF_8)).toList());
        assertEquals(0, p.symbols().get(1).id()); // no piece: the unknown id
        assertTrue(p.merges().isEmpty());
        assertEquals(1, p.fallbacks().size());
        Fallback f = p.fallbacks().get(0);
        assertEquals(1, f.position());
        assertEquals("🦙", f.text());
        assertEquals(Fallback.Kind.BYTES, f.kind());
        assertEquals(List.of(243, 162, 169, 156), f.tokens().stream().map(s -> s.id()).toList());
        assertEquals(0, f.tokens().get(0).charStart());
        assertEquals(2, f.tokens().get(0).charEnd());
        assertArrayEquals(new int[] {29871, 243, 162, 169, 156}, t.ids());
    }

    @Test
    void emptyTextHasNoPieces() {
        BpeTrace t = explain("");
        assertEquals("", t.normalized());
        assertTrue(t.pieces().isEmpty());
        assertEquals(0, t.ids().length);
    }

    @Test
    void theExplainerIsSentencePieceBpe() {
        Explainer e = Explainers.find(LLAMA2).orElseThrow();
        assertInstanceOf(SentencePieceBpeExplainer.class, e);
        assertEquals("llama2", e.tokenizer());
        assertTrue(e.algorithm().startsWith("SentencePiece BPE: "), e.algorithm());
    }
}
