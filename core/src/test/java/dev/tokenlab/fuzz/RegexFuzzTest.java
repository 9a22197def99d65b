package dev.tokenlab.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tokenlab.regex.Regex;
import dev.tokenlab.regex.RegexPreTokenizer;
import dev.tokenlab.regex.RegexSyntaxException;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Coverage-guided fuzzing of core's regex engine with arbitrary patterns and texts (lone surrogates
 * included). The only exception allowed out is {@link RegexSyntaxException} from compiling; a
 * compiled pattern must search without failing and without hanging (Jazzer's timeout, and a generous
 * guard here: the texts are short and the search is linear), and its matches must be in order, not
 * overlapping, inside the haystack and on code point boundaries.
 *
 * <p>A normal build replays the seeds in {@code testdata/fuzz/RegexFuzzTestInputs}; fuzzing for real:
 * {@code JAZZER_FUZZ=1 mvn -o -pl core surefire:test -Dtest=RegexFuzzTest#patternAndText}.
 */
class RegexFuzzTest {
    /** Building blocks for {@link #patternFromPieces}: more likely than raw bytes to form a valid, deep pattern. */
    private static final String[] PIECES = {
        "a", "b", "A", " ", "\\n", "1", "\u4E2D", "\uD83D\uDE00", "'", "(", ")", "(?:", "(?=", "(?!", "(?<=", "(?<!",
        "(?>", "(?i)", "(?i:", "|", "*", "+", "?", "*?", "+?", "??", "*+", "++", "?+", "{2}", "{0,3}", "{2,}", "{,2}",
        "[", "]", "[^", "-", "&&", "\\p{L}", "\\P{N}", "\\p{Lu}", "\\s", "\\S", "\\w", "\\W", "\\d", ".", "^", "$",
        "\\b", "\\B", "\\A", "\\z", "\\Z", "\\x{1F600}", "\\u00E9", "\\\\", "\\.", "{", "}",
    };
    private static final int[] TEXT = {'a', 'b', 'A', ' ', '\n', '\r', '1', '\'', 's', 0x4E2D, 0x1F600, 0xD800, 0xDC00, 0x0301};

    /** The pattern (UTF-8) up to a zero byte, then the text: UTF-8, or UTF-16BE after a leading 0xFF byte. */
    @FuzzTest(maxDuration = "10s")
    void patternAndText(byte[] data) {
        int zero = 0;
        while (zero < data.length && data[zero] != 0) {
            zero++;
        }
        String pattern = new String(data, 0, zero, StandardCharsets.UTF_8);
        String text = "";
        if (zero + 1 < data.length) {
            if (data[zero + 1] == (byte) 0xFF) {
                text = ByteBuffer.wrap(data, zero + 2, (data.length - zero - 2) & ~1).asCharBuffer().toString();
            } else {
                text = new String(data, zero + 1, data.length - zero - 1, StandardCharsets.UTF_8);
            }
        }
        check(pattern, text);
    }

    @FuzzTest(maxDuration = "10s")
    void patternFromPieces(FuzzedDataProvider data) {
        StringBuilder pattern = new StringBuilder();
        int pieces = data.consumeInt(1, 30);
        for (int i = 0; i < pieces; i++) {
            pattern.append(PIECES[data.consumeInt(0, PIECES.length - 1)]);
        }
        StringBuilder text = new StringBuilder();
        int length = data.consumeInt(0, 300);
        for (int i = 0; i < length && data.remainingBytes() > 0; i++) {
            text.appendCodePoint(TEXT[data.consumeInt(0, TEXT.length - 1)]);
        }
        check(pattern.toString(), text.toString());
    }

    private static void check(String pattern, String text) {
        Regex regex;
        try {
            regex = Regex.compile(pattern);
        } catch (RegexSyntaxException expected) {
            assertTrue(!expected.getMessage().contains("\n"), "one line");
            return;
        }
        long start = System.nanoTime();
        List<Regex.Match> all = regex.findAll(text);
        checkMatches(text, 0, text.length(), all);
        Optional<Regex.Match> first = regex.find(text);
        assertEquals(all.isEmpty() ? Optional.empty() : Optional.of(all.get(0)), first, "find is the first of findAll");

        // A haystack inside the text: matches stay within it.
        int from = text.length() / 3;
        int to = text.length() - text.length() / 4;
        List<Regex.Match> inside = new ArrayList<>();
        regex.findAll(text, from, to, (s, e) -> inside.add(new Regex.Match(s, e)));
        checkMatches(text, from, to, inside);

        List<int[]> pieces = new ArrayList<>();
        new RegexPreTokenizer(pattern).split(text, 0, text.length(), (s, e) -> pieces.add(new int[] {s, e}));
        assertEquals(all.stream().filter(m -> m.end() > m.start()).count(), pieces.size(), "pieces are the non-empty matches");
        assertTrue(System.nanoTime() - start < 10_000_000_000L, "a hang: short texts take microseconds");
    }

    private static void checkMatches(String text, int from, int to, List<Regex.Match> matches) {
        int last = from;
        boolean any = false;
        for (Regex.Match m : matches) {
            assertTrue(m.start() >= last && m.end() >= m.start() && m.end() <= to, () -> "out of order or bounds: " + matches);
            assertTrue(!(any && m.start() == m.end() && m.start() == last), () -> "an empty match where one ended: " + matches);
            assertTrue(onBoundary(text, m.start(), from, to) && onBoundary(text, m.end(), from, to),
                    () -> "inside a surrogate pair: " + m);
            any = true;
            last = m.end();
        }
    }

    private static boolean onBoundary(String text, int i, int from, int to) {
        return i <= from || i >= to
                || !(Character.isLowSurrogate(text.charAt(i)) && Character.isHighSurrogate(text.charAt(i - 1)));
    }
}
