package dev.tokenlab.sentencepiece;

import dev.tokenlab.Tokenizer;
import dev.tokenlab.explain.BpeTrace;
import dev.tokenlab.explain.Explainers;
import dev.tokenlab.explain.Fallback;
import dev.tokenlab.testing.EdgeCases;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tracing BPE segmenter against the encoder on vocabularies built piece by piece (ids in
 * comments), and on random small vocabularies: ties, UNUSED pieces, user-defined symbols, unknown runs.
 */
class TracingBpeSegmenterTest {

    static SentencePieceTokenizer tok(ModelProtoWriter w) {
        return SentencePieceTokenizer.read("toy", w.bytes(), "toy");
    }

    static BpeTrace explain(Tokenizer t, String text) {
        BpeTrace trace = (BpeTrace) Explainers.find(t).orElseThrow().explain(text);
        assertEquals(t.tokenize(text), trace.tokens(), EdgeCases.escape(text));
        return trace;
    }

    static List<String> merges(BpeTrace.Piece p) {
        return p.merges().stream().map(m -> new String(m.left(), StandardCharsets.UTF_8) + "+"
                + new String(m.right(), StandardCharsets.UTF_8) + "=" + m.id()).toList();
    }

    @Test
    void tiesMergeLeftmostFirst() {
        Tokenizer t = tok(ToyModelsTest.base()
                .piece("a", -10)      // 3
                .piece("b", -10)      // 4
                .piece("ab", -1)      // 5
                .piece("ba", -1));    // 6: same score as ab
        BpeTrace trace = explain(t, "aba");
        assertEquals(List.of("a+b=5"), merges(trace.pieces().get(0)));
        assertEquals(List.of("b+a=6"), merges(explain(t, "bab").pieces().get(0)));
    }

    @Test
    void unusedPiecesAreSplitBack() {
        Tokenizer t = tok(ToyModelsTest.base()
                .piece("a", -10)                       // 3
                .piece("b", -10)                       // 4
                .piece("c", -10)                       // 5
                .piece("ab", -1, PieceType.UNUSED)     // 6
                .piece("abc", -2));                    // 7
        BpeTrace ab = explain(t, "ab");
        BpeTrace.Piece p = ab.pieces().get(0);
        assertEquals(List.of("a+b=6"), merges(p));
        assertEquals(1, p.fallbacks().size());
        Fallback f = p.fallbacks().get(0);
        assertEquals(Fallback.Kind.UNUSED, f.kind());
        assertEquals(6, f.id());
        assertEquals(List.of(3, 4), f.tokens().stream().map(s -> s.id()).toList());
        BpeTrace abc = explain(t, "abc");
        assertEquals(List.of("a+b=6", "ab+c=7"), merges(abc.pieces().get(0)));
        assertTrue(abc.pieces().get(0).fallbacks().isEmpty());
    }

    @Test
    void userDefinedSymbolsStartWholeAndNeverMerge() {
        Tokenizer t = tok(ToyModelsTest.base()
                .piece("a", -10)                           // 3
                .piece("<", -10)                           // 4
                .piece("a<", -1)                           // 5
                .piece("<sep>", 0, PieceType.USER_DEFINED) // 6
                .piece("s", -10)                           // 7
                .piece("e", -10)                           // 8
                .piece("p", -10)                           // 9
                .piece(">", -10));                         // 10
        BpeTrace.Piece p = explain(t, "a<sep>a").pieces().get(0);
        assertEquals(List.of("a", "<sep>", "a"), p.symbols().stream().map(s -> new String(s.bytes(), StandardCharsets.UTF_8)).toList());
        assertEquals(List.of(false, true, false), p.symbols().stream().map(BpeTrace.Symbol::userDefined).toList());
        assertEquals(6, p.symbols().get(1).id());
        assertTrue(p.merges().isEmpty());
        assertEquals(List.of("a+<=5"), merges(explain(t, "a<s").pieces().get(0)));
    }

    @Test
    void anUnknownRunHasOneUnknownTokenWithItsFirstCharacter() {
        Tokenizer t = tok(ToyModelsTest.base().piece("a", -1)); // 3
        BpeTrace.Piece p = explain(t, "éaéé").pieces().get(0);
        assertEquals(List.of(0, 2, 3), p.fallbacks().stream().map(Fallback::position).toList());
        assertEquals(List.of(Fallback.Kind.UNKNOWN, Fallback.Kind.UNKNOWN, Fallback.Kind.UNKNOWN),
                p.fallbacks().stream().map(Fallback::kind).toList());
        assertEquals(List.of(1, 1, 0), p.fallbacks().stream().map(f -> f.tokens().size()).toList());
        assertEquals(2, p.fallbacks().get(1).tokens().get(0).charStart());
        assertEquals(4, p.fallbacks().get(1).tokens().get(0).charEnd());
    }

    @Test
    void unknownRunsMayCrossWords() {
        // "▁" is no piece: the unknown run "é▁é" spans the cut before the second ▁
        Tokenizer t = tok(ToyModelsTest.base().piece("a", -1)); // 3
        BpeTrace trace = explain(t, "aé é");
        assertEquals(List.of("aé", " é"), trace.pieces().stream().map(BpeTrace.Piece::text).toList());
        assertArrayEquals(new int[] {3, 0}, trace.ids());
        // "é" starts the run (its <unk> covers 1..4); "▁" and "é" of the second word continue it
        assertEquals(List.of(0, 0), trace.pieces().get(1).fallbacks().stream().map(f -> f.tokens().size()).toList());
        assertEquals(4, trace.pieces().get(0).fallbacks().get(0).tokens().get(0).charEnd());
    }

    @Test
    void aModelWithSpacesInsidePiecesMergesTheWholeText() {
        Tokenizer t = tok(ToyModelsTest.base().addDummyPrefix(true)
                .piece("\u2581", -1)         // 3
                .piece("a", -1)              // 4
                .piece("a\u2581", -2)        // 5: ▁ after another character
                .piece("\u2581a", -3));      // 6
        BpeTrace trace = explain(t, "a a");
        assertEquals(1, trace.pieces().size());
        assertEquals("a a", trace.pieces().get(0).text());
        // "a▁" (-2) beats "▁a" (-3); afterwards no pair is a piece
        assertEquals(List.of("a+▁=5"), merges(trace.pieces().get(0)));
        assertArrayEquals(new int[] {3, 5, 4}, trace.ids());
    }

    @Test
    void onlyBpeModels() {
        Tokenizer unigram = tok(ToyModelsTest.base().modelType(ModelType.UNIGRAM).piece("a", -1));
        assertThrows(IllegalArgumentException.class, () -> TracingBpeSegmenter.of((SentencePieceTokenizer) unigram));
    }

    /**
     * Random vocabularies over a few characters, with tied scores, UNUSED and user-defined pieces, with
     * and without byte fallback: the trace's tokens are encode's on random texts.
     */
    @Test
    void randomVocabulariesAgreeWithTheEncoder() {
        Random random = new Random(7);
        String alphabet = "ab\u2581c é";
        for (int model = 0; model < 300; model++) {
            ModelProtoWriter w = ToyModelsTest.base().addDummyPrefix(random.nextBoolean());
            if (random.nextBoolean()) {
                w.bytePieces();
            }
            Set<String> pieces = new LinkedHashSet<>();
            for (char c : "ab\u2581c".toCharArray()) {
                if (random.nextInt(5) > 0) {
                    pieces.add(String.valueOf(c));
                }
            }
            int multi = 2 + random.nextInt(12);
            for (int i = 0; i < multi; i++) {
                StringBuilder sb = new StringBuilder();
                int length = 2 + random.nextInt(3);
                for (int k = 0; k < length; k++) {
                    sb.append("ab\u2581c".charAt(random.nextInt(4)));
                }
                pieces.add(sb.toString());
            }
            for (String p : pieces) {
                int kind = random.nextInt(12);
                PieceType type = kind == 0 && p.length() > 1 ? PieceType.UNUSED
                        : kind == 1 && p.length() > 1 ? PieceType.USER_DEFINED : PieceType.NORMAL;
                w.piece(p, -random.nextInt(4), type);
            }
            Tokenizer t = tok(w);
            for (int i = 0; i < 30; i++) {
                StringBuilder text = new StringBuilder();
                int length = random.nextInt(12);
                for (int k = 0; k < length; k++) {
                    text.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                explain(t, text.toString()); // asserts tokens == tokenize
            }
        }
    }

    @Test
    void wordsAreWhereTheEncoderCuts() {
        SentencePieceTokenizer llama2 = (SentencePieceTokenizer) dev.tokenlab.Tokenizers.get("llama2");
        byte[] b = "\u2581Hello\u2581world".getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(new int[] {0, 8, 16}, TracingBpeSegmenter.of(llama2).words(b, b.length));
        byte[] spaces = "\u2581\u2581\u2581a".getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(new int[] {0, spaces.length}, TracingBpeSegmenter.of(llama2).words(spaces, spaces.length));
        assertArrayEquals(new int[] {0}, TracingBpeSegmenter.of(llama2).words(new byte[0], 0));
        List<Integer> ids = new ArrayList<>();
        TracingBpeSegmenter.Result r = TracingBpeSegmenter.of(llama2).segment(b, 0, 8,
                (step, position, start, mid, end, id, score) -> ids.add(id));
        assertEquals(List.of(new TracingBpeSegmenter.Segment(0, 8, 15043)), r.parts());
        assertEquals(15043, ids.get(ids.size() - 1));
    }

    @Test
    void normalizeWithOffsets() {
        SentencePieceTokenizer llama2 = (SentencePieceTokenizer) dev.tokenlab.Tokenizers.get("llama2");
        SentencePieceTokenizer.Normalized n = llama2.normalizeWithOffsets("Hi you");
        assertEquals("\u2581Hi\u2581you", n.text());
        assertArrayEquals(new int[] {0, 0, 0, 0, 1, 2, 2, 2, 3, 4, 5, 6}, n.charOffsets());
    }
}
