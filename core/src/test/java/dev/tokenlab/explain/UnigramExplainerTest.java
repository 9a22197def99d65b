package dev.tokenlab.explain;

import dev.tokenlab.Tokenizer;
import dev.tokenlab.Tokenizers;
import dev.tokenlab.testing.EdgeCases;
import dev.tokenlab.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Unigram trace on sentencepiece's test models from {@code ../shared} (skipped without it): the
 * same tokens as encode, and the n-best list's invariants.
 */
class UnigramExplainerTest {

    static Tokenizer load(String model) {
        return Tokenizers.load(SharedData.require("models/sentencepiece-test/" + model));
    }

    static UnigramTrace explain(Tokenizer t, String text) {
        return (UnigramTrace) Explainers.find(t).orElseThrow().explain(text);
    }

    static String bar(UnigramTrace.Segmentation s) {
        return String.join("|", s.pieces().stream().map(UnigramTrace.Piece::text).toList());
    }

    /**
     * On every edge case: the trace's tokens are encode's; the best log probability is its pieces'
     * scores summed and at least every alternative's; the alternatives are distinct, differ from the
     * best, are sorted, and every segmentation spells the normalized text.
     */
    @ParameterizedTest
    @ValueSource(strings = {"test_model.model", "test_ja_model.model"})
    void finalTokensEqualEncodeOnEveryEdgeCase(String model) {
        Tokenizer t = load(model);
        List<EdgeCases.EdgeCase> cases = SentencePieceBpeExplainerTest.allEdgeCases();
        for (EdgeCases.EdgeCase c : cases) {
            UnigramTrace trace = explain(t, c.text());
            String where = model + ": " + c.name();
            assertArrayEquals(t.encode(c.text()), trace.ids(), where);
            assertEquals(t.tokenize(c.text()), trace.tokens(), where);
            assertInvariants(trace, where);
        }
    }

    static void assertInvariants(UnigramTrace trace, String where) {
        assertSummed(trace.best(), where + ": the best");
        Set<List<UnigramTrace.Piece>> seen = new HashSet<>();
        seen.add(trace.best().pieces());
        double previous = trace.best().logProbability();
        for (UnigramTrace.Segmentation s : trace.alternatives()) {
            assertTrue(seen.add(s.pieces()), where + ": distinct segmentations");
            assertTrue(s.logProbability() <= previous, where + ": sorted, the best first");
            previous = s.logProbability();
            assertSummed(s, where);
        }
        for (UnigramTrace.Segmentation s : trace.segmentations()) {
            assertEquals(trace.normalized(), String.join("", s.pieces().stream().map(UnigramTrace.Piece::text).toList()), where);
        }
        assertTrue(trace.alternatives().size() <= Explainers.DEFAULT_SEGMENTATIONS - 1, where);
        for (Fallback f : trace.fallbacks()) {
            assertTrue(trace.best().pieces().get(f.position()).unknown(), where);
            assertEquals(Fallback.Kind.UNKNOWN, f.kind(), where + ": the test models have no byte fallback");
        }
    }

    /**
     * log p is the scores summed left to right with each partial sum rounded to float, as the encoder
     * sums them; so it is also the exact sum within float rounding (2^-24 of the magnitude per addition).
     */
    static void assertSummed(UnigramTrace.Segmentation s, String where) {
        float asEncoded = 0f;
        double exact = 0;
        double magnitude = 0;
        for (UnigramTrace.Piece p : s.pieces()) {
            asEncoded = (float) (p.score() + asEncoded);
            exact += p.score();
            magnitude += Math.abs(p.score());
        }
        assertEquals(asEncoded, s.logProbability(), where + ": log p is the sum of the scores");
        assertEquals(exact, s.logProbability(), s.pieces().size() * magnitude * 0x1p-24, where + ": within float rounding");
    }

    @Test
    void unhappinessOnTestModel() {
        UnigramTrace t = explain(load("test_model.model"), "unhappiness");
        assertEquals("test_model", t.tokenizer());
        assertEquals("\u2581unhappiness", t.normalized());
        assertEquals("▁un|ha|p|p|i|ness", bar(t.best()));
        assertEquals(List.of(210, 414, 29, 29, 25, 513), t.best().pieces().stream().map(UnigramTrace.Piece::id).toList());
        assertEquals(-7.130228519439697, t.best().pieces().get(0).score());
        assertEquals(-38.483284f, (float) t.best().logProbability());
        assertEquals(List.of("▁un|h|a|p|p|i|ness", "▁un|ha|p|p|in|es|s", "▁|un|ha|p|p|i|ness", "▁un|ha|p|p|in|e|s|s"),
                t.alternatives().stream().map(UnigramExplainerTest::bar).toList());
        assertEquals(List.of(-41.053986f, -41.31849f, -41.519348f, -43.06977f),
                t.alternatives().stream().map(s -> (float) s.logProbability()).toList());
        assertTrue(t.fallbacks().isEmpty());
        assertArrayEquals(new int[] {210, 414, 29, 29, 25, 513}, t.ids());
        // the dummy prefix ▁ of "▁|un…" covers no input character
        UnigramTrace.Piece prefix = t.alternatives().get(2).pieces().get(0);
        assertEquals(0, prefix.charStart());
        assertEquals(0, prefix.charEnd());
    }

    @Test
    void unknownCharactersShareOneUnknownToken() {
        UnigramTrace t = explain(load("test_model.model"), "Hello 日本 world");
        assertEquals("▁He|ll|o|▁|日|本|▁world", bar(t.best()));
        assertEquals(List.of(false, false, false, false, true, true, false),
                t.best().pieces().stream().map(UnigramTrace.Piece::unknown).toList());
        assertEquals(-21.049671173095703, t.best().pieces().get(4).score()); // the lowest score less 10
        assertEquals(2, t.fallbacks().size());
        Fallback first = t.fallbacks().get(0);
        assertEquals(4, first.position());
        assertEquals("日", first.text());
        assertEquals(Fallback.Kind.UNKNOWN, first.kind());
        assertEquals(1, first.tokens().size());
        assertEquals(0, first.tokens().get(0).id());
        assertEquals(6, first.tokens().get(0).charStart());
        assertEquals(8, first.tokens().get(0).charEnd());
        assertTrue(t.fallbacks().get(1).tokens().isEmpty());
        assertArrayEquals(new int[] {151, 88, 21, 4, 0, 887}, t.ids());
    }

    @Test
    void howManySegmentations() {
        Tokenizer t = load("test_model.model");
        assertEquals(0, ((UnigramTrace) Explainers.find(t, 1).orElseThrow().explain("unhappiness")).alternatives().size());
        assertEquals(9, ((UnigramTrace) Explainers.find(t, 10).orElseThrow().explain("unhappiness")).alternatives().size());
        assertThrows(IllegalArgumentException.class, () -> Explainers.find(t, 0));
        // "a" has two segmentations at most: "▁a", "▁|a"
        assertEquals(1, explain(t, "a").alternatives().size());
        UnigramTrace empty = explain(t, "");
        assertEquals(List.of(), empty.best().pieces());
        assertEquals(0.0, empty.best().logProbability());
        assertTrue(empty.alternatives().isEmpty());
    }

    @Test
    void japaneseModel() {
        UnigramTrace t = explain(load("test_ja_model.model"), "吾輩は猫である");
        assertEquals("▁|吾|輩|は|猫|である", bar(t.best()));
        assertEquals(List.of("▁|吾|輩|は|猫|で|ある", "▁|吾|輩|は|猫|で|あ|る"), t.alternatives().stream().map(UnigramExplainerTest::bar).toList());
        Explainer e = Explainers.find(load("test_ja_model.model")).orElseThrow();
        assertInstanceOf(UnigramExplainer.class, e);
        assertTrue(e.algorithm().startsWith("Unigram: "), e.algorithm());
    }
}
