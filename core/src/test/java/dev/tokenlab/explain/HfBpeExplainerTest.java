package dev.tokenlab.explain;

import dev.tokenlab.SpecialTokens;
import dev.tokenlab.TokenSpan;
import dev.tokenlab.Tokenizer;
import dev.tokenlab.TokenizerOptions;
import dev.tokenlab.Tokenizers;
import dev.tokenlab.hf.HfModels;
import dev.tokenlab.internal.Utf8;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Merge-rank traces of Hugging Face BPE models: a tiny inline tokenizer.json checked by hand (its ids
 * in the comments), then Llama 3 and Mistral in their tokenizer.json form (../shared, skipped without).
 */
class HfBpeExplainerTest {
    @TempDir
    Path dir;

    /**
     * A tiny char-level BPE with byte fallback. Ids: <unk>=0, <0xC3>=1, <0xA9>=2, a=3, b=4, c=5, ab=6,
     * bc=7, abc=8, ca=9; the added token [X] gets 10. Merges by rank: 0 "b c" → bc (7), 1 "a b" → ab (6),
     * 2 "a bc" → abc (8). "ca" is in the vocabulary, but no merge makes it.
     */
    private Tokenizer tiny(boolean ignoreMerges) throws IOException {
        String json = """
                {"version": "1.0", "truncation": null, "padding": null,
                 "added_tokens": [{"id": 10, "content": "[X]", "single_word": false, "lstrip": false, "rstrip": false,
                                   "normalized": false, "special": false}],
                 "normalizer": null, "pre_tokenizer": {"type": "WhitespaceSplit"}, "post_processor": null, "decoder": null,
                 "model": {"type": "BPE", "dropout": null, "unk_token": "<unk>", "continuing_subword_prefix": null,
                           "end_of_word_suffix": null, "fuse_unk": false, "byte_fallback": true, "ignore_merges": %s,
                           "vocab": {"<unk>": 0, "<0xC3>": 1, "<0xA9>": 2, "a": 3, "b": 4, "c": 5, "ab": 6, "bc": 7, "abc": 8, "ca": 9},
                           "merges": ["b c", "a b", "a bc"]}}
                """.formatted(ignoreMerges);
        Path folder = Files.createDirectories(dir.resolve("tiny-" + ignoreMerges));
        Files.writeString(folder.resolve("tokenizer.json"), json);
        return Tokenizers.load(folder);
    }

    private static BpeTrace explain(Tokenizer t, String text) {
        BpeTrace trace = (BpeTrace) Explainers.find(t).orElseThrow().explain(text);
        assertEquals(t.tokenize(text), trace.tokens(), text);
        return trace;
    }

    private static String merge(BpeTrace.Merge m) {
        return m.step() + ". " + Utf8.quote(m.left()) + "+" + Utf8.quote(m.right()) + " → " + Utf8.quote(m.result())
                + " (merge rank " + (int) m.priority() + ", id " + m.id() + ") at " + m.position();
    }

    private static List<String> merges(BpeTrace.Piece p) {
        return p.merges().stream().map(HfBpeExplainerTest::merge).toList();
    }

    private static List<Integer> ids(List<TokenSpan> tokens) {
        return tokens.stream().map(TokenSpan::id).toList();
    }

    @Test
    void theMergeListDecidesNotTheMergedId() throws IOException {
        BpeTrace t = explain(tiny(false), "abc");
        assertEquals(BpeTrace.MergeOrder.MERGE_RANK, t.order());
        assertEquals("merge rank", t.order().label());
        BpeTrace.Piece p = t.pieces().get(0);
        assertEquals(List.of(3, 4, 5), p.symbols().stream().map(BpeTrace.Symbol::id).toList()); // a b c
        // "b c" is listed first (rank 0), though "ab" has the lower id (6 < 7): tiktoken's rule would join a+b first
        assertEquals(List.of("1. \"b\"+\"c\" → \"bc\" (merge rank 0, id 7) at 1", "2. \"a\"+\"bc\" → \"abc\" (merge rank 2, id 8) at 0"),
                merges(p));
        assertEquals(List.of(8), ids(p.tokens()));
        assertFalse(p.takenWhole());
        assertEquals(PieceSource.MODEL, p.source());
    }

    @Test
    void equalPairsMergeLeftmostFirstAndUnlistedPairsNever() throws IOException {
        Tokenizer t = tiny(false);
        BpeTrace.Piece abab = explain(t, "abab").pieces().get(0);
        assertEquals(List.of("1. \"a\"+\"b\" → \"ab\" (merge rank 1, id 6) at 0", "2. \"a\"+\"b\" → \"ab\" (merge rank 1, id 6) at 1"),
                merges(abab));
        assertEquals(List.of(6, 6), ids(abab.tokens())); // "ab ab" is not listed
        BpeTrace.Piece cab = explain(t, "cab").pieces().get(0);
        assertEquals(List.of("1. \"a\"+\"b\" → \"ab\" (merge rank 1, id 6) at 1"), merges(cab)); // "c a" is not listed
        assertEquals(List.of(5, 6), ids(cab.tokens()));
        assertEquals(0, cab.tokens().get(0).charStart());
        assertEquals(1, cab.tokens().get(1).charStart());
        assertEquals(3, cab.tokens().get(1).charEnd());
    }

    @Test
    void ignoreMergesTakesAWordThatIsATokenWhole() throws IOException {
        BpeTrace.Piece merged = explain(tiny(false), "ca").pieces().get(0);
        assertEquals(List.of(), merges(merged));
        assertEquals(List.of(5, 3), ids(merged.tokens())); // c|a: no merge makes "ca"
        assertFalse(merged.takenWhole());
        BpeTrace.Piece whole = explain(tiny(true), "ca").pieces().get(0);
        assertTrue(whole.takenWhole());
        assertEquals(List.of(9), ids(whole.tokens()));
        assertEquals(2, whole.symbols().size()); // the symbols are still shown, for teaching
    }

    @Test
    void byteFallbackAndUnknownSymbolsStartBeforeAnyMerge() throws IOException {
        Tokenizer t = tiny(false);
        BpeTrace.Piece e = explain(t, "é").pieces().get(0);
        assertEquals(List.of(1, 2), e.symbols().stream().map(BpeTrace.Symbol::id).toList()); // <0xC3> <0xA9>
        assertEquals(List.of("<C3>", "<A9>"), e.symbols().stream().map(s -> Utf8.quote(s.bytes()).replace("\"", "")).toList());
        Fallback f = e.fallbacks().get(0);
        assertEquals(Fallback.Kind.BYTES, f.kind());
        assertEquals("é", f.text());
        assertEquals(0, f.position());
        assertEquals(List.of(1, 2), ids(f.tokens()));
        assertEquals(List.of(1, 2), ids(e.tokens()));

        BpeTrace.Piece x = explain(t, "axb").pieces().get(0);
        assertEquals(List.of(3, 0, 4), x.symbols().stream().map(BpeTrace.Symbol::id).toList()); // a <unk> b
        assertEquals(List.of(Fallback.Kind.UNKNOWN), x.fallbacks().stream().map(Fallback::kind).toList());
        assertEquals("x", x.fallbacks().get(0).text());
        assertEquals(List.of(0), ids(x.fallbacks().get(0).tokens()));
        assertEquals(1, x.fallbacks().get(0).position());
        assertEquals(List.of(3, 0, 4), ids(x.tokens())); // "a <unk>" is not listed: no merge
    }

    @Test
    void addedTokensArePiecesTakenAsTheyAre() throws IOException {
        BpeTrace t = explain(tiny(false), "ab[X]c abc");
        assertEquals(List.of("ab", "[X]", "c", "abc"), t.pieces().stream().map(BpeTrace.Piece::text).toList());
        assertEquals(List.of(PieceSource.MODEL, PieceSource.ADDED_TOKEN, PieceSource.MODEL, PieceSource.MODEL),
                t.pieces().stream().map(BpeTrace.Piece::source).toList());
        BpeTrace.Piece added = t.pieces().get(1);
        assertEquals(List.of(10), ids(added.tokens()));
        assertTrue(added.symbols().isEmpty() && added.merges().isEmpty() && added.takenWhole());
        assertEquals(2, added.charStart());
        assertEquals(5, added.charEnd());
        assertArrayEquals(new int[] {6, 10, 5, 8}, t.ids());
        assertEquals("ab[X]c abc", t.normalized());
        assertEquals(3, t.mergeCount());
    }

    @Test
    void pieceViewOfTheTinyModel() throws IOException {
        PieceView v = Explainers.pieces(tiny(false));
        assertEquals(PieceKind.UNKNOWN, v.kind(0));
        assertEquals(PieceKind.BYTE_FALLBACK, v.kind(1));
        assertEquals(PieceKind.ORDINARY, v.kind(6));
        assertEquals(PieceKind.ORDINARY, v.kind(10)); // [X] is added but not special
        assertEquals("<0xC3>", v.spelling(1).orElseThrow());
        assertEquals("[X]", v.spelling(10).orElseThrow());
    }

    // The shared tokenizer.json models (../shared)

    @Test
    void unhappinessOnLlama3InTokenizerJsonForm() {
        Tokenizer t = Tokenizers.load(HfModels.folder("llama3"));
        Explainer e = Explainers.find(t).orElseThrow();
        assertInstanceOf(HfBpeExplainer.class, e);
        assertTrue(e.algorithm().startsWith("byte-level BPE by merge rank: start from the piece's bytes"), e.algorithm());
        BpeTrace trace = explain(t, "unhappiness");
        BpeTrace.Piece p = trace.pieces().get(0);
        assertEquals(11, p.symbols().size());
        // the ranks are the merge list's; the ids are the tiktoken form's ranks (a merge-rank list converted from tiktoken)
        assertEquals(List.of(
                "1. \"i\"+\"n\" → \"in\" (merge rank 4, id 258) at 6",
                "2. \"e\"+\"s\" → \"es\" (merge rank 50, id 288) at 7",
                "3. \"u\"+\"n\" → \"un\" (merge rank 156, id 359) at 0",
                "4. \"a\"+\"p\" → \"ap\" (merge rank 205, id 391) at 2",
                "5. \"es\"+\"s\" → \"ess\" (merge rank 295, id 434) at 5",
                "6. \"ap\"+\"p\" → \"app\" (merge rank 797, id 680) at 2",
                "7. \"in\"+\"ess\" → \"iness\" (merge rank 3909, id 1918) at 3",
                "8. \"app\"+\"iness\" → \"appiness\" (merge rank 166550, id 67391) at 2"), merges(p));
        assertArrayEquals(new int[] {359, 71, 67391}, trace.ids());
        assertArrayEquals(Tokenizers.get("llama3").encode("unhappiness"), trace.ids());
        assertTrue(Explainers.pieces(t).spelling(359).isEmpty(), "byte-level: no spelling, show the bytes");
    }

    @Test
    void llama3TakesAWordThatIsATokenWholeAndFindsAllowedSpecials() {
        Tokenizer t = Tokenizers.load(HfModels.folder("llama3"), TokenizerOptions.defaults().specialTokens(SpecialTokens.allowAll()));
        BpeTrace trace = explain(t, "Hello world<|eot_id|>");
        assertEquals(List.of("Hello", " world", "<|eot_id|>"), trace.pieces().stream().map(BpeTrace.Piece::text).toList());
        assertTrue(trace.pieces().get(0).takenWhole()); // ignore_merges
        assertEquals(PieceSource.ADDED_TOKEN, trace.pieces().get(2).source());
        assertArrayEquals(new int[] {9906, 1917, 128009}, trace.ids());
        assertEquals(PieceKind.SPECIAL, Explainers.pieces(t).kind(128009));
        // under the default policy the special token's text is ordinary text
        BpeTrace plain = explain(Tokenizers.load(HfModels.folder("llama3")), "<|eot_id|>");
        assertTrue(plain.pieces().stream().allMatch(p -> p.source() == PieceSource.MODEL));
    }

    @Test
    void unhappinessOnMistral() {
        Tokenizer t = Tokenizers.load(HfModels.folder("mistral"));
        BpeTrace trace = explain(t, "unhappiness");
        assertEquals("▁unhappiness", trace.normalized());
        BpeTrace.Piece p = trace.pieces().get(0);
        assertEquals("unhappiness", p.text());
        assertEquals("▁unhappiness", new String(p.bytes(), java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(12, p.symbols().size());
        assertEquals(List.of(
                "1. \"i\"+\"n\" → \"in\" (merge rank 1, id 262) at 7",
                "2. \"e\"+\"s\" → \"es\" (merge rank 14, id 274) at 8",
                "3. \"▁\"+\"u\" → \"▁u\" (merge rank 82, id 332) at 0",
                "4. \"a\"+\"p\" → \"ap\" (merge rank 142, id 377) at 3",
                "5. \"es\"+\"s\" → \"ess\" (merge rank 191, id 409) at 6",
                "6. \"▁u\"+\"n\" → \"▁un\" (merge rank 387, id 521) at 0",
                "7. \"ap\"+\"p\" → \"app\" (merge rank 873, id 763) at 2",
                "8. \"in\"+\"ess\" → \"iness\" (merge rank 2546, id 1494) at 3",
                "9. \"▁un\"+\"h\" → \"▁unh\" (merge rank 43433, id 20581) at 0"), merges(p));
        assertArrayEquals(new int[] {20581, 763, 1494}, trace.ids());
        PieceView v = Explainers.pieces(t);
        assertEquals("▁unh", v.spelling(20581).orElseThrow());
    }

    @Test
    void mistralFallsBackToBytesForAnEmoji() {
        Tokenizer t = Tokenizers.load(HfModels.folder("mistral"));
        BpeTrace.Piece p = explain(t, "🦙").pieces().get(0);
        assertEquals(List.of(28705, 243, 162, 169, 156), p.symbols().stream().map(BpeTrace.Symbol::id).toList()); // ▁ <0xF0> <0x9F> <0xA6> <0x99>
        Fallback f = p.fallbacks().get(0);
        assertEquals(Fallback.Kind.BYTES, f.kind());
        assertEquals("🦙", f.text());
        assertEquals(1, f.position());
        assertEquals(List.of(243, 162, 169, 156), ids(f.tokens()));
        PieceView v = Explainers.pieces(t);
        assertEquals(PieceKind.BYTE_FALLBACK, v.kind(243));
        assertEquals("<0xF0>", v.spelling(243).orElseThrow());
        assertEquals(PieceKind.UNKNOWN, v.kind(0));
        assertEquals(PieceKind.SPECIAL, v.kind(1));
    }
}
