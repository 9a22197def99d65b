package dev.tokenlab.sentencepiece;

import dev.tokenlab.TokenSpan;
import dev.tokenlab.Tokenizers;
import dev.tokenlab.testing.SharedData;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Encoding block by block ({@link SentencePieceTokenizer#BLOCK_BYTES}) gives the ids and character
 * spans of encoding the whole text at once, with blocks as small as one byte (a cut at every space
 * the normalizer allows), on the shared corpora, on texts full of spaces and unknown characters, and
 * on random Unigram models whose best score grows large (the score carried between blocks matters).
 */
class BlockwiseEncodingTest {
    private static final int[] BLOCK_SIZES = {1, 5, 64, SentencePieceTokenizer.BLOCK_BYTES};

    private static List<String> spans(SentencePieceTokenizer t, String text) {
        List<String> out = new ArrayList<>();
        for (TokenSpan s : t.tokenize(text)) {
            out.add(s.id() + "@" + s.charStart() + "-" + s.charEnd());
        }
        return out;
    }

    /** A model whole and in blocks of each size. */
    private record Variants(SentencePieceTokenizer whole, List<SentencePieceTokenizer> blocks) {
        static Variants of(SentencePieceTokenizer t) {
            SentencePieceTokenizer whole = t.withBlockBytes(Integer.MAX_VALUE);
            assertFalse(whole.encodesInBlocks());
            List<SentencePieceTokenizer> blocks = new ArrayList<>();
            for (int size : BLOCK_SIZES) {
                SentencePieceTokenizer b = t.withBlockBytes(size);
                assertTrue(b.encodesInBlocks(), t.name());
                blocks.add(b);
            }
            return new Variants(whole, blocks);
        }
    }

    private static void assertBlocksChangeNothing(Variants v, String text, String what) {
        List<String> expected = spans(v.whole(), text);
        List<Integer> expectedIds = ids(v.whole().encode(text));
        for (int k = 0; k < BLOCK_SIZES.length; k++) {
            SentencePieceTokenizer blocks = v.blocks().get(k);
            String where = what + ", blocks of " + BLOCK_SIZES[k];
            assertEquals(expected, spans(blocks, text), where);
            assertEquals(expectedIds, ids(blocks.encode(text)), where);
            assertEquals(expectedIds.size(), blocks.count(text), where);
        }
    }

    private static List<Integer> ids(int[] ids) {
        return java.util.Arrays.stream(ids).boxed().toList();
    }

    private static SentencePieceTokenizer shared(String model) throws IOException {
        Path file = SharedData.require("models/" + model);
        return SentencePieceTokenizer.read(model, Files.readAllBytes(file), model);
    }

    private static final String[] TRICKY = {
        "", " ", "a", "a b", "a  b", "  a b  ", "word ", "word  ", "end.   ", "x\u3000y z", "a\u00a0b c",
        "tab\tand space", "ﬁ ligature ﬂ", "Ｆｕｌｌ ｗｉｄｔｈ text", "caf\u00e9 au lait", "\uD83D\uDE00 emoji here \uD83D\uDE00",
        "\u2581already\u2581escaped words", "unknown \uE000\uE001 private use", "line\nbreak here\r\nand there",
        "a b c d e f g h i j k l m n o p q r s t u v w x y z", "123 456 7890 digits",
    };

    @Test
    void sentencePieceModelsOnTheCorpora() throws IOException {
        List<SentencePieceTokenizer> models = List.of(
                (SentencePieceTokenizer) Tokenizers.get("llama2"), shared("llama2/tokenizer.model"),
                shared("sentencepiece-test/test_model.model"), shared("sentencepiece-test/test_ja_model.model"));
        List<Path> corpus = SharedData.corpusFiles();
        for (SentencePieceTokenizer t : models) {
            Variants v = Variants.of(t);
            for (String text : TRICKY) {
                assertBlocksChangeNothing(v, text, t.name() + " on \"" + text + "\"");
            }
            for (int i = 0; i < corpus.size(); i += 23) {
                String text = Files.readString(corpus.get(i));
                text = text.substring(0, Math.min(text.length(), 6000));
                assertBlocksChangeNothing(v, text, t.name() + " on " + corpus.get(i).getFileName());
            }
        }
    }

    @Test
    void randomTextsWithManySpaces() throws IOException {
        Random random = new Random(77);
        for (SentencePieceTokenizer t : List.of((SentencePieceTokenizer) Tokenizers.get("llama2"),
                shared("sentencepiece-test/test_model.model"))) {
            Variants v = Variants.of(t);
            for (int k = 0; k < 200; k++) {
                StringBuilder sb = new StringBuilder();
                for (int w = random.nextInt(30); w > 0; w--) {
                    sb.append(RandomText.next(random)).append(" ".repeat(random.nextInt(3)));
                }
                assertBlocksChangeNothing(v, sb.toString(), t.name() + ", random text " + k);
            }
        }
    }

    @Test
    void unigramScoresCarriedAcrossBlocks() {
        Random random = new Random(20261127);
        for (int m = 0; m < 12; m++) {
            SentencePieceTokenizer t = UnigramWordsTest.randomModel(random, false);
            String text = UnigramWordsTest.randomText(random, 3000 + random.nextInt(3000));
            assertBlocksChangeNothing(Variants.of(t), text, "random model " + m);
        }
    }

    @Test
    void modelsWhosePiecesSpanSpacesStayWhole() {
        assertFalse(UnigramWordsTest.randomModel(new Random(1), true).encodesInBlocks(), "pieces end with ▁");
    }
}
