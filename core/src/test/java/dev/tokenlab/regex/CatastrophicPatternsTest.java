package dev.tokenlab.regex;

import dev.tokenlab.pretokenize.Cl100kScanner;
import dev.tokenlab.pretokenize.O200kScanner;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Patterns that make backtracking engines take exponential (or quadratic) time, or overflow their
 * stack, finish on long hostile inputs. The timeout only guards against a hang, it is no speed
 * assertion: each case takes milliseconds, since the work is linear in the text.
 */
class CatastrophicPatternsTest {
    private static final int N = 50_000;

    static Stream<Arguments> cases() {
        String as = "a".repeat(N);
        String spaces = " ".repeat(N);
        return Stream.of(
                Arguments.of("(a+)+$", as + "b", 0),
                Arguments.of("^(a+)+$", as + "b", 0),
                Arguments.of("(a|aa)*b", as, 0),
                Arguments.of("(a|a)*b", as, 0),
                Arguments.of("(a*)*b", as, 0),
                Arguments.of("(?:a*?)*?b", as, 0),
                Arguments.of("(\\s*)*x", spaces, 0),
                Arguments.of("(x+x+)+y", "x".repeat(N), 0),
                Arguments.of("(.*)*z", as, 0),
                Arguments.of("(\\w+\\s?)*$", "ab ".repeat(N / 3) + "!", 1),
                Arguments.of("\\p{L}*\\p{L}*\\p{L}*x", as, 0),
                Arguments.of("(?:\\p{L}|\\p{Ll})*x", as, 0),
                Arguments.of("(?:a|b)*c", "ab".repeat(N / 2), 0),
                Arguments.of("(?=(a+))*b", as, 0),
                Arguments.of("(?:(?=a*b)a)+", as, 0),
                Arguments.of("(?:(?!a*b)a)+", as, 1),
                Arguments.of("(?:(?<=a{0,20})a)+c", as, 0),
                Arguments.of("(?>a+)+b", as, 0),
                Arguments.of("(?:(?>a|aa))*b", as, 0),
                Arguments.of("(?:a|aa)++b", as, 0),
                Arguments.of("(?:(?>a*)|b)*c", as, 0),
                Arguments.of("\\p{L}++x", as, 0),
                Arguments.of("(?:a|b)*", "ab".repeat(N / 2) + "c", 2),
                Arguments.of("\\s+(?!\\S)|\\s+", spaces, 1),
                Arguments.of(Cl100kScanner.LLAMA3_PATTERN, spaces + "x", 2),
                Arguments.of(Cl100kScanner.LLAMA3_PATTERN, "\n ".repeat(N / 2), 2),
                Arguments.of(Cl100kScanner.LLAMA3_PATTERN, as, 1),
                Arguments.of(Cl100kScanner.LLAMA3_PATTERN, "!".repeat(N), 1),
                Arguments.of(O200kScanner.PATTERN, "aA".repeat(N / 2), N / 2 + 1),
                Arguments.of(Cl100kScanner.CL100K_PATTERN, " \n".repeat(N / 2), 1));
    }

    @ParameterizedTest(name = "/{0}/")
    @MethodSource("cases")
    void finishesOnLongHostileInput(String pattern, String text, int matches) {
        Regex regex = Regex.compile(pattern);
        int found = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> regex.findAll(text).size(),
                "a hang: the search must be linear in the text");
        assertEquals(matches, found);
    }
}
