package dev.tokenlab.hf.normalizers;

import dev.tokenlab.hf.pipeline.NormalizedString;
import dev.tokenlab.hf.pipeline.Normalizer;
import dev.tokenlab.hf.pretokenizers.BertPreTokenizer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Unicode versions of BERT's components and of StripAccents and Lowercase, on the examples the reference
 * (tokenizers@0.23.2) was checked with: 8.0 categories for BertNormalizer and BertPreTokenizer, 9.0 marks for
 * StripAccents, 17.0 lowercase.
 */
class BertUnicodeVersionsTest {

    private static String run(Normalizer n, String s) {
        return n.normalize(NormalizedString.of(s, 0, s.length())).toString();
    }

    private static List<String> pieces(String s) {
        List<String> out = new ArrayList<>();
        new BertPreTokenizer().split(NormalizedString.of(s, 0, s.length()), p -> out.add(p.toString()));
        return out;
    }

    @Test
    void punctuationIsUnicodeEight() {
        // bert random-193: U+16E99 (Medefaidrin, 11.0) is Po today but unassigned in 8.0.
        assertEquals(List.of("a\uD81B\uDE99b"), pieces("a\uD81B\uDE99b"));
        assertEquals(List.of("a", "¿", "b", "«", "—", "֊"), pieces("a¿b«—֊"));
        assertEquals(List.of("a", "$", "+", "=", "^", "`", "|", "~"), pieces("a$+=^`|~"));
        assertEquals(List.of("a©b"), pieces("a©b"), "So is not punctuation");
        assertEquals(List.of("a\uD806\uDF00b"), pieces("a\uD806\uDF00b"), "U+11B00 (15.0)");
        assertTrue(BertPreTokenizer.isPunctuation(0x3002));
        assertFalse(BertPreTokenizer.isPunctuation(0x16E99));
        assertEquals(List.of("a", "b"), pieces("a\u3000b\u00A0"), "whitespace is White_Space");
    }

    @Test
    void cleanTextRemovesUnicodeEightControlFormatAndPrivateUse() {
        Normalizer clean = new BertNormalizer(true, false, false, false);
        assertEquals("xyz", run(clean, "\uE001x\uF8FEy\uDB80\uDC01z\uDBFF\uDFFD"), "private use, every plane");
        assertEquals("\u08E2a\u0890bc", run(clean, "\u08E2a\u0890b\uD82F\uDCA0c"), "U+08E2, U+0890 (Cf since 9.0, 14.0) stay; U+1BCA0 goes");
        assertEquals("a\u0378b", run(clean, "a\u0378\u200Bb"), "Cn stays, ZWSP (Cf) goes");
        assertEquals("a b c d", run(clean, "a\tb\nc\rd"));
        assertEquals("ab", run(clean, "a\u0000\uFFFDb"));
    }

    @Test
    void stripAccentsOfBertRemovesUnicodeEightNonSpacingMarksOnly() {
        Normalizer strip = new BertNormalizer(false, false, true, false);
        assertEquals("e", run(strip, "é"));
        assertEquals("\u0915\u0903\u20DD", run(strip, "\u0915\u0903\u20DD"), "Mc and Me stay");
        assertEquals("\u1100\u1161", run(strip, "가"), "Hangul stays decomposed");
        assertEquals("a\u1DF6", run(strip, "a\u1DF6\u0301"), "U+1DF6 (10.0) is no Mn in 8.0");
    }

    @Test
    void stripAccentsRemovesUnicodeNineMarks() {
        Normalizer strip = SimpleNormalizers.stripAccents();
        assertEquals("é", run(strip, "é"), "no decomposition first");
        assertEquals("e\u0915", run(strip, "e\u0301\u0915\u0903\u20DD"), "Mn, Mc and Me");
        assertEquals("a\u1DF6\uD806\uDD30", run(strip, "a\u1DF6\uD806\uDD30"), "marks of 10.0 and 13.0 stay");
        assertEquals("\uD83A\uDD00", run(strip, "\uD83A\uDD00\uD83A\uDD44"), "Adlam (9.0) mark goes");
    }

    @Test
    void lowercaseIsUnicodeSeventeen() {
        Normalizer lower = SimpleNormalizers.lowercase();
        assertEquals("i\u0307stanbul", run(lower, "İSTANBUL"));
        assertEquals("οδοσ", run(lower, "ΟΔΟΣ"));
        assertEquals("\u1C8A\u0264\uD803\uDD70\uD81B\uDEBB", run(lower, "\u1C89\uA7CB\uD803\uDD50\uD81B\uDEA0"));
        Normalizer bert = new BertNormalizer(false, false, false, true);
        assertEquals("\uA7CF", run(bert, "\uA7CE"));
    }
}
