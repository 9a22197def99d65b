package dev.tokenlab.regex;

import dev.tokenlab.pretokenize.UnicodeCategories;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reference for differential tests: {@code java.util.regex} driven the way Rust's {@code find_iter}
 * drives a regex, with the flags that give Java's classes their Unicode meaning
 * ({@code UNICODE_CHARACTER_CLASS}: {@code \s} White_Space, {@code \d} Nd, {@code \w} Alphabetic, M, Nd,
 * Pc, Join_Control), {@code .} excluding only {@code \n} ({@code UNIX_LINES}) and Unicode case folding
 * under {@code (?i)}. Java 17 knows Unicode 13, so comparisons must stay on code points where its
 * tables and the bundled Unicode 16.0 agree ({@link #agrees}).
 */
final class JavaRegex {
    private final Pattern pattern;

    JavaRegex(String javaPattern) {
        this.pattern = Pattern.compile(javaPattern,
                Pattern.UNICODE_CHARACTER_CLASS | Pattern.UNIX_LINES | Pattern.UNICODE_CASE);
    }

    /** Java's spelling of a pattern that uses only constructs both read alike, but {@code $} (Rust: the end). */
    static JavaRegex ofRustPattern(String rust) {
        StringBuilder sb = new StringBuilder(rust.length() + 8);
        int classDepth = 0;
        for (int i = 0; i < rust.length(); i++) {
            char c = rust.charAt(i);
            if (c == '\\' && i + 1 < rust.length()) {
                sb.append(c).append(rust.charAt(++i));
            } else if (c == '[') {
                classDepth++;
                sb.append(c);
            } else if (c == ']' && classDepth > 0) {
                classDepth--;
                sb.append(c);
            } else if (c == '$' && classDepth == 0) {
                sb.append("\\z");
            } else {
                sb.append(c);
            }
        }
        return new JavaRegex(sb.toString());
    }

    /** Thrown when Java's backtracking runs past its budget (it is exponential on some patterns). */
    static final class TooSlow extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooSlow() {
            super("java.util.regex backtracked too long", null, false, false);
        }
    }

    /** The text, counting reads: Java's matcher cannot be interrupted otherwise. */
    private static final class Budgeted implements CharSequence {
        private final String text;
        private long budget;

        Budgeted(String text, long budget) {
            this.text = text;
            this.budget = budget;
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public char charAt(int index) {
            if (--budget < 0) {
                throw new TooSlow();
            }
            return text.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return text.subSequence(start, end);
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /**
     * Matches as {@code [start, end]} pairs, in Rust's {@code find_iter} order and rules.
     *
     * @throws TooSlow if Java needs more than a few million character reads (exponential backtracking)
     */
    List<int[]> findAll(String text) {
        List<int[]> out = new ArrayList<>();
        Matcher m = pattern.matcher(new Budgeted(text, 5_000_000L + 100L * text.length()));
        int pos = 0;
        int lastEnd = -1;
        while (pos <= text.length() && m.find(pos)) {
            int s = m.start();
            int e = m.end();
            if (s > 0 && s < text.length() && Character.isLowSurrogate(text.charAt(s))
                    && Character.isHighSurrogate(text.charAt(s - 1))) {
                pos = s + 1; // Java tries starts inside a surrogate pair; Rust and Oniguruma have no such position
                continue;
            }
            if (s == e) {
                if (e != lastEnd) {
                    out.add(new int[] {s, e});
                }
                lastEnd = e;
                pos = e < text.length() ? e + Character.charCount(text.codePointAt(e)) : e + 1;
            } else {
                out.add(new int[] {s, e});
                lastEnd = e;
                pos = e;
            }
        }
        return out;
    }

    static List<int[]> findAll(Regex regex, String text) {
        List<int[]> out = new ArrayList<>();
        regex.findAll(text, 0, text.length(), (s, e) -> out.add(new int[] {s, e}));
        return out;
    }

    /** The engine's matches with the memo from the first step (the path long or hostile searches take). */
    static List<int[]> findAllMemoized(Regex regex, String text) {
        List<int[]> out = new ArrayList<>();
        regex.findAll(text, 0, text.length(), (s, e) -> out.add(new int[] {s, e}), true);
        return out;
    }

    static String show(List<int[]> matches) {
        StringBuilder sb = new StringBuilder("[");
        for (int[] m : matches) {
            if (sb.length() > 1) {
                sb.append(", ");
            }
            sb.append(m[0]).append('-').append(m[1]);
        }
        return sb.append(']').toString();
    }

    /**
     * Whether Java 17's tables classify {@code cp} as the bundled Unicode 16.0 tables do, for every
     * property these tests use (General_Category; White_Space and the rest of {@code \w} did not change).
     */
    static boolean agrees(int cp) {
        return Character.getType(cp) == UnicodeCategories.category(cp);
    }

    /** {@code text} with every code point Java classifies differently replaced by U+FFFD (So in both). */
    static String sanitize(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> sb.appendCodePoint(agrees(cp) ? cp : 0xFFFD));
        return sb.toString();
    }

    /** Escapes a string for messages. */
    static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c < 0x20 || c > 0x7E) {
                sb.append(String.format("\\u%04X", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
