package dev.tokenlab.explain;

import dev.tokenlab.Tokenizer;
import dev.tokenlab.Tokenizers;
import dev.tokenlab.hf.HfModels;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** WordPiece steps on BERT (all-MiniLM-L6-v2's tokenizer.json in ../shared; skipped without it). */
class WordPieceExplainerTest {
    private static Tokenizer bert;

    @BeforeAll
    static void load() {
        bert = Tokenizers.load(HfModels.folder("bert"));
    }

    private static WordPieceTrace explain(String text) {
        WordPieceTrace t = (WordPieceTrace) Explainers.find(bert).orElseThrow().explain(text);
        assertEquals(bert.tokenize(text), t.tokens(), text);
        return t;
    }

    private static List<String> steps(WordPieceTrace.Word w) {
        return w.steps().stream().map(s -> "at " + s.position() + " " + s.match() + " (" + s.id() + ") after " + s.longerTried()).toList();
    }

    @Test
    void unaffable() {
        WordPieceTrace t = explain("unaffable");
        assertEquals("##", t.prefix());
        assertEquals(100, t.maxInputCharsPerWord());
        WordPieceTrace.Word w = t.words().get(0);
        assertEquals(WordPieceTrace.Unknown.NONE, w.unknown());
        // this vocabulary has no "##aff": "una" (3 letters) first, after "unaffable" … "unaf" (6 longer ones) found nothing
        assertEquals(List.of("at 0 una (14477) after 6", "at 3 ##ffa (20961) after 3", "at 6 ##ble (3468) after 0"), steps(w));
        assertArrayEquals(new int[] {14477, 20961, 3468}, t.ids());
    }

    @Test
    void unhappiness() {
        WordPieceTrace.Word w = explain("unhappiness").words().get(0);
        assertEquals(List.of("at 0 un (4895) after 9", "at 2 ##ha (3270) after 7", "at 4 ##pp (9397) after 5", "at 6 ##iness (9961) after 0"),
                steps(w));
        assertEquals(List.of(2, 2, 2, 5), w.steps().stream().map(WordPieceTrace.Step::length).toList());
    }

    @Test
    void aWordOfMoreThan100CharactersIsUnknownWithoutASingleStep() {
        String word = "a".repeat(101);
        WordPieceTrace.Word w = explain(word).words().get(0);
        assertEquals(WordPieceTrace.Unknown.TOO_LONG, w.unknown());
        assertEquals(List.of(), w.steps());
        assertEquals(1, w.tokens().size());
        assertEquals(100, w.tokens().get(0).id()); // [UNK]
        assertEquals(0, w.tokens().get(0).charStart());
        assertEquals(101, w.tokens().get(0).charEnd());
        // 100 letters are tried
        assertEquals(WordPieceTrace.Unknown.NONE, explain("a".repeat(100)).words().get(0).unknown());
    }

    @Test
    void aPositionWhereNothingMatchesMakesTheWholeWordUnknown() {
        WordPieceTrace t = explain("Hello ☃x");
        assertEquals("hello ☃x", t.normalized());
        WordPieceTrace.Word w = t.words().get(1);
        assertEquals("☃x", w.word());
        assertEquals(WordPieceTrace.Unknown.NO_MATCH, w.unknown());
        assertEquals(List.of("at 0 null (-1) after 2"), steps(w));
        assertEquals(List.of(100), w.tokens().stream().map(s -> s.id()).toList());
    }

    @Test
    void theNormalizerAndPreTokenizerMakeTheWords() {
        WordPieceTrace t = explain("Héllo, WORLD!");
        assertEquals("hello, world!", t.normalized());
        assertEquals(List.of("hello", ",", "world", "!"), t.words().stream().map(WordPieceTrace.Word::word).toList());
        assertEquals(List.of("Héllo", ",", "WORLD", "!"), t.words().stream().map(WordPieceTrace.Word::text).toList());
        assertTrue(Explainers.find(bert).orElseThrow().algorithm().startsWith("WordPiece: from the start of each word take the longest"));
    }

    @Test
    void pieceView() {
        PieceView v = Explainers.pieces(bert);
        assertEquals(PieceKind.UNKNOWN, v.kind(100)); // [UNK] is a special added token too: unknown wins
        assertEquals(PieceKind.SPECIAL, v.kind(101)); // [CLS]
        assertEquals(PieceKind.ORDINARY, v.kind(2075));
        assertEquals("##ing", v.spelling(2075).orElseThrow());
        assertEquals("un", v.spelling(4895).orElseThrow());
    }
}
