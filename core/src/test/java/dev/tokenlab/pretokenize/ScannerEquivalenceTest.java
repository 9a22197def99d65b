package dev.tokenlab.pretokenize;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each hand-written scanner splits exactly as {@code java.util.regex} does with its pattern
 * (compiled with UNICODE_CHARACTER_CLASS). The regex uses the JVM's Unicode tables and the scanners
 * use Unicode 16.0, so inputs are drawn only from code points both classify alike; the characters
 * they disagree on are covered by the golden files, which come from tiktoken itself.
 */
class ScannerEquivalenceTest {

    record Pair(String name, PreTokenizer scanner, RegexPreTokenizer regex) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Pair> scanners() {
        return Stream.of(
                new Pair("llama3", Cl100kScanner.LLAMA3, new RegexPreTokenizer(Cl100kScanner.LLAMA3_PATTERN)),
                new Pair("cl100k_base", Cl100kScanner.CL100K, new RegexPreTokenizer(Cl100kScanner.CL100K_PATTERN)),
                new Pair("qwen", Cl100kScanner.QWEN, new RegexPreTokenizer(Cl100kScanner.QWEN_PATTERN)),
                new Pair("o200k_base", O200kScanner.INSTANCE, new RegexPreTokenizer(O200kScanner.PATTERN)),
                new Pair("r50k_base", Gpt2Scanner.INSTANCE, new RegexPreTokenizer(Gpt2Scanner.PATTERN)));
    }

    /** Code points chosen to hit every branch: cases, marks, numbers, spaces, newlines, apostrophes, surrogates. */
    private static final int[] ALPHABET = {
        'a', 'b', 's', 't', 'm', 'd', 'r', 'e', 'v', 'l', 'S', 'T', 'M', 'D', 'R', 'E', 'V', 'L', 'A', 'Z',
        '\'', '\'', '\'', '0', '1', '9', ' ', ' ', ' ', ' ', '\t', '\n', '\r', '\u000B', '\u000C', '.', ',', '!', '/', '/',
        '-', '(', ')', '"', '#', '\u017F', '\u00A0', '\u3000', '\u0085', '\u2028', '\u2003', '\u0301', '\u0308', '\u20E3',
        '\u0903', '\u02B0', '\u01C5', '\u4E00', '\u3042', '\u00E9', '\u00C9', '\u00DF', '\u0661', '\u00BD', '\u2167',
        '\u00B2', '\uFEFF', '\u200B', '\u200D', '\uFFFD', '\u0000', '\u001F', '\u2019', '\uD800', '\uDC00',
        0x1F600, 0x1D400, 0x1D41A, 0x1D7CE, 0x20000, 0x1F3FD, 0xE0100,
    };

    @ParameterizedTest
    @MethodSource("scanners")
    void randomStringsSplitAsTheRegexDoes(Pair pair) {
        Random random = new Random(20261127);
        for (int n = 0; n < 30_000; n++) {
            StringBuilder sb = new StringBuilder();
            int length = random.nextInt(14);
            for (int k = 0; k < length; k++) {
                sb.appendCodePoint(ALPHABET[random.nextInt(ALPHABET.length)]);
            }
            assertSameSplit(pair, sb.toString());
        }
    }

    @ParameterizedTest
    @MethodSource("scanners")
    void everyCodePointInEveryContextSplitsAsTheRegexDoes(Pair pair) {
        String[][] contexts = {{"", ""}, {"a", "b"}, {" ", "'s"}, {"A", "a"}, {"1", "2"}, {"\n", " x"}, {" ", " "}, {"'", "."}};
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp += cp < 0x30000 ? 1 : 97) {
            if (!jvmAgrees(cp)) {
                continue;
            }
            String c = new String(Character.toChars(cp));
            for (String[] ctx : contexts) {
                assertSameSplit(pair, ctx[0] + c + ctx[1]);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("scanners")
    void realProseAndCodeSplitAsTheRegexDoes(Pair pair) {
        for (String text : List.of(
                "It's   a  test.\n\n  Don't PANIC!!!\r\n\tWe'LL see 12345 apples//and JSONParser's iPhone.",
                "public static void main(String[] args) {\n    return a->b; // done\n}\n\n\n   ",
                "吾輩は猫である。名前はまだ無い。 \u3000 Ελληνικά 123 ١٢٣ naïve café\u0301   \n ")) {
            assertSameSplit(pair, text);
        }
    }

    /** Whether the JVM's Unicode tables classify {@code cp} as the bundled Unicode 16.0 tables do. */
    static boolean jvmAgrees(int cp) {
        return Character.getType(cp) == UnicodeCategories.category(cp);
    }

    private static void assertSameSplit(Pair pair, String text) {
        List<String> expected = pieces(pair.regex(), text);
        List<String> actual = pieces(pair.scanner(), text);
        assertEquals(expected, actual, () -> pair.name() + " on " + dev.tokenlab.testing.EdgeCases.escape(text));
        assertTrue(String.join("", actual).equals(text), "pieces must cover the text");
    }

    static List<String> pieces(PreTokenizer p, String text) {
        List<String> out = new ArrayList<>();
        p.split(text, 0, text.length(), (s, e) -> out.add(text.substring(s, e)));
        return out;
    }
}
