package dev.tokenlab.explain;

import dev.tokenlab.Tokenizer;
import dev.tokenlab.hf.HfSynthetic;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hugging Face Unigram traces on the synthetic {@code testdata/hf-synthetic/unigram.json} (a Metaspace
 * pre-tokenizer that splits words; scores in the file): the words' segmentations side by side, the
 * next best as the best combinations, unknown runs fused.
 */
class HfUnigramExplainerTest {

    private static UnigramTrace explain(Tokenizer t, int n, String text) {
        UnigramTrace trace = (UnigramTrace) Explainers.find(t, n).orElseThrow().explain(text);
        assertEquals(t.tokenize(text), trace.tokens(), text);
        return trace;
    }

    private static String bar(UnigramTrace.Segmentation s) {
        return s.pieces().stream().map(UnigramTrace.Piece::text).collect(Collectors.joining("|")) + " " + s.logProbability();
    }

    @Test
    void wordsAreSegmentedOnTheirOwnAndCombined() {
        Tokenizer t = HfSynthetic.load("unigram", false);
        assertInstanceOf(HfUnigramExplainer.class, Explainers.find(t).orElseThrow());
        UnigramTrace trace = explain(t, 5, "unhappiness is the world");
        assertEquals("▁unhappiness▁is▁the▁world", trace.normalized());
        // scores from the file: ▁un -4.5, happi -7, ness -5, ▁is -4, ▁the -3, ▁world -5.5; ▁ -2, un -3, world -6, the -4
        assertEquals(List.of(
                "▁un|happi|ness|▁is|▁the|▁world -29.0",
                "▁|un|happi|ness|▁is|▁the|▁world -29.5",
                "▁un|happi|ness|▁is|▁the|▁|world -31.5",
                "▁|un|happi|ness|▁is|▁the|▁|world -32.0",
                "▁un|happi|ness|▁is|▁|the|▁world -32.0"), trace.segmentations().stream().map(HfUnigramExplainerTest::bar).toList());
        assertArrayEquals(new int[] {45, 44, 43, 42, 12, 19}, trace.ids());
        assertEquals(1, ((UnigramTrace) Explainers.find(t, 1).orElseThrow().explain("unhappiness is")).segmentations().size());
    }

    @Test
    void unknownRunsAreFusedIntoOneToken() {
        Tokenizer t = HfSynthetic.load("unigram", false);
        UnigramTrace trace = explain(t, 2, "qzqz ab");
        assertEquals("▁|q|z|q|z|▁ab -82.0", bar(trace.best()));
        assertEquals(-19.0, trace.best().pieces().get(1).score()); // the lowest score (-9) less 10
        assertEquals(List.of(1, 2, 3, 4), trace.fallbacks().stream().map(Fallback::position).toList());
        assertEquals(List.of(1, 0, 0, 0), trace.fallbacks().stream().map(f -> f.tokens().size()).toList());
        Fallback first = trace.fallbacks().get(0);
        assertEquals(Fallback.Kind.UNKNOWN, first.kind());
        assertEquals(0, first.tokens().get(0).id());
        assertTrue(trace.best().pieces().get(1).unknown());
        assertEquals(PieceKind.UNKNOWN, Explainers.pieces(t).kind(0));
    }

    @Test
    void byteFallbackCoversTheWholeRun() {
        Tokenizer t = HfSynthetic.load("unigram-byte-fallback", false);
        UnigramTrace trace = explain(t, 3, "xyé🙂");
        for (Fallback f : trace.fallbacks()) {
            assertTrue(trace.best().pieces().get(f.position()).unknown());
        }
        assertTrue(trace.fallbacks().stream().anyMatch(f -> f.kind() == Fallback.Kind.BYTES && !f.tokens().isEmpty()));
    }
}
