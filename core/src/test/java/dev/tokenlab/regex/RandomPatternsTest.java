package dev.tokenlab.regex;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import java.util.List;
import java.util.Random;
import java.util.regex.PatternSyntaxException;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Random patterns of the supported subset, on random strings over a small alphabet, find exactly the
 * matches {@code java.util.regex} finds (driven like Rust's {@code find_iter}; see {@link JavaRegex}),
 * both as a search normally runs (memo-less first) and with the memo from the first step.
 * Every character of the alphabet is one Java 17 and Unicode 16.0 classify alike, so the engines can
 * only differ in matching. Patterns Java refuses (a lookbehind it cannot bound) are skipped, and so
 * are texts on which Java backtracks exponentially.
 */
class RandomPatternsTest {

    @Property(tries = 3000)
    void randomPatternsMatchAsJavaDoes(@ForAll long seed) {
        Random random = new Random(seed);
        PatternGenerator gen = new PatternGenerator(random);
        PatternGenerator.Pair pattern = gen.pattern();
        JavaRegex java;
        try {
            java = new JavaRegex(pattern.java());
        } catch (PatternSyntaxException e) {
            return;
        }
        Regex ours = Regex.compile(pattern.ours());
        boolean lookbehind = pattern.ours().contains("(?<");
        for (int i = 0; i < 20; i++) {
            String text = gen.text(10, lookbehind);
            List<int[]> expected;
            try {
                expected = java.findAll(text);
            } catch (JavaRegex.TooSlow e) {
                continue; // java.util.regex is exponential here; ours is not (see CatastrophicPatternsTest)
            }
            List<int[]> actual = JavaRegex.findAll(ours, text);
            assertEquals(JavaRegex.show(expected), JavaRegex.show(actual),
                    () -> "/" + JavaRegex.escape(pattern.ours()) + "/ (Java: /" + JavaRegex.escape(pattern.java())
                            + "/) on \"" + JavaRegex.escape(text) + "\"");
            assertEquals(JavaRegex.show(expected), JavaRegex.show(JavaRegex.findAllMemoized(ours, text)),
                    () -> "memoized: /" + JavaRegex.escape(pattern.ours()) + "/ on \"" + JavaRegex.escape(text) + "\"");
        }
    }

    private static final String[] NULLABLE_ATOMS = {"a", "b", "a?", "b*", "", "a??", "(?=a)", "\\b", "(?!b)", "a*?"};
    private static final String[] QUANTIFIERS = {"*", "+", "?", "{2}", "{0,2}", "{1,3}", "{2,}", "*?", "+?", "??", "{1,2}?"};

    /**
     * Loops whose body can match empty, nested and counted, where backtracking engines need their empty
     * check: an iteration that consumed nothing ends the loop, as in Java.
     */
    @Property(tries = 3000)
    void loopsThatCanMatchEmptyEndAsJavasDo(@ForAll long seed) {
        Random random = new Random(seed);
        String pattern = nullable(random, 3);
        JavaRegex java;
        try {
            java = new JavaRegex(pattern);
        } catch (PatternSyntaxException e) {
            return;
        }
        Regex ours = Regex.compile(pattern);
        for (int i = 0; i < 10; i++) {
            StringBuilder sb = new StringBuilder();
            int length = random.nextInt(7);
            for (int k = 0; k < length; k++) {
                sb.append(random.nextBoolean() ? 'a' : 'b');
            }
            String text = sb.toString();
            List<int[]> expected;
            try {
                expected = java.findAll(text);
            } catch (JavaRegex.TooSlow e) {
                continue;
            }
            assertEquals(JavaRegex.show(expected), JavaRegex.show(JavaRegex.findAll(ours, text)),
                    () -> "/" + pattern + "/ on \"" + text + "\"");
            assertEquals(JavaRegex.show(expected), JavaRegex.show(JavaRegex.findAllMemoized(ours, text)),
                    () -> "memoized: /" + pattern + "/ on \"" + text + "\"");
        }
    }

    private static String nullable(Random random, int depth) {
        StringBuilder sb = new StringBuilder();
        int n = 1 + random.nextInt(2);
        for (int i = 0; i < n; i++) {
            if (depth > 0 && random.nextBoolean()) {
                String inner = nullable(random, depth - 1);
                if (random.nextInt(3) == 0) {
                    inner = inner + "|" + nullable(random, depth - 1);
                }
                sb.append("(?:").append(inner).append(')').append(QUANTIFIERS[random.nextInt(QUANTIFIERS.length)]);
            } else {
                sb.append(NULLABLE_ATOMS[random.nextInt(NULLABLE_ATOMS.length)]);
            }
        }
        return sb.toString();
    }
}
