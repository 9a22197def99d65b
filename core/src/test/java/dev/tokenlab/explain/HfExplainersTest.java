package dev.tokenlab.explain;

import dev.tokenlab.SpecialTokens;
import dev.tokenlab.TokenSpan;
import dev.tokenlab.Tokenizer;
import dev.tokenlab.TokenizerOptions;
import dev.tokenlab.Tokenizers;
import dev.tokenlab.hf.HfModels;
import dev.tokenlab.hf.HfSynthetic;
import dev.tokenlab.hf.HfTokenizer;
import dev.tokenlab.hf.models.WordLevel;
import dev.tokenlab.testing.EdgeCases;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The traces of Hugging Face {@code tokenizer.json} models end in {@code tokenize}'s tokens (ids and
 * offsets) on every edge case ({@code edge-cases.txt} and {@code hf-edge-cases.txt}): the seven shared
 * models (skipped without {@code ../shared}) under the default policy, with special tokens allowed and
 * with the post-processor's tokens; and every synthetic {@code tokenizer.json} of
 * {@code testdata/hf-synthetic} on its own cases too (a text the tokenizer refuses, the trace refuses
 * alike). Each trace is also consistent in itself: merges replayed on the starting symbols reach the
 * tokens; WordPiece steps spell the word.
 */
class HfExplainersTest {

    @TestFactory
    Stream<DynamicTest> sharedModels() {
        return HfModels.ALL.stream().map(model -> DynamicTest.dynamicTest(model, () -> {
            List<EdgeCases.EdgeCase> cases = new ArrayList<>(EdgeCases.load());
            cases.addAll(EdgeCases.load(dev.tokenlab.testing.SharedData.testdata().resolve("hf-edge-cases.txt")));
            assertTrue(cases.size() > 300, "edge cases: " + cases.size());
            java.nio.file.Path folder = HfModels.folder(model);
            Tokenizer plain = Tokenizers.load(folder);
            Tokenizer allowing = Tokenizers.load(folder, TokenizerOptions.defaults().specialTokens(SpecialTokens.allowAll())
                    .addSpecialTokens(true));
            for (Tokenizer t : List.of(plain, allowing)) {
                Explainer e = Explainers.find(t).orElseThrow(() -> new AssertionError(model + " has no explainer"));
                for (EdgeCases.EdgeCase c : cases) {
                    check(t, e, c, model);
                }
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> syntheticModels() {
        List<EdgeCases.EdgeCase> cases = HfSynthetic.cases();
        return HfSynthetic.names().stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            for (boolean add : new boolean[] {false, true}) {
                Tokenizer t = HfSynthetic.load(name, add);
                Explainer e = Explainers.find(t).orElse(null);
                if (e == null) {
                    assertTrue(((HfTokenizer) t).model() instanceof WordLevel, name + " has no explainer");
                    continue;
                }
                for (EdgeCases.EdgeCase c : cases) {
                    check(t, e, c, name);
                }
            }
        }));
    }

    /** The trace's tokens are tokenize's (or both refuse the text), and the trace is consistent. */
    static void check(Tokenizer t, Explainer e, EdgeCases.EdgeCase c, String model) {
        String where = model + ": " + c.name();
        List<TokenSpan> expected;
        try {
            expected = t.tokenize(c.text());
        } catch (RuntimeException refused) {
            RuntimeException again = assertThrows(RuntimeException.class, () -> e.explain(c.text()), where);
            assertEquals(refused.getClass(), again.getClass(), where);
            assertEquals(refused.getMessage(), again.getMessage(), where);
            return;
        }
        ExplainTrace trace = e.explain(c.text());
        assertEquals(expected, trace.tokens(), where);
        assertArrayEquals(t.encode(c.text()), trace.ids(), where);
        if (trace instanceof BpeTrace bpe) {
            assertEquals(BpeTrace.MergeOrder.MERGE_RANK, bpe.order(), where);
            assertConsistent(bpe, where);
        } else if (trace instanceof WordPieceTrace wp) {
            assertConsistent(wp, where);
        } else if (trace instanceof UnigramTrace unigram) {
            assertConsistent(unigram, where);
        }
    }

    /**
     * The best segmentation first, the others distinct, sorted and no better; each spells the normalized
     * text, its log probability is its scores summed (within double rounding); fallbacks are at unknown pieces.
     */
    static void assertConsistent(UnigramTrace trace, String where) {
        java.util.Set<List<UnigramTrace.Piece>> seen = new java.util.HashSet<>();
        double previous = Double.POSITIVE_INFINITY;
        for (UnigramTrace.Segmentation s : trace.segmentations()) {
            assertTrue(seen.add(s.pieces()), where + ": distinct");
            assertTrue(s.logProbability() <= previous, where + ": sorted");
            previous = s.logProbability();
            StringBuilder spelled = new StringBuilder();
            double sum = 0;
            double magnitude = 0;
            for (UnigramTrace.Piece p : s.pieces()) {
                spelled.append(p.text());
                sum += p.score();
                magnitude += Math.abs(p.score());
            }
            assertEquals(trace.normalized(), spelled.toString(), where);
            assertEquals(sum, s.logProbability(), 1e-12 * (1 + magnitude) * (1 + s.pieces().size()), where);
        }
        for (Fallback f : trace.fallbacks()) {
            assertTrue(trace.best().pieces().get(f.position()).unknown(), where);
        }
    }

    /**
     * Each word's steps start where the last ended, from 0, and spell the word (the prefix left out after
     * the first); their ids are the tokens. An unknown word is one token; a too-long one has no steps.
     */
    static void assertConsistent(WordPieceTrace trace, String where) {
        for (WordPieceTrace.Word w : trace.words()) {
            List<Integer> ids = w.tokens().stream().map(TokenSpan::id).toList();
            if (w.source() != PieceSource.MODEL) {
                assertEquals(1, ids.size(), where);
                assertTrue(w.steps().isEmpty(), where);
                continue;
            }
            int length = w.word().codePointCount(0, w.word().length());
            switch (w.unknown()) {
                case TOO_LONG -> {
                    assertTrue(w.steps().isEmpty(), where);
                    assertTrue(length > trace.maxInputCharsPerWord(), where);
                    assertEquals(1, ids.size(), where);
                }
                case NO_MATCH -> {
                    assertFalse(w.steps().get(w.steps().size() - 1).matched(), where);
                    assertEquals(length - w.steps().get(w.steps().size() - 1).position(), w.steps().get(w.steps().size() - 1).longerTried(),
                            where);
                    assertEquals(1, ids.size(), where);
                }
                case NONE -> {
                    StringBuilder spelled = new StringBuilder();
                    int at = 0;
                    for (WordPieceTrace.Step s : w.steps()) {
                        assertEquals(at, s.position(), where);
                        assertTrue(s.matched(), where);
                        String m = s.position() == 0 ? s.match() : s.match().substring(trace.prefix().length());
                        assertEquals(s.length(), m.codePointCount(0, m.length()), where);
                        spelled.append(m);
                        at += s.length();
                        assertEquals(length - at, s.longerTried(), where);
                    }
                    assertEquals(w.word(), spelled.toString(), where);
                    assertEquals(w.steps().stream().map(WordPieceTrace.Step::id).toList(), ids, where);
                }
            }
        }
    }

    /**
     * Replaying each piece's merges on its starting symbols: each merge joins the parts at its position,
     * with the bytes it names, into its id; the parts left are the piece's tokens (unless the piece is
     * taken whole: then one token). Added and post-processor pieces are one token without symbols.
     */
    static void assertConsistent(BpeTrace trace, String where) {
        for (BpeTrace.Piece p : trace.pieces()) {
            if (p.source() != PieceSource.MODEL) {
                assertEquals(1, p.tokens().size(), where);
                assertTrue(p.symbols().isEmpty() && p.merges().isEmpty() && p.takenWhole(), where);
                continue;
            }
            assertFalse(p.symbols().isEmpty() && p.fallbacks().stream().allMatch(f -> f.kind() != Fallback.Kind.DROPPED), where);
            List<byte[]> parts = new ArrayList<>();
            List<Integer> ids = new ArrayList<>();
            for (BpeTrace.Symbol s : p.symbols()) {
                parts.add(s.bytes());
                ids.add(s.id());
            }
            for (BpeTrace.Merge m : p.merges()) {
                assertArrayEquals(parts.get(m.position()), m.left(), where + ": merge " + m.step());
                assertArrayEquals(parts.get(m.position() + 1), m.right(), where + ": merge " + m.step());
                parts.set(m.position(), m.result());
                ids.set(m.position(), m.id());
                parts.remove(m.position() + 1);
                ids.remove(m.position() + 1);
            }
            assertEquals(p.partCount(), parts.size(), where);
            List<Integer> tokenIds = p.tokens().stream().map(TokenSpan::id).toList();
            if (p.takenWhole()) {
                assertEquals(1, tokenIds.size(), where);
            } else {
                assertEquals(ids, tokenIds, where + ": " + p.text());
            }
            for (Fallback f : p.fallbacks()) {
                assertNotNull(f.kind(), where);
                assertTrue(f.position() <= p.symbols().size(), where);
            }
            if (p.fallbacks().isEmpty() && p.symbols().stream().allMatch(s -> s.bytes().length == 1)) {
                ByteArrayOutputStream joined = new ByteArrayOutputStream();
                p.symbols().forEach(s -> joined.writeBytes(s.bytes()));
                assertTrue(Arrays.equals(p.bytes(), joined.toByteArray()) || p.symbols().size() != p.bytes().length, where);
            }
        }
    }
}
