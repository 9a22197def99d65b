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
