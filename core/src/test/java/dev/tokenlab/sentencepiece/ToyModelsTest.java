package dev.tokenlab.sentencepiece;

import dev.tokenlab.Tokenizer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The segmenters and the normalizer on vocabularies built piece by piece (ids in comments). The
 * adapter module runs the same models through the C++ library and compares.
 */
class ToyModelsTest {

    static Tokenizer tok(ModelProtoWriter w) {
        return SentencePieceTokenizer.read("toy", w.bytes(), "toy");
    }

    static ModelProtoWriter base() {
        return new ModelProtoWriter().addDummyPrefix(false)
                .piece("<unk>", 0, PieceType.UNKNOWN) // 0
                .piece("<s>", 0, PieceType.CONTROL)   // 1
                .piece("</s>", 0, PieceType.CONTROL); // 2
    }

    @Test
    void bpeMergesTheBestScoreFirst() {
        Tokenizer t = tok(base()
                .piece("a", -10)      // 3
                .piece("b", -10)      // 4
                .piece("c", -10)      // 5
                .piece("ab", -2)      // 6
                .piece("bc", -1));    // 7: better than ab
        assertArrayEquals(new int[] {3, 7}, t.encode("abc"));
    }

    @Test
    void bpeBreaksTiesToTheLeft() {
        Tokenizer t = tok(base()
                .piece("a", -10)      // 3
                .piece("aa", -1));    // 4
        assertArrayEquals(new int[] {4, 3}, t.encode("aaa"));
        assertArrayEquals(new int[] {4, 4, 3}, t.encode("aaaaa"));
    }

    @Test
    void bpeTiesAcrossDifferentPiecesAlsoGoLeft() {
        Tokenizer t = tok(base()
                .piece("a", -10)      // 3
                .piece("b", -10)      // 4
                .piece("ab", -1)      // 5
                .piece("ba", -1));    // 6: same score as ab
        assertArrayEquals(new int[] {5, 3}, t.encode("aba"));
        assertArrayEquals(new int[] {6, 4}, t.encode("bab"));
    }

    @Test
    void bpeSplitsUnusedPiecesBack() {
        Tokenizer t = tok(base()
                .piece("a", -10)                       // 3
                .piece("b", -10)                       // 4
                .piece("c", -10)                       // 5
                .piece("ab", -1, PieceType.UNUSED)     // 6
                .piece("abc", -2));                    // 7
        assertArrayEquals(new int[] {3, 4}, t.encode("ab"));
        assertArrayEquals(new int[] {7}, t.encode("abc"));
    }

    @Test
    void userDefinedSymbolsAreNeverMergedNorSplit() {
        Tokenizer t = tok(base()
                .piece("a", -10)                           // 3
                .piece("<", -10)                           // 4
                .piece("a<", -1)                           // 5
                .piece("<sep>", 0, PieceType.USER_DEFINED) // 6
                .piece("s", -10)                           // 7
                .piece("e", -10)                           // 8
                .piece("p", -10)                           // 9
                .piece(">", -10));                         // 10
        assertArrayEquals(new int[] {3, 6, 3}, t.encode("a<sep>a"));
        assertArrayEquals(new int[] {5, 7}, t.encode("a<s"));
    }

    @Test
    void unknownRunsBecomeOneUnknownWithoutByteFallback() {
        Tokenizer t = tok(base().piece("a", -1)); // 3
        assertArrayEquals(new int[] {0}, t.encode("éé"));
        assertArrayEquals(new int[] {0, 3, 0}, t.encode("éaéé"));
        assertEquals(" \u2047 a \u2047 ", t.decode(t.encode("éaéé")));
    }

    @Test
    void unknownCharactersBecomeBytesWithByteFallback() {
        ModelProtoWriter w = base().bytePieces(); // 3..258
        w.piece("a", -1); // 259
        Tokenizer t = tok(w);
        assertArrayEquals(new int[] {259, 3 + 0xC3, 3 + 0xA9, 259}, t.encode("aéa"));
        assertEquals("aéa", t.decode(t.encode("aéa")));
    }

    @Test
    void unigramTakesTheBestPath() {
        Tokenizer t = tok(base().modelType(ModelType.UNIGRAM)
                .piece("a", -1)       // 3
                .piece("b", -1)       // 4
                .piece("ab", -1.5f)   // 5: -1.5 beats a + b = -2
                .piece("abc", -10)    // 6
                .piece("c", -1));     // 7
        assertArrayEquals(new int[] {5}, t.encode("ab"));
        assertArrayEquals(new int[] {5, 7}, t.encode("abc"));
        assertArrayEquals(new int[] {5, 0, 3}, t.encode("abxa"));
        assertArrayEquals(new int[] {0}, t.encode("xyz")); // the unknown run is one id
    }

    @Test
    void unigramUserDefinedSymbolsScoreLengthTimesTheBestScore() {
        // A user-defined piece scores bytes * max_score - 0.1 (max_score: the best NORMAL score, -1 here).
        Tokenizer t = tok(base().modelType(ModelType.UNIGRAM)
                .piece("a", -5)                             // 3
                .piece("b", -5)                             // 4
                .piece("z", -1)                             // 5
                .piece("bab", 0, PieceType.USER_DEFINED));  // 6: -3.1, better than b a b (-15)
        assertArrayEquals(new int[] {3, 6}, t.encode("abab"));
        Tokenizer weak = tok(base().modelType(ModelType.UNIGRAM)
                .piece("a", -1)                             // 3
                .piece("b", -1)                             // 4
                .piece("ab", -0.1f)                         // 5
                .piece("bab", 0, PieceType.USER_DEFINED));  // 6: -0.4; ab ab (-0.2) is better
        assertArrayEquals(new int[] {5, 5}, weak.encode("abab"));
    }

    static UnigramSegmenter unigram(Tokenizer t) {
        return (UnigramSegmenter) ((SentencePieceTokenizer) t).segmenter();
    }

    @Test
    void unigramSegmentsWordByWordOnlyWhenNoPieceSpansAWordStart() {
        // No piece has ▁ after another character: cut before each such ▁.
        Tokenizer prefix = tok(new ModelProtoWriter().modelType(ModelType.UNIGRAM)
                .piece("<unk>", 0, PieceType.UNKNOWN) // 0
                .piece("\u2581a", -1)                  // 1
                .piece("b", -1)                        // 2
                .piece("\u2581\u2581", -1)             // 3: ▁ after ▁ is fine
                .piece("a", -1));                      // 4
        assertEquals(UnigramSegmenter.BEFORE_SPACE, unigram(prefix).wordMode());
        assertArrayEquals(new int[] {1, 2, 3, 4}, prefix.encode("ab  a"));
        // No piece has ▁ before another character (treat_whitespace_as_suffix): cut after each such ▁.
        Tokenizer suffix = tok(new ModelProtoWriter().modelType(ModelType.UNIGRAM).treatWhitespaceAsSuffix(true)
                .piece("<unk>", 0, PieceType.UNKNOWN) // 0
                .piece("a\u2581", -1)                  // 1
                .piece("b", -1));                      // 2
        assertEquals(UnigramSegmenter.AFTER_SPACE, unigram(suffix).wordMode());
        assertArrayEquals(new int[] {2, 1, 1}, suffix.encode("ba a"));
        // "a▁b" spans the start of the word "▁b", and "▁a" the end of "a▁": the whole text is one lattice.
        Tokenizer whole = tok(new ModelProtoWriter().modelType(ModelType.UNIGRAM).addDummyPrefix(false)
                .piece("<unk>", 0, PieceType.UNKNOWN) // 0
                .piece("a", -1)                        // 1
                .piece("b", -1)                        // 2
                .piece("\u2581b", -1)                  // 3
                .piece("a\u2581b", -1.5f));            // 4: beats a + ▁b (-2), which words cut apart would give
        assertEquals(UnigramSegmenter.WHOLE_TEXT, unigram(whole).wordMode());
        assertArrayEquals(new int[] {4}, whole.encode("a b"));
        assertArrayEquals(new int[] {1, 4}, whole.encode("aa b"));
        // UNUSED pieces are never in the lattice, so they do not stop the cut.
        Tokenizer unused = tok(new ModelProtoWriter().modelType(ModelType.UNIGRAM)
                .piece("<unk>", 0, PieceType.UNKNOWN)        // 0
                .piece("\u2581a", -1)                         // 1
                .piece("a\u2581a", -0.1f, PieceType.UNUSED));  // 2
        assertEquals(UnigramSegmenter.BEFORE_SPACE, unigram(unused).wordMode());
        assertArrayEquals(new int[] {1, 1}, unused.encode("a a"));
    }

    @Test
    void unigramWordsDependOnTheScoreBeforeThem() {
        // The loop stores each best score as a float, so the same word can segment differently after a
        // long text: after "▁z" (-1e6) the best score at "▁a" rounds from -1000001.01 to -1000001, and
        // ▁a + b (-1000001 - 1.995) beats ▁ab (-1000003); alone, ▁a + b is -3.005 and ▁ab (-3) wins.
        Tokenizer t = tok(new ModelProtoWriter().modelType(ModelType.UNIGRAM)
                .piece("<unk>", 0, PieceType.UNKNOWN) // 0
                .piece("\u2581z", -1e6f)               // 1
                .piece("\u2581ab", -3)                 // 2
                .piece("\u2581a", -1.01f)              // 3
                .piece("b", -1.995f));                 // 4
        assertEquals(UnigramSegmenter.BEFORE_SPACE, unigram(t).wordMode());
        assertArrayEquals(new int[] {2}, t.encode("ab")); // the word is cached with this path ...
        assertArrayEquals(new int[] {1, 3, 4}, t.encode("z ab")); // ... which does not hold after ▁z
        assertArrayEquals(new int[] {2, 1, 3, 4, 3, 4}, t.encode("ab z ab ab"));
    }

    @Test
    void normalizerFlags() {
        ModelProtoWriter pieces = new ModelProtoWriter()
                .piece("<unk>", 0, PieceType.UNKNOWN).piece("a", -1).piece("b", -1).piece("\u2581", -1);
        SentencePieceTokenizer keep = SentencePieceTokenizer.read("t", pieces.bytes(), "t");
        assertEquals("\u2581\u2581a\u2581\u2581b\u2581", keep.normalize(" a  b "));
        SentencePieceTokenizer collapse = SentencePieceTokenizer.read("t", pieces.removeExtraWhitespaces(true).bytes(), "t");
        assertEquals("\u2581a\u2581b", collapse.normalize("   a  b  "));
        assertEquals("", collapse.normalize("    "));
        SentencePieceTokenizer suffix = SentencePieceTokenizer.read("t", pieces.treatWhitespaceAsSuffix(true).bytes(), "t");
        assertEquals("a\u2581b\u2581", suffix.normalize(" a b "));
        SentencePieceTokenizer plain = SentencePieceTokenizer.read("t",
                pieces.treatWhitespaceAsSuffix(false).escapeWhitespaces(false).bytes(), "t");
        assertEquals(" a b", plain.normalize("a  b"));
        SentencePieceTokenizer noPrefix = SentencePieceTokenizer.read("t",
                pieces.escapeWhitespaces(true).removeExtraWhitespaces(false).addDummyPrefix(false).bytes(), "t");
        assertEquals("a\u2581b", noPrefix.normalize("a b"));
    }
}
