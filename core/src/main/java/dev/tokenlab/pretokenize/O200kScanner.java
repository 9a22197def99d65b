package dev.tokenlab.pretokenize;

import static dev.tokenlab.pretokenize.UnicodeCategories.category;

/**
 * A hand-written scanner for o200k_base's pre-tokenizer pattern, with tiktoken's Unicode 16.0
 * classes ({@link UnicodeCategories}) rather than the JVM's:
 *
 * <pre>
 * [^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?
 * |[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?
 * |\p{N}{1,3}
 * | ?[^\s\p{L}\p{N}]+[\r\n/]*
 * |\s*[\r\n]+
 * |\s+(?!\S)
 * |\s+
 * </pre>
 *
 * Call the first class U ("upper": Lu Lt Lm Lo M) and the second W ("lower": Ll Lm Lo M); Lm, Lo and
 * marks are in both. The first two alternatives split words at case changes ("JSONParser" →
 * "JSON", "Parser"). Backtracking is resolved by hand: {@code U*W+} over a run of U ends at the run's
 * last W character when no W follows the run. Equivalence with the regex is a test.
 */
public final class O200kScanner extends PieceScanner {
    /** The pattern of o200k_base, as tiktoken writes it. */
    public static final String PATTERN = String.join("|",
            "[^\\r\\n\\p{L}\\p{N}]?[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}]*[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?",
            "[^\\r\\n\\p{L}\\p{N}]?[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}]+[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?",
            "\\p{N}{1,3}",
            " ?[^\\s\\p{L}\\p{N}]+[\\r\\n/]*",
            "\\s*[\\r\\n]+",
            "\\s+(?!\\S)",
            "\\s+");

    /** The scanner. */
    public static final O200kScanner INSTANCE = new O200kScanner();

    private O200kScanner() {
    }

    @Override
    public String pattern() {
        return PATTERN;
    }

    private static boolean isUpper(int cat) {
        return cat == Character.UPPERCASE_LETTER || cat == Character.TITLECASE_LETTER || isBoth(cat);
    }

    private static boolean isLower(int cat) {
        return cat == Character.LOWERCASE_LETTER || isBoth(cat);
    }

    private static boolean isBoth(int cat) {
        return cat == Character.MODIFIER_LETTER || cat == Character.OTHER_LETTER || cat == Character.NON_SPACING_MARK
                || cat == Character.ENCLOSING_MARK || cat == Character.COMBINING_SPACING_MARK;
    }

    private static boolean isLetterCat(int cat) {
        return cat >= Character.UPPERCASE_LETTER && cat <= Character.OTHER_LETTER;
    }

    private static boolean isNumberCat(int cat) {
        return cat == Character.DECIMAL_DIGIT_NUMBER || cat == Character.LETTER_NUMBER || cat == Character.OTHER_NUMBER;
    }

    /** {@code [^\r\n\p{L}\p{N}]}. */
    private static boolean isPrefix(int cp) {
        if (cp == '\r' || cp == '\n') {
            return false;
        }
        int cat = category(cp);
        return !isLetterCat(cat) && !isNumberCat(cat);
    }

    /** {@code [^\s\p{L}\p{N}]}. */
    private static boolean isPunct(int cp) {
        if (UnicodeCategories.isWhiteSpace(cp)) {
            return false;
        }
        int cat = category(cp);
        return !isLetterCat(cat) && !isNumberCat(cat);
    }

    /**
     * Safe cuts as {@link Cl100kScanner#lastSafeCut}, except that a newline followed by '/' is not one
     * (o200k's punctuation rule takes {@code [\r\n/]*} after a run).
     */
    @Override
    public int lastSafeCut(CharSequence text, int from, int to) {
        return SafeCuts.newlineOrWordBoundary(text, from, to, true);
    }

    @Override
    int pieceEnd(CharSequence text, int i, int to) {
        int cp = CodePoints.at(text, i, to);
        int next = i + CodePoints.width(cp);
        boolean prefix = isPrefix(cp);
        int e;
        if (prefix && (e = upperThenLower(text, next, to)) >= 0) {
            return e;
        }
        if ((e = upperThenLower(text, i, to)) >= 0) {
            return e;
        }
        if (prefix && (e = upperOnly(text, next, to)) >= 0) {
            return e;
        }
        if ((e = upperOnly(text, i, to)) >= 0) {
            return e;
        }
        int cat = category(cp);
        if (isNumberCat(cat)) {
            int end = next;
            for (int k = 1; k < 3 && end < to; k++) {
                int c = CodePoints.at(text, end, to);
                if (!isNumberCat(category(c))) {
                    break;
                }
                end += CodePoints.width(c);
            }
            return end;
        }
        if (cp == ' ' && next < to && isPunct(CodePoints.at(text, next, to))) {
            return punctuationRun(text, next, to);
        }
        if (isPunct(cp)) {
            return punctuationRun(text, i, to);
        }
        return WhitespaceRun.end(text, i, to);
    }

    /** {@code U*W+} then an optional contraction, from {@code p}; -1 if it does not match. */
    private static int upperThenLower(CharSequence text, int p, int to) {
        int e = p;
        int lastLower = -1; // start of the last char in the U run that is also W
        int lastLowerEnd = -1;
        while (e < to) {
            int c = CodePoints.at(text, e, to);
            int cat = category(c);
            if (!isUpper(cat)) {
                break;
            }
            int w = CodePoints.width(c);
            if (isLower(cat)) {
                lastLower = e;
                lastLowerEnd = e + w;
            }
            e += w;
        }
        if (e < to && isLower(category(CodePoints.at(text, e, to)))) {
            return withContraction(text, endOfLower(text, e, to), to);
        }
        return lastLower < 0 ? -1 : withContraction(text, lastLowerEnd, to);
    }

    /** {@code U+W*} then an optional contraction, from {@code p}; -1 if it does not match. */
    private static int upperOnly(CharSequence text, int p, int to) {
        int e = p;
        while (e < to) {
            int c = CodePoints.at(text, e, to);
            if (!isUpper(category(c))) {
                break;
            }
            e += CodePoints.width(c);
        }
        return e == p ? -1 : withContraction(text, endOfLower(text, e, to), to);
    }

    private static int endOfLower(CharSequence text, int e, int to) {
        while (e < to) {
            int c = CodePoints.at(text, e, to);
            if (!isLower(category(c))) {
                break;
            }
            e += CodePoints.width(c);
        }
        return e;
    }

    private static int withContraction(CharSequence text, int e, int to) {
        if (e < to && text.charAt(e) == '\'') {
            int n = Contractions.anyCase(text, e + 1, to);
            if (n > 0) {
                return e + 1 + n;
            }
        }
        return e;
    }

    /** {@code [^\s\p{L}\p{N}]+[\r\n/]*} from {@code p}, which holds a punctuation code point. */
    private static int punctuationRun(CharSequence text, int p, int to) {
        int e = p;
        while (e < to) {
            int c = CodePoints.at(text, e, to);
            if (!isPunct(c)) {
                break;
            }
            e += CodePoints.width(c);
        }
        while (e < to) {
            char c = text.charAt(e);
            if (c != '\r' && c != '\n' && c != '/') {
                break;
            }
            e++;
        }
        return e;
    }
}
