package dev.tokenlab.regex;

import dev.tokenlab.pretokenize.Cl100kScanner;
import dev.tokenlab.pretokenize.PreTokenizer;
import dev.tokenlab.pretokenize.UnicodeCategories;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Letters assigned after Unicode 13 are letters for the engine, as for the reference tokenizers,
 * while {@code java.util.regex} on a JVM that does not know them (Java 17) says they are not: the
 * reason core has its own engine.
 */
class UnicodeVersionTest {

    @ParameterizedTest(name = "U+{0}")
    @ValueSource(strings = {
        "31350", // CJK Unified Ideographs Extension H (Unicode 15)
        "2EBF0", // CJK Unified Ideographs Extension I (Unicode 15.1)
        "11F04", // Kawi letter A (Unicode 15)
        "10D50", // Garay capital letter A (Unicode 16)
        "10D70", // Garay small letter A (Unicode 16)
        "1C89",  // Cyrillic capital letter TJE (Unicode 16)
        "16D43", // Kirat Rai letter A (Unicode 16)
    })
    void lettersAddedAfterUnicode13AreLetters(String hex) {
        int cp = Integer.parseInt(hex, 16);
        String letter = Character.toString(cp);
        int category = UnicodeCategories.category(cp);
        assertTrue(category >= Character.UPPERCASE_LETTER && category <= Character.OTHER_LETTER, "a letter in Unicode 16.0");
        assertTrue(Regex.compile("^\\p{L}$").find(letter).isPresent());
        assertTrue(Regex.compile("^\\w$").find(letter).isPresent());
        assertTrue(Regex.compile("^[^\\P{L}]$").find(letter).isPresent());
        assertEquals(List.of("x" + letter + "y", " " + letter), pieces(new RegexPreTokenizer(Cl100kScanner.LLAMA3_PATTERN),
                "x" + letter + "y " + letter), "one word for Llama 3's pattern");

        assumeTrue(Character.getType(cp) == Character.UNASSIGNED, "this JVM knows U+" + hex);
        Pattern java = Pattern.compile("\\p{L}", Pattern.UNICODE_CHARACTER_CLASS);
        assertFalse(java.matcher(letter).matches(), "java.util.regex on this JVM does not see a letter");
        assertFalse(Pattern.compile("\\w", Pattern.UNICODE_CHARACTER_CLASS).matcher(letter).matches());
        assertEquals(List.of("x", letter + "y", " " + letter),
                javaPieces(Pattern.compile(Cl100kScanner.LLAMA3_PATTERN, Pattern.UNICODE_CHARACTER_CLASS), "x" + letter + "y " + letter),
                "so Llama 3's pattern splits the word elsewhere, and the ids would differ from the reference");
    }

    @ParameterizedTest(name = "U+{0}")
    @ValueSource(strings = {"10D50", "1C89", "10570"})
    void caseFoldingKnowsPairsAddedAfterUnicode13(String hex) {
        int upper = Integer.parseInt(hex, 16);
        int[] orbit = CaseFolding.orbit(upper);
        int lower = orbit[orbit.length - 1];
        assertEquals(2, orbit.length, "a case pair");
        assertTrue(Regex.compile("(?i)" + Character.toString(upper)).find(Character.toString(lower)).isPresent());
        assumeTrue(Character.getType(upper) == Character.UNASSIGNED, "this JVM knows U+" + hex);
        assertFalse(Pattern.compile(Character.toString(upper), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)
                .matcher(Character.toString(lower)).matches());
    }

    private static List<String> pieces(PreTokenizer p, String text) {
        List<String> out = new ArrayList<>();
        p.split(text, 0, text.length(), (s, e) -> out.add(text.substring(s, e)));
        return out;
    }

    private static List<String> javaPieces(Pattern p, String text) {
        List<String> out = new ArrayList<>();
        java.util.regex.Matcher m = p.matcher(text);
        while (m.find()) {
            out.add(text.substring(m.start(), m.end()));
        }
        return out;
    }
}
