package dev.tokenlab.pretokenize;

/** Finding cut positions that no piece crosses, shared by the scanners (see {@link PreTokenizer#lastSafeCut}). */
final class SafeCuts {
    private SafeCuts() {
    }

    /** The last position after CR/LF followed by non-whitespace (and not '/' if {@code slashJoins}), else {@link #wordBoundary}. */
    static int newlineOrWordBoundary(CharSequence text, int from, int to, boolean slashJoins) {
        for (int b = to - 1; b > from; b--) {
            char prev = text.charAt(b - 1);
            if (prev == '\n' || prev == '\r') {
                char next = text.charAt(b);
                if (!UnicodeCategories.isWhiteSpace(next) && !(slashJoins && next == '/')) {
                    return b;
                }
            }
        }
        return wordBoundary(text, from, to);
    }

    /** The last position {@code b} with a letter before it and a space then a letter after it. */
    static int wordBoundary(CharSequence text, int from, int to) {
        for (int b = to - 2; b > from; b--) {
            if (text.charAt(b) == ' ' && isLetterAt(text, b + 1, to) && isLetterBefore(text, b, from)) {
                return b;
            }
        }
        return -1;
    }

    private static boolean isLetterAt(CharSequence text, int i, int to) {
        return i < to && UnicodeCategories.isLetter(CodePoints.at(text, i, to));
    }

    private static boolean isLetterBefore(CharSequence text, int b, int from) {
        if (b - 1 < from) {
            return false;
        }
        char c = text.charAt(b - 1);
        if (Character.isLowSurrogate(c) && b - 2 >= from && Character.isHighSurrogate(text.charAt(b - 2))) {
            return UnicodeCategories.isLetter(Character.toCodePoint(text.charAt(b - 2), c));
        }
        return UnicodeCategories.isLetter(c);
    }
}
