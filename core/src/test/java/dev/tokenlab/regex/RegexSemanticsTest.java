package dev.tokenlab.regex;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Leftmost-first semantics on small cases written by hand: preference among alternatives and
 * quantifiers, {@code find_iter}'s empty-match rules, haystack bounds, code points and surrogates,
 * case folding and the Unicode meaning of the class escapes.
 */
class RegexSemanticsTest {

    /** Matches as "start-end" pairs. */
    private static String all(String pattern, String text) {
        return JavaRegex.show(JavaRegex.findAll(Regex.compile(pattern), text));
    }

    @ParameterizedTest(name = "/{0}/ on \"{1}\" → {2}")
    @CsvSource(delimiter = ';', value = {
        // alternatives in order, quantifiers greedy / lazy / possessive, atomic groups
        "a|ab; ab; [0-1]",
        "ab|a; ab; [0-2]",
        "a+?; aaa; [0-1, 1-2, 2-3]",
        "a*+a; aaa; []",
        "a?+a; a; []",
        "(?>a|ab)c; abc; []",
        "(?>ab|a)c; abc; [0-3]",
        "(?:ab|a)*+b; abab; [1-2, 3-4]",
        "(?:a|ab)++c; ababc; []",
        "\\p{N}{1,3}+\\p{N}; 1234; [0-4]",
        "x{2,3}?; xxxxx; [0-2, 2-4]",
        // find_iter: an empty match moves on one code point, and none right after a match
        "a*; baa; [0-0, 1-3]",
        "'';ab; [0-0, 1-1, 2-2]",
        "x*; \uD83D\uDE00; [0-0, 2-2]",
        "\\b; ab cd; [0-0, 2-2, 3-3, 5-5]",
        // anchors: the haystack's start and end ($ is the end, as in Rust)
        "^a|a$; aaa; [0-1, 2-3]",
        "a$; 'a\n'; []",
        "a\\Z; 'a\n'; [0-1]",
        "\\Aa; aa; [0-1]",
        // lookarounds
        "\\s+(?!\\S)|\\s+; a   b; [1-3, 3-4]",
        "(?<=a)b; abcb; [1-2]",
        "(?<!a)b; abcb; [3-4]",
        "(?<=ab|c)d; abdcdxd; [2-3, 4-5]",
        "(?=(?:a|b)*c)a; aabac; [0-1, 1-2, 3-4]",
        "(?<=\\p{L}{2})\\p{N}; ab1c2; [2-3]",
        // empty checks: an iteration that consumed nothing ends the loop
        "(?:|a)*b; aab; [0-3]",
        "(?:a|)*b; aab; [0-3]",
        "(?:a?){3}b; ab; [0-2]",
        // case-insensitivity is scoped and keeps the alternation's shape
        "a(?i)b|c; aB C c; [0-2, 3-4, 5-6]",
        "(?i:a)b; AB Ab ab; [3-5, 6-8]",
        // classes
        "[\\p{L}&&[^a-z]]+; abCDe; [2-4]",
        "[^\\n]+; 'a\nb'; [0-1, 2-3]",
        ".+; 'a\nb'; [0-1, 2-3]",
    })
    void matches(String pattern, String text, String expected) {
        assertEquals(expected, all(pattern, text));
    }

    @Test
    void theJavadocExamplesHold() {
        assertEquals("[Match[start=0, end=3], Match[start=4, end=7], Match[start=7, end=9]]",
                Regex.compile("\\p{L}+|\\p{N}{1,3}").findAll("abc 12345").toString());
        assertEquals("Optional[Match[start=0, end=2]]",
                Regex.compile("\\p{L}+").find(Character.toString(0x31350) + "!").toString());
        assertEquals("Optional[Match[start=2, end=3]]", Regex.compile("a+|b").find("xxbaa").toString());
        assertEquals("[Match[start=0, end=0], Match[start=1, end=3]]", Regex.compile("a*").findAll("baa").toString());
    }

    @Test
    void theHaystackIsFromTo() {
        String text = "xxab cdyy";
        Regex regex = Regex.compile("^\\w+|\\w+$|(?<=a)b|c(?=d)");
        List<String> found = new ArrayList<>();
        regex.findAll(text, 2, 7, (s, e) -> found.add(s + "-" + e));
        assertEquals(List.of("2-4", "5-7"), found, "^ and $ are from and to; the lookarounds see only the haystack");
        assertEquals("Optional[Match[start=5, end=6]]", Regex.compile("c(?=d)").find(text, 2, 7).toString());
        assertEquals("Optional.empty", Regex.compile("d(?=y)").find(text, 2, 7).toString(), "a lookahead does not see past to");
        assertEquals("Optional.empty", Regex.compile("(?<=x)a").find(text, 2, 7).toString(), "a lookbehind does not see before from");
        assertEquals("Optional[Match[start=2, end=2]]", Regex.compile("\\b").find(text, 2, 7).toString());
    }

    @Test
    void aSinkCanStopTheSearch() {
        List<Integer> starts = new ArrayList<>();
        assertFalse(Regex.compile("a").findAll("aaaa", 0, 4, (s, e) -> starts.add(s) && starts.size() < 2));
        assertEquals(List.of(0, 1), starts);
    }

    @Test
    void positionsAreUtf16AndCodePointsAreWhole() {
        String emoji = "\uD83D\uDE00";
        assertEquals("[0-2, 2-3]", all(".", emoji + "a"));
        assertEquals("[0-2]", all("[\uD83D\uDE00]", emoji));
        assertEquals("[0-2]", all("[\\x{1F600}-\\x{1F64F}]+", emoji));
        assertEquals("[]", all("\\x{D83D}", emoji), "half of a pair is not a code point of the text");
        assertEquals("[0-4]", all("\\P{L}+", emoji + emoji));
    }

    @Test
    void loneSurrogatesAreCodePointsThatNoLetterClassMatches() {
        String lone = "a\uD800b\uDC00";
        assertEquals("[0-1, 2-3]", all("\\p{L}+", lone));
        assertEquals("[1-2, 3-4]", all("\\p{Cs}", lone));
        assertEquals("[0-4]", all(".+", lone));
        assertEquals("[1-2, 3-4]", all("\\W", lone));
        assertEquals("[0-2]", all("a.", "a\uDC00\uD800"), "a low surrogate before a high one is no pair");
    }

    @Test
    void classEscapesHaveTheirUnicodeMeaning() {
        assertTrue(matchesWhole("\\s+", "\t\n\u000B\f\r \u0085\u00A0\u1680\u2000\u200A\u2028\u2029\u202F\u205F\u3000"));
        assertFalse(matchesWhole("\\s", "\u200B"), "ZERO WIDTH SPACE is not White_Space");
        assertFalse(matchesWhole("\\s", "\u001C"), "nor the information separators Python counts");
        assertTrue(matchesWhole("\\d+", "09\u0661\u0966\uD835\uDFCE"));
        assertFalse(matchesWhole("\\d", "\u00B2"), "superscript two is No, not Nd");
        assertFalse(matchesWhole("\\d", "\u2167"), "Roman numerals are Nl");
        assertTrue(matchesWhole("\\w+", "a\u00E9_\u0301\u2167\u24B6\u200C\u200D\u0661\u4E00\uD83C\uDD30"),
                "Alphabetic (Nl, circled letters), marks, Nd, Pc, Join_Control");
        assertFalse(matchesWhole("\\w", "-"));
        assertFalse(matchesWhole("\\w", "\u00B2"));
        assertTrue(matchesWhole("\\p{Lu}\\p{Ll}\\p{Lt}\\p{Lm}\\p{Lo}", "Aa\u01C5\u02B0\u4E00"));
        assertTrue(matchesWhole("\\p{Letter}\\p{Cased_Letter}\\p{Nd}\\p{Pc}\\p{Sc}\\p{Zs}\\p{Cf}", "aB1_$ \u200B"));
        assertTrue(matchesWhole("\\p{Any}\\p{ASCII}\\P{Assigned}", "\u0378a\u0378"));
    }

    private static boolean matchesWhole(String pattern, String text) {
        return Regex.compile("(?:" + pattern + ")$").find(text).map(m -> m.start() == 0).orElse(false);
    }

    @Test
    void caseFoldingIsUnicodeSimpleFolding() {
        assertEquals("[0-1, 1-2, 2-3]", all("(?i)s", "sS\u017F"), "long s folds to s");
        assertEquals("[0-1, 1-2, 2-3]", all("(?i)k", "kK\u212A"), "the Kelvin sign folds to k");
        assertEquals("[0-1, 1-2]", all("(?i)\u00DF", "\u00DF\u1E9E"), "sharp s and capital sharp s");
        assertEquals("[]", all("(?i)\u00DF", "ss"), "no multi-character folding");
        assertEquals("[0-1, 1-2]", all("(?i)i", "iI\u0130\u0131"), "no Turkic folding: dotted and dotless i stand alone");
        assertEquals("[0-1, 1-2, 2-3, 3-4]", all("(?i)\u03B8", "\u0398\u03B8\u03D1\u03F4"), "theta's four forms");
        assertEquals("[0-1, 1-2, 2-3]", all("(?i)[a-c]", "aBC"));
        assertEquals("[]", all("(?i)[^a]", "aA"), "folding happens before negation");
        assertEquals("[0-2]", all("(?i:'s|'t|'re|'ve|'m|'ll|'d)", "'\u017F"), "a contraction with a long s");
    }

    @Test
    void theCaseFoldingTableHoldsUnicode16Pairs() {
        assertEquals("16.0", CaseFolding.UNICODE_VERSION);
        assertArrayEquals(new int[] {'K', 'k', 0x212A}, CaseFolding.orbit('k'));
        assertArrayEquals(new int[] {'S', 's', 0x17F}, CaseFolding.orbit(0x17F));
        assertArrayEquals(new int[] {0x345, 0x399, 0x3B9, 0x1FBE}, CaseFolding.orbit(0x3B9));
        assertArrayEquals(new int[] {0x412, 0x432, 0x1C80}, CaseFolding.orbit(0x1C80));
        assertArrayEquals(new int[] {0x13A0, 0xAB70}, CaseFolding.orbit(0xAB70), "Cherokee");
        assertArrayEquals(new int[] {0x130}, CaseFolding.orbit(0x130));
        assertArrayEquals(new int[] {0x1C89, 0x1C8A}, CaseFolding.orbit(0x1C89), "Unicode 16 Cyrillic TJE");
        assertArrayEquals(new int[] {0x10D50, 0x10D70}, CaseFolding.orbit(0x10D70), "Unicode 16 Garay");
        assertArrayEquals(new int[] {0x10570, 0x10597}, CaseFolding.orbit(0x10570), "Unicode 14 Vithkuqi");
    }

    /** What the tokenizer.json direct path asks before it trusts a Split pattern (an empty match cuts in Hugging Face). */
    @Test
    void mayMatchEmptyIsTrueForEveryPatternThatCan() {
        for (String p : List.of("\\p{N}{0,3}", "a*", "(?:x|)", "(?=a)", "\\b", "^", "(?:ab)?", "a*b*")) {
            assertTrue(Regex.compile(p).mayMatchEmpty(), p);
            assertTrue(Regex.compile(p).findAll("").size() + Regex.compile(p).findAll("ab a").size() > 0, p);
        }
        for (String p : List.of("\\p{N}{1,3}", "a+", "(?:x|y)", "\\s+(?!\\S)|\\s+", "'s|'t| ?\\p{L}+| ?\\p{N}+")) {
            assertFalse(Regex.compile(p).mayMatchEmpty(), p);
        }
    }
}
