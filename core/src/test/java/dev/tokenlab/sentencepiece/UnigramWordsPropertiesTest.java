package dev.tokenlab.sentencepiece;

import dev.tokenlab.testing.SharedData;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The Unigram segmenter word by word (cut at word starts, words from the cache while their path is
 * sure) against the same loop over the whole text as one lattice, on texts long enough for the
 * best score to grow coarse: random models full of ties and near-ties, and sentencepiece's test models.
 */
class UnigramWordsPropertiesTest {

    /** Segments {@code text} both ways (twice word by word: cold cache, then warm) and compares. */
    static void compare(SentencePieceTokenizer t, String text, String what) {
        UnigramSegmenter segmenter = (UnigramSegmenter) t.segmenter();
        SentencePieceTokenizer.Normalized n = t.normalizeWithOffsets(text);
        NormalizedText norm = new NormalizedText(n.bytes().length);
        System.arraycopy(n.bytes(), 0, norm.bytes, 0, n.bytes().length);
        norm.length = n.bytes().length;
        Segmentation whole = new Segmentation(16);
        segmenter.segmentWholeText(norm, whole, new Segmenter.Scratch());
        for (int pass = 0; pass < 2; pass++) {
            Segmentation words = new Segmentation(16);
            segmenter.segment(norm, words, new Segmenter.Scratch());
            assertEquals(whole.count, words.count, what);
            for (int k = 0; k < whole.count; k++) {
                int at = k;
                assertEquals(whole.starts[k], words.starts[k], () -> what + ": piece " + at);
                assertEquals(whole.ids[k], words.ids[k], () -> what + ": piece " + at);
            }
        }
    }

    /**
     * A random model over a, b, c: every piece of up to three letters, with and without ▁ in front,
     * scores on a grid of 1/64 (so many paths tie exactly) or anywhere (near-ties), and "▁z" and
     * "▁y" with scores of -1e5 and -3e3 that make the best score large quickly.
     */
    static SentencePieceTokenizer randomModel(Random random, boolean suffix) {
        ModelProtoWriter w = new ModelProtoWriter().modelType(ModelType.UNIGRAM).treatWhitespaceAsSuffix(suffix)
                .piece("<unk>", 0, PieceType.UNKNOWN);
        String letters = "abc";
        java.util.List<String> pieces = new java.util.ArrayList<>();
        for (int a = 0; a < 3; a++) {
            pieces.add("" + letters.charAt(a));
            for (int b = 0; b < 3; b++) {
                pieces.add("" + letters.charAt(a) + letters.charAt(b));
                for (int c = 0; c < 3; c++) {
                    pieces.add("" + letters.charAt(a) + letters.charAt(b) + letters.charAt(c));
                }
            }
        }
        for (String p : pieces) {
            for (String piece : new String[] {p, suffix ? p + "\u2581" : "\u2581" + p}) {
                if (random.nextInt(4) > 0) {
                    float score = random.nextBoolean() ? -(1 + random.nextInt(5 * 64)) / 64f : -1 - 5 * random.nextFloat();
                    w.piece(piece, score);
                }
            }
        }
        w.piece(suffix ? "z\u2581" : "\u2581z", -1e5f).piece(suffix ? "y\u2581" : "\u2581y", -3e3f).piece("\u2581", -6);
        return SentencePieceTokenizer.read("random", w.bytes(), "random");
    }

    static String randomText(Random random, int words) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < words; i++) {
            int kind = random.nextInt(20);
            if (kind == 0) {
                sb.append('z');
            } else if (kind == 1) {
                sb.append('y');
            } else if (kind == 2) {
                sb.append('\u00e9'); // no piece: unknown
            } else {
                for (int k = 1 + random.nextInt(7); k > 0; k--) {
                    sb.append("abc".charAt(random.nextInt(3)));
                }
            }
            sb.append(random.nextInt(10) == 0 ? "  " : " ");
        }
        return sb.toString();
    }

    @Test
    void randomModelsAndLongTexts() {
        Random random = new Random(20250611);
        for (int m = 0; m < 40; m++) {
            boolean suffix = m % 4 == 3;
            SentencePieceTokenizer t = randomModel(random, suffix);
            assertEquals(suffix ? UnigramSegmenter.AFTER_SPACE : UnigramSegmenter.BEFORE_SPACE, ((UnigramSegmenter) t.segmenter()).wordMode());
            for (int k = 0; k < 5; k++) {
                compare(t, randomText(random, 50 + random.nextInt(5000)), "model " + m + ", text " + k);
            }
        }
    }

    @Test
    void testModelsOnLongTexts() throws IOException {
        String botchan = Files.readString(SharedData.require("corpus/botchan.txt"));
        String wagahai = Files.readString(SharedData.require("corpus/wagahaiwa_nekodearu.txt"));
        for (String model : new String[] {"test_model", "test_ja_model"}) {
            byte[] bytes = Files.readAllBytes(SharedData.require("models/sentencepiece-test/" + model + ".model"));
            SentencePieceTokenizer t = SentencePieceTokenizer.read(model, bytes, model);
            assertEquals(UnigramSegmenter.BEFORE_SPACE, ((UnigramSegmenter) t.segmenter()).wordMode());
            compare(t, botchan.repeat(4), model + " on botchan x4");
            compare(t, wagahai + botchan + wagahai, model + " on wagahai, botchan, wagahai");
        }
    }
}
