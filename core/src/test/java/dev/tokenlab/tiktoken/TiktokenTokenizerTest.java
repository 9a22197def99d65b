package dev.tokenlab.tiktoken;

import dev.tokenlab.Decoded;
import dev.tokenlab.SpecialTokenException;
import dev.tokenlab.SpecialTokens;
import dev.tokenlab.TokenSpan;
import dev.tokenlab.Tokenizer;
import dev.tokenlab.TokenizerException;
import dev.tokenlab.TokenizerOptions;
import dev.tokenlab.Tokenizers;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TiktokenTokenizerTest {
    private final Tokenizer llama3 = Tokenizers.get("llama3");

    @Test
    void unhappinessSplitsAsMetasTokenizerSplitsIt() {
        assertArrayEquals(new int[] {359, 71, 67391}, llama3.encode("unhappiness"));
        assertEquals(List.of("un", "h", "appiness"), llama3.tokenize("unhappiness").stream().map(TokenSpan::text).toList());
    }

    @Test
    void aliasesShareOneTokenizer() {
        assertSame(llama3, Tokenizers.get("llama3.1"));
        assertSame(llama3, Tokenizers.get("LLAMA3.3"));
        assertEquals("llama3", Tokenizers.canonicalName("llama3.2"));
        assertEquals(128_256, llama3.vocabularySize());
    }

    @Test
    void specialTokensAreNumberedAsInMetasTokenizer() {
        assertEquals(128000, llama3.specialTokens().get("<|begin_of_text|>"));
        assertEquals(128001, llama3.specialTokens().get("<|end_of_text|>"));
        assertEquals(128004, llama3.specialTokens().get("<|finetune_right_pad_id|>"));
        assertEquals(128005, llama3.specialTokens().get("<|step_id|>"));
        assertEquals(128008, llama3.specialTokens().get("<|eom_id|>"));
        assertEquals(128009, llama3.specialTokens().get("<|eot_id|>"));
        assertEquals(128010, llama3.specialTokens().get("<|python_tag|>"));
        assertEquals(128011, llama3.specialTokens().get("<|image|>"));
        assertEquals(128012, llama3.specialTokens().get("<|reserved_special_token_2|>"));
        assertEquals(128255, llama3.specialTokens().get("<|reserved_special_token_245|>"));
        assertEquals(256, llama3.specialTokens().size());
        assertEquals(128000, llama3.bosId().getAsInt());
        assertEquals(128001, llama3.eosId().getAsInt());
        assertTrue(llama3.isSpecial(128009));
        assertFalse(llama3.isSpecial(127999));
    }

    @Test
    void specialTokenTextIsOrdinaryTextByDefault() {
        assertArrayEquals(new int[] {27, 91, 68, 354, 851, 91, 29}, llama3.encode("<|eot_id|>"));
        assertArrayEquals(new int[] {27, 91, 68, 354, 851, 91, 29}, llama3.encode("<|eot_id|>", SpecialTokens.asText()));
    }

    @Test
    void allowedSpecialTokensBecomeTheirIds() {
        assertArrayEquals(new int[] {128009}, llama3.encode("<|eot_id|>", SpecialTokens.allowAll()));
        assertArrayEquals(new int[] {128009, 27, 91, 408, 3659, 4424, 91, 29},
                llama3.encode("<|eot_id|><|end_of_text|>", SpecialTokens.allow(Set.of("<|eot_id|>"))));
        assertArrayEquals(new int[] {46864, 220, 128009, 1457},
                llama3.encode("Say <|eot_id|> now", SpecialTokens.allowAll()));
    }

    @Test
    void disallowedSpecialTokensFailWithTheTokenAndItsOffset() {
        SpecialTokenException e = assertThrows(SpecialTokenException.class,
                () -> llama3.encode("héllo <|eot_id|>", SpecialTokens.disallowAll()));
        assertEquals("<|eot_id|>", e.token());
        assertEquals(6, e.charOffset());
        assertEquals("input contains the special token <|eot_id|> at character 6, which is disallowed", e.getMessage());
        // The leftmost disallowed token is reported, even after an allowed one.
        SpecialTokenException second = assertThrows(SpecialTokenException.class, () -> llama3.encode(
                "<|eot_id|> <|python_tag|>", SpecialTokens.allowOnly(Set.of("<|eot_id|>"))));
        assertEquals("<|python_tag|>", second.token());
        assertEquals(11, second.charOffset());
        assertArrayEquals(new int[] {27, 91, 68, 354, 851, 91, 29},
                llama3.encode("<|eot_id|>", SpecialTokens.disallow(Set.of("<|python_tag|>"))));
    }

    @Test
    void loneSurrogatesAreEncodedAsTheReplacementCharacter() {
        assertArrayEquals(llama3.encode("a\uFFFDb"), llama3.encode("a\uD800b"));
        assertArrayEquals(llama3.encode("\uFFFD\uFFFD"), llama3.encode("\uDC00\uD800"));
        assertArrayEquals(llama3.encode("x\uFFFD"), llama3.encode("x\uD83D"));
        assertArrayEquals("a\uFFFDb".getBytes(StandardCharsets.UTF_8), llama3.decodeBytes(llama3.encode("a\uD800b")));
    }

    @Test
    void decodeSaysWhenItIsLossy() {
        int[] emoji = llama3.encode("😀");
        assertEquals(2, emoji.length);
        Decoded whole = llama3.decodeChecked(emoji);
        assertEquals(new Decoded("😀", true, 0), whole);
        Decoded half = llama3.decodeChecked(new int[] {emoji[0]});
        assertEquals(new Decoded("\uFFFD", false, 1), half);
        assertArrayEquals(new byte[] {(byte) 0xF0, (byte) 0x9F, (byte) 0x98}, llama3.decodeBytes(new int[] {emoji[0]}));
        assertEquals("<|eot_id|>", llama3.decode(new int[] {128009}));
    }

    @Test
    void unknownIdsAreErrors() {
        TokenizerException e = assertThrows(TokenizerException.class, () -> llama3.decode(new int[] {9906, 128256}));
        assertEquals("id 128256 is not in the vocabulary of llama3 (valid ids are 0..128255)", e.getMessage());
        assertThrows(TokenizerException.class, () -> llama3.tokenBytes(-1));
    }

    @Test
    void spansCoverTheTextWithCharacterOffsets() {
        String text = "Hi😀! naïve\n\n";
        List<TokenSpan> spans = llama3.tokenize(text);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        int covered = 0;
        for (TokenSpan s : spans) {
            bytes.writeBytes(s.bytes());
            assertTrue(s.charStart() <= covered && s.charEnd() > s.charStart(), s::toString);
            covered = Math.max(covered, s.charEnd());
        }
        assertEquals(text.length(), covered);
        assertArrayEquals(text.getBytes(StandardCharsets.UTF_8), bytes.toByteArray());
        TokenSpan firstHalf = spans.stream().filter(TokenSpan::isPartialCharacter).findFirst().orElseThrow();
        assertEquals("😀", text.substring(firstHalf.charStart(), firstHalf.charEnd()));
    }

    @Test
    void specialSpansAreMarked() {
        List<TokenSpan> spans = llama3.tokenize("a<|eot_id|>", SpecialTokens.allowAll());
        assertEquals(2, spans.size());
        assertTrue(spans.get(1).special());
        assertEquals(1, spans.get(1).charStart());
        assertEquals(11, spans.get(1).charEnd());
    }

    @Test
    void aSinkCanStopEarly() {
        int[] seen = {0};
        llama3.encode("one two three four five", SpecialTokens.asText(), (id, s, e) -> ++seen[0] < 2);
        assertEquals(2, seen[0]);
    }

    @Test
    void metaSplitCutsRunsLongerThan25000Characters() {
        Tokenizer plain = llama3;
        Tokenizer meta = Tokenizers.get("llama3", TokenizerOptions.defaults().metaSplit(true));
        assertSame(plain, Tokenizers.get("llama3", TokenizerOptions.defaults().metaSplit(false)));
        assertTrue(((TiktokenTokenizer) meta).metaSplit());
        String shortText = "Hello world, nothing long here.";
        assertArrayEquals(plain.encode(shortText), meta.encode(shortText));

        String run = "ab".repeat(15_000); // 30,000 non-space characters: Meta cuts after 25,000
        int[] split = meta.encode(run);
        int[] expected = concat(plain.encode(run.substring(0, 25_000)), plain.encode(run.substring(25_000)));
        assertArrayEquals(expected, split);
        assertNotEquals(plain.encode(run).length, 0);
        assertEquals(run, meta.decode(split));

        String spaces = "x" + " ".repeat(25_001) + "y"; // the space run is cut too
        assertArrayEquals(concat(plain.encode(spaces.substring(0, 25_001)), plain.encode(spaces.substring(25_001))),
                meta.encode(spaces));
    }

    @Test
    void metaSplitCountsCodePointsAsPythonDoes() {
        Tokenizer meta = Tokenizers.get("llama3", TokenizerOptions.defaults().metaSplit(true));
        String run = "😀".repeat(25_001); // 25,001 code points, 50,002 chars
        int[] expected = concat(llama3.encode("😀".repeat(25_000)), llama3.encode("😀"));
        assertArrayEquals(expected, meta.encode(run));
        assertEquals(expected.length, meta.count(run));
    }

    @Test
    void openAiEncodingsHaveTheirSpecialTokens() {
        Tokenizer cl100k = Tokenizers.get("cl100k_base");
        assertArrayEquals(new int[] {100257}, cl100k.encode("<|endoftext|>", SpecialTokens.allowAll()));
        assertEquals(100277, cl100k.vocabularySize());
        assertTrue(cl100k.bosId().isEmpty());
        assertEquals(100257, cl100k.eosId().getAsInt());
        Tokenizer p50k = Tokenizers.get("p50k_base");
        assertEquals(50281, p50k.vocabularySize());
        assertArrayEquals(new int[] {50256}, p50k.encode("<|endoftext|>", SpecialTokens.allowAll()));
        assertEquals(200019, Tokenizers.get("gpt-4o").vocabularySize());
    }

    @Test
    void hugeInputIsEncodedInOnePass() {
        String text = "The quick brown fox jumps over the lazy dog. ".repeat(200_000); // 9 MB
        assertEquals(llama3.encode(text).length, llama3.count(text));
        assertEquals(2_000_001, llama3.count(text)); // 10 per sentence, and the final space
    }

    private static int[] concat(int[] a, int[] b) {
        int[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
