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
 * Encoding block by block ({@link OrdinaryTextEncoder#BLOCK_BYTES}) gives the ids and character
 * spans of encoding the whole text at once, with blocks as small as one byte (a cut at every space
 * the normalizer allows), on the shared corpora, on texts full of spaces and unknown characters, and
 * on random Unigram models whose best score grows large (the score carried between blocks matters).
 */
class BlockwiseEncodingPropertiesTest {
    private static final int[] BLOCK_SIZES = {1, 5, 64, OrdinaryTextEncoder.BLOCK_BYTES};

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
        "改行\nの\n\nテスト\n", "\n\nstarts with newlines", "a\nb\n\n c\n \n", "吾輩は猫である。\n名前はまだ無い。\r\nどこで生れたか",
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
    void llama2OnJapaneseCutsAtNewlines() throws IOException {
        SentencePieceTokenizer llama2 = (SentencePieceTokenizer) Tokenizers.get("llama2");
        String text = Files.readString(SharedData.require("corpus/wagahaiwa_nekodearu.txt"));
        assertBlocksChangeNothing(Variants.of(llama2), text.substring(0, 20_000), "llama2 on wagahai");
    }

    /** A toy BPE model over a, b, ▁ and newlines, with byte fallback; {@code extra} pieces are added. */
    private static SentencePieceTokenizer toyBpe(Random random, String... extra) {
        ModelProtoWriter w = new ModelProtoWriter().modelType(ModelType.BPE).byteFallback(true).removeExtraWhitespaces(false)
                .piece("<unk>", 0, PieceType.UNKNOWN).bytePieces();
        for (String p : new String[] {"a", "b", "\u2581", "ab", "ba", "aa", "\u2581a", "\u2581b", "\u2581\u2581", "aab", "\u2581ab"}) {
            w.piece(p, -random.nextInt(40) / 4f);
        }
        for (String p : extra) {
            w.piece(p, -random.nextInt(40) / 4f);
        }
        return SentencePieceTokenizer.read("toy", w.bytes(), "toy");
    }

    @Test
    void newlineCutsOnlyWhereNoPieceHoldsANewlineAfterItsStart() {
        Random random = new Random(99);
        String alphabet = "aab  \n";
        for (int m = 0; m < 20; m++) {
            // "a▁b" spans a space after a letter: no cuts before spaces, so only newlines cut here
            SentencePieceTokenizer t = toyBpe(random, "a\u2581b", "\nb", "\na");
            Variants v = Variants.of(t);
            for (int k = 0; k < 20; k++) {
                StringBuilder sb = new StringBuilder();
                for (int i = random.nextInt(400); i > 0; i--) {
                    sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                assertBlocksChangeNothing(v, sb.toString(), "toy model " + m + ", text " + k);
            }
        }
        assertFalse(toyBpe(random, "a\u2581b", "a\n").encodesInBlocks(), "a piece with a newline after its start, and one spanning a space");
        assertTrue(toyBpe(random, "a\n").encodesInBlocks(), "cuts before spaces remain");
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
            SentencePieceTokenizer t = UnigramWordsPropertiesTest.randomModel(random, false);
            String text = UnigramWordsPropertiesTest.randomText(random, 3000 + random.nextInt(3000));
            assertBlocksChangeNothing(Variants.of(t), text, "random model " + m);
        }
    }

    @Test
    void modelsWhosePiecesSpanSpacesStayWhole() {
        assertFalse(UnigramWordsPropertiesTest.randomModel(new Random(1), true).encodesInBlocks(), "pieces end with ▁");
    }
}
