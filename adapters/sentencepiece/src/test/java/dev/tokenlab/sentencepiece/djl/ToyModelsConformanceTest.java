package dev.tokenlab.sentencepiece.djl;

import dev.tokenlab.Tokenizer;
import dev.tokenlab.sentencepiece.ModelProtoWriter;
import dev.tokenlab.sentencepiece.ModelType;
import dev.tokenlab.sentencepiece.PieceType;
import dev.tokenlab.sentencepiece.SentencePieceTokenizer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Small models built piece by piece, run through core and the C++ library on seeded random text
 * from a small alphabet, so the rare paths (ties, UNUSED pieces, user-defined symbols, unknown runs,
 * every normalizer flag) meet often.
 */
class ToyModelsConformanceTest {
    private static final String[] UNITS = {"a", "a", "b", "b", "c", " ", " ", "\u2581", "\u00e9", "<sep>", "<", "s", "\t", "x"};

    @TempDir
    Path dir;

    @BeforeEach
    void nativeLibraryLoads() {
        RequireNative.library();
    }

    static ModelProtoWriter pieces(ModelType type, boolean byteFallback) {
        ModelProtoWriter w = new ModelProtoWriter().modelType(type)
                .piece("<unk>", 0, PieceType.UNKNOWN)
                .piece("<s>", 0, PieceType.CONTROL)
                .piece("</s>", 0, PieceType.CONTROL);
        if (byteFallback) {
            w.bytePieces();
        }
        return w.piece("\u2581", -3)
                .piece("a", -2).piece("b", -2).piece("c", -4)
                .piece("aa", -1).piece("ab", -1).piece("ba", -1)          // ties
                .piece("\u2581a", -1.5f).piece("\u2581\u2581", -1)
                .piece("abc", -0.5f).piece("bc", -0.7f, PieceType.UNUSED).piece("abcab", -0.2f)
                .piece("<sep>", 0, PieceType.USER_DEFINED)
                .piece("a\u2581", -1.2f);
    }

    private void compare(String what, ModelProtoWriter w) throws IOException {
        compare(what, w, UNITS);
    }

    private void compare(String what, ModelProtoWriter w, String[] units) throws IOException {
        Path file = dir.resolve(what + ".model");
        Files.write(file, w.bytes());
        Tokenizer core = SentencePieceTokenizer.read(what, w.bytes(), what);
        try (DjlSentencePieceTokenizer ref = DjlSentencePieceTokenizer.open(file, what)) {
            Random random = new Random(what.hashCode());
            for (int t = 0; t < 2000; t++) {
                StringBuilder sb = new StringBuilder();
                for (int k = random.nextInt(14); k > 0; k--) {
                    sb.append(units[random.nextInt(units.length)]);
                }
                String s = sb.toString();
                int[] expected = ref.encode(s);
                assertArrayEquals(expected, core.encode(s), () -> what + " on \"" + s + "\"");
                assertEquals(ref.decode(expected), core.decode(expected), () -> what + " decoding \"" + s + "\"");
            }
        }
    }

    @Test
    void bpe() throws IOException {
        compare("bpe", pieces(ModelType.BPE, false));
        compare("bpe-bytes", pieces(ModelType.BPE, true));
        compare("bpe-collapse", pieces(ModelType.BPE, false).removeExtraWhitespaces(true));
        compare("bpe-suffix", pieces(ModelType.BPE, true).treatWhitespaceAsSuffix(true));
        compare("bpe-plain", pieces(ModelType.BPE, false).escapeWhitespaces(false).addDummyPrefix(false));
        compare("bpe-unk-surface", pieces(ModelType.BPE, false).unkSurface("<?>"));
    }

    @Test
    void unigram() throws IOException {
        compare("unigram", pieces(ModelType.UNIGRAM, false));
        compare("unigram-bytes", pieces(ModelType.UNIGRAM, true));
        compare("unigram-collapse", pieces(ModelType.UNIGRAM, true).removeExtraWhitespaces(true));
        compare("unigram-suffix", pieces(ModelType.UNIGRAM, false).treatWhitespaceAsSuffix(true).removeExtraWhitespaces(true));
    }

    /** Unigram models whose pieces let the lattice be cut into words (before or after each ▁). */
    @Test
    void unigramWordByWord() throws IOException {
        ModelProtoWriter prefix = new ModelProtoWriter().modelType(ModelType.UNIGRAM)
                .piece("<unk>", 0, PieceType.UNKNOWN).piece("<s>", 0, PieceType.CONTROL).piece("</s>", 0, PieceType.CONTROL)
                .piece("\u2581", -3).piece("a", -2).piece("b", -2).piece("aa", -1).piece("ab", -1).piece("ba", -1)
                .piece("\u2581a", -1.5f).piece("\u2581\u2581", -1).piece("\u2581ab", -2.5f).piece("abc", -0.5f)
                .piece("bc", -0.7f, PieceType.UNUSED).piece("a\u2581b", -0.1f, PieceType.UNUSED)
                .piece("<sep>", 0, PieceType.USER_DEFINED);
        compare("unigram-words", prefix);
        compare("unigram-words-collapse", prefix.removeExtraWhitespaces(true));
        ModelProtoWriter suffix = new ModelProtoWriter().modelType(ModelType.UNIGRAM).treatWhitespaceAsSuffix(true)
                .piece("<unk>", 0, PieceType.UNKNOWN).piece("<s>", 0, PieceType.CONTROL).piece("</s>", 0, PieceType.CONTROL)
                .piece("\u2581", -3).piece("a", -2).piece("b", -2).piece("aa", -1).piece("ab", -1).piece("ba", -1)
                .piece("a\u2581", -1.5f).piece("\u2581\u2581", -1).piece("ab\u2581", -2.5f).piece("abc", -0.5f)
                .piece("<sep>", 0, PieceType.USER_DEFINED);
        compare("unigram-words-suffix", suffix);
        compare("unigram-words-suffix-bytes", suffix.bytePieces());
    }

    /**
     * A word whose best path at the start of a text is not its best path after "▁z" (-1e6), because
     * the best scores are stored as floats: cached words must not be reused there.
     */
    @Test
    void unigramWordsAfterALargeScore() throws IOException {
        ModelProtoWriter w = new ModelProtoWriter().modelType(ModelType.UNIGRAM)
                .piece("<unk>", 0, PieceType.UNKNOWN).piece("<s>", 0, PieceType.CONTROL).piece("</s>", 0, PieceType.CONTROL)
                .piece("\u2581z", -1e6f).piece("\u2581ab", -3).piece("\u2581a", -1.01f).piece("b", -1.995f)
                .piece("\u2581b", -2.5f).piece("\u2581y", -3e5f).piece("ba", -2.2f).piece("a", -1.4f);
        compare("unigram-large-scores", w, new String[] {"ab", "ab", " ", " ", "a", "b", "z", "y", "é"});
    }
}
