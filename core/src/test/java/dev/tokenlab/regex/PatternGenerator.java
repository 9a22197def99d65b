package dev.tokenlab.regex;

import java.util.Random;

/**
 * Random patterns from a grammar of the supported subset, each in two spellings: ours, and Java's
 * for the same meaning ({@code $} as {@code \z}; a possessive repeat of a group as an atomic group
 * around the greedy repeat, since Java makes only each iteration atomic). Texts come from a small
 * alphabet (a, b, A, space, newline, a digit, a CJK letter and an emoji) so that the patterns match
 * often and in many ways.
 */
final class PatternGenerator {
    static final int[] TEXT_ALPHABET = {'a', 'b', 'A', ' ', '\n', '1', 0x4E2D, 0x1F600};

    private static final String[] LITERALS = {"a", "b", "A", " ", "\\n", "1", "\u4E2D", "\uD83D\uDE00", "a", "b"};
    private static final String[] CLASS_ITEMS = {"a", "b", "a-b", "A-Z", "\\s", "\\d", "\\w", "\\p{L}", "\\p{N}",
        "\\p{So}", "\u4E2D", "\uD83D\uDE00", "0-9", "\\n", " ", "\\S", "\\W", "\\p{Lu}"};
    private static final String[] ESCAPES = {"\\s", "\\S", "\\d", "\\D", "\\w", "\\W", "\\p{L}", "\\P{L}", "\\p{N}",
        "\\p{Lo}", "\\p{So}", "\\p{Ll}", "."};

    /** A pattern in both spellings; {@code single}: one code point; {@code bounded}: finite length. */
    record Pair(String ours, String java, boolean single, boolean bounded) {
    }

    private final Random random;

    PatternGenerator(Random random) {
        this.random = random;
    }

    Pair pattern() {
        return alternation(3, false);
    }

    /**
     * A random text; without the emoji when {@code bmpOnly} (Java measures a lookbehind's length in
     * UTF-16 units unless its body names a supplementary character, so it misses starts before one).
     */
    String text(int maxLength, boolean bmpOnly) {
        StringBuilder sb = new StringBuilder();
        int length = random.nextInt(maxLength + 1);
        int symbols = bmpOnly ? TEXT_ALPHABET.length - 1 : TEXT_ALPHABET.length;
        for (int i = 0; i < length; i++) {
            sb.appendCodePoint(TEXT_ALPHABET[random.nextInt(symbols)]);
        }
        return sb.toString();
    }

    private Pair alternation(int depth, boolean boundedOnly) {
        Pair p = concat(depth, boundedOnly);
        int more = random.nextInt(4) == 0 ? 1 + random.nextInt(2) : 0;
        for (int i = 0; i < more; i++) {
            Pair q = concat(depth, boundedOnly);
            p = new Pair(p.ours + "|" + q.ours, p.java + "|" + q.java, false, p.bounded && q.bounded);
        }
        return p;
    }

    private Pair concat(int depth, boolean boundedOnly) {
        int n = 1 + random.nextInt(3);
        Pair p = piece(depth, boundedOnly);
        for (int i = 1; i < n; i++) {
            Pair q = piece(depth, boundedOnly);
            p = new Pair(p.ours + q.ours, p.java + q.java, false, p.bounded && q.bounded);
        }
        return p;
    }

    private Pair piece(int depth, boolean boundedOnly) {
        int kind = random.nextInt(100);
        if (kind < 6) {
            return anchor();
        }
        if (kind < 11 && depth > 0) {
            return lookaround(depth);
        }
        Pair atom = atom(depth, boundedOnly);
        if (random.nextInt(3) != 0) {
            return atom;
        }
        int min;
        int max;
        String q;
        switch (random.nextInt(boundedOnly ? 3 : 6)) {
            case 0 -> {
                q = "?";
                min = 0;
                max = 1;
            }
            case 1 -> {
                min = random.nextInt(3);
                q = "{" + min + "}";
                max = min;
            }
            case 2 -> {
                min = random.nextInt(3);
                max = min + random.nextInt(3);
                q = "{" + min + "," + max + "}";
            }
            case 3 -> {
                q = "*";
                min = 0;
                max = -1;
            }
            case 4 -> {
                q = "+";
                min = 1;
                max = -1;
            }
            default -> {
                min = random.nextInt(3);
                q = "{" + min + ",}";
                max = -1;
            }
        }
        boolean bounded = atom.bounded && max >= 0;
        switch (random.nextInt(3)) {
            case 1:
                return new Pair(atom.ours + q + "?", atom.java + q + "?", false, bounded);
            case 2:
                String java = atom.single ? atom.java + q + "+" : "(?>" + atom.java + q + ")";
                return new Pair(atom.ours + q + "+", java, false, bounded);
            default:
                return new Pair(atom.ours + q, atom.java + q, false, bounded);
        }
    }

    private Pair atom(int depth, boolean boundedOnly) {
        int kind = random.nextInt(100);
        if (kind < 45 || depth == 0 && kind >= 80) {
            String s = LITERALS[random.nextInt(LITERALS.length)];
            return new Pair(s, s, true, true);
        }
        if (kind < 62) {
            StringBuilder sb = new StringBuilder("[");
            if (random.nextInt(3) == 0) {
                sb.append('^');
            }
            int n = 1 + random.nextInt(3);
            for (int i = 0; i < n; i++) {
                sb.append(CLASS_ITEMS[random.nextInt(CLASS_ITEMS.length)]);
            }
            String s = sb.append(']').toString();
            return new Pair(s, s, true, true);
        }
        if (kind < 80) {
            String s = ESCAPES[random.nextInt(ESCAPES.length)];
            return new Pair(s, s, true, true);
        }
        Pair body = alternation(depth - 1, boundedOnly);
        return switch (random.nextInt(5)) {
            case 0 -> new Pair("(" + body.ours + ")", "(" + body.java + ")", false, body.bounded);
            case 1 -> new Pair("(?>" + body.ours + ")", "(?>" + body.java + ")", false, body.bounded);
            case 2 -> new Pair("(?i:" + body.ours + ")", "(?i:" + body.java + ")", false, body.bounded);
            default -> new Pair("(?:" + body.ours + ")", "(?:" + body.java + ")", false, body.bounded);
        };
    }

    private Pair anchor() {
        return switch (random.nextInt(6)) {
            case 0 -> new Pair("^", "^", false, true);
            case 1 -> new Pair("$", "\\z", false, true);
            case 2 -> new Pair("\\b", "\\b", false, true);
            case 3 -> new Pair("\\B", "\\B", false, true);
            case 4 -> new Pair("\\A", "\\A", false, true);
            default -> new Pair("\\z", "\\z", false, true);
        };
    }

    private Pair lookaround(int depth) {
        int kind = random.nextInt(4);
        Pair body = alternation(depth - 1, kind >= 2);
        String open = switch (kind) {
            case 0 -> "(?=";
            case 1 -> "(?!";
            case 2 -> "(?<=";
            default -> "(?<!";
        };
        return new Pair(open + body.ours + ")", open + body.java + ")", false, true);
    }
}
