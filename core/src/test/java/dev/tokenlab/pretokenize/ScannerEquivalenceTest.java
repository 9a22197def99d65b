package dev.tokenlab.pretokenize;

import dev.tokenlab.regex.RegexPreTokenizer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each hand-written scanner splits exactly as its pattern does: as core's regex engine
 * ({@link RegexPreTokenizer}, Unicode 16.0 like the scanners) on every input, including letters
 * assigned after Unicode 13; and as {@code java.util.regex} (compiled with UNICODE_CHARACTER_CLASS,
 * {@code +$} read as the end of the text) on the inputs whose code points Java 17's Unicode 13 tables
 * classify alike. The characters the JVM disagrees on are also covered by the golden files, which come
 * from tiktoken itself.
 */
class ScannerEquivalenceTest {

    record Triple(String name, PreTokenizer scanner, RegexPreTokenizer engine, Pattern java) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Triple> scanners() {
        return Stream.of(
                triple("llama3", Cl100kScanner.LLAMA3, Cl100kScanner.LLAMA3_PATTERN),
                triple("cl100k_base", Cl100kScanner.CL100K, Cl100kScanner.CL100K_PATTERN),
                triple("qwen", Cl100kScanner.QWEN, Cl100kScanner.QWEN_PATTERN),
                triple("o200k_base", O200kScanner.INSTANCE, O200kScanner.PATTERN),
                triple("r50k_base", Gpt2Scanner.INSTANCE, Gpt2Scanner.PATTERN),
                triple("deepseek-digits", DeepSeekScanner.DIGITS, DeepSeekScanner.DIGITS_PATTERN),
                triple("deepseek-cjk", DeepSeekScanner.CJK, DeepSeekScanner.CJK_PATTERN),
                triple("deepseek-words", DeepSeekScanner.WORDS, DeepSeekScanner.WORDS_PATTERN));
    }

    private static Triple triple(String name, PreTokenizer scanner, String pattern) {
        return new Triple(name, scanner, new RegexPreTokenizer(pattern),
                Pattern.compile(pattern.replace("+$", "+\\z"), Pattern.UNICODE_CHARACTER_CLASS));
    }

    /** Code points chosen to hit every branch: cases, marks, numbers, spaces, newlines, apostrophes, surrogates. */
    static final int[] ALPHABET = {
        'a', 'b', 's', 't', 'm', 'd', 'r', 'e', 'v', 'l', 'S', 'T', 'M', 'D', 'R', 'E', 'V', 'L', 'A', 'Z',
        '\'', '\'', '\'', '0', '1', '9', ' ', ' ', ' ', ' ', '\t', '\n', '\r', '\u000B', '\u000C', '.', ',', '!', '/', '/',
        '-', '(', ')', '"', '#', '\u017F', '\u00A0', '\u3000', '\u0085', '\u2028', '\u2003', '\u0301', '\u0308', '\u20E3',
        '\u0903', '\u02B0', '\u01C5', '\u4E00', '\u3042', '\u00E9', '\u00C9', '\u00DF', '\u0661', '\u00BD', '\u2167',
        '\u00B2', '\uFEFF', '\u200B', '\u200D', '\uFFFD', '\u0000', '\u001F', '\u2019', '\uD800', '\uDC00',
        '\u9FA5', '\u9FA6', '\u3040', '\u309F', '\u30A0', '\u30FF', '\u3100', '$', '+', '^', '~', '[', '\\', '`',
        0x1F600, 0x1D400, 0x1D41A, 0x1D7CE, 0x20000, 0x1F3FD, 0xE0100,
        // Assigned after Unicode 13 (Java 17 does not know them): CJK Ext. H, Kawi, Garay, a Cyrillic capital.
        0x31350, 0x11F04, 0x11F50, 0x10D50, 0x10D70, 0x10D40, 0x1C89,
    };

    @ParameterizedTest
    @MethodSource("scanners")
    void randomStringsSplitAsTheRegexDoes(Triple triple) {
        Random random = new Random(20261127);
        for (int n = 0; n < 30_000; n++) {
            StringBuilder sb = new StringBuilder();
            int length = random.nextInt(14);
            for (int k = 0; k < length; k++) {
                sb.appendCodePoint(ALPHABET[random.nextInt(ALPHABET.length)]);
            }
            assertSameSplit(triple, sb.toString());
        }
    }

    @ParameterizedTest
    @MethodSource("scanners")
    void everyCodePointInEveryContextSplitsAsTheRegexDoes(Triple triple) {
        String[][] contexts = {{"", ""}, {"a", "b"}, {" ", "'s"}, {"A", "a"}, {"1", "2"}, {"\n", " x"}, {" ", " "}, {"'", "."}};
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp += cp < 0x30000 ? 1 : 97) {
            String c = new String(Character.toChars(cp));
            for (String[] ctx : contexts) {
                assertSameSplit(triple, ctx[0] + c + ctx[1]);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("scanners")
    void realProseAndCodeSplitAsTheRegexDoes(Triple triple) {
        for (String text : List.of(
                "It's   a  test.\n\n  Don't PANIC!!!\r\n\tWe'LL see 12345 apples//and JSONParser's iPhone.",
                "public static void main(String[] args) {\n    return a->b; // done\n}\n\n\n   ",
                "吾輩は猫である。名前はまだ無い。 \u3000 Ελληνικά 123 ١٢٣ naïve café\u0301   \n ",
                "[Link](http://x.y/z?q=1&r=2) $HOME ^^ ~~ 中文字符和ひらがなカタカナ混ざり。ｶﾀｶﾅ 1234567 ٣٤٥٦\n\r\n!!\r\n",
                "\uD884\uDF50\uD884\uDF51 Kawi \uD807\uDF04\uD807\uDF05, Garay \uD803\uDD50\uD803\uDD70's")) {
            assertSameSplit(triple, text);
        }
    }

    /** Whether the JVM's Unicode tables classify {@code cp} as the bundled Unicode 16.0 tables do. */
    static boolean jvmAgrees(int cp) {
        return Character.getType(cp) == UnicodeCategories.category(cp);
    }

    private static void assertSameSplit(Triple triple, String text) {
        List<String> actual = pieces(triple.scanner(), text);
        List<String> engine = pieces(triple.engine(), text);
        assertEquals(engine, actual, () -> triple.name() + " (core's regex) on " + dev.tokenlab.testing.EdgeCases.escape(text));
        if (text.codePoints().allMatch(ScannerEquivalenceTest::jvmAgrees)) {
            assertEquals(javaPieces(triple.java(), text), actual,
                    () -> triple.name() + " (java.util.regex) on " + dev.tokenlab.testing.EdgeCases.escape(text));
        }
        if (!(triple.scanner() instanceof DeepSeekScanner)) {
            assertTrue(String.join("", actual).equals(text), "pieces must cover the text");
        }
    }

    static List<String> pieces(PreTokenizer p, String text) {
        List<String> out = new ArrayList<>();
        p.split(text, 0, text.length(), (s, e) -> out.add(text.substring(s, e)));
        return out;
    }

    private static List<String> javaPieces(Pattern pattern, String text) {
        List<String> out = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            if (m.end() > m.start()) {
                out.add(text.substring(m.start(), m.end()));
            }
        }
        return out;
    }
}
