package dev.tokenlab.pretokenize;

/** Reading code points out of UTF-16 for the scanners; a lone surrogate counts as one code point. */
final class CodePoints {
    private CodePoints() {
    }

    /** The code point at {@code i}; a lone surrogate is returned as itself (category Cs, like U+FFFD a symbol to the patterns). */
    static int at(CharSequence text, int i, int to) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c) && i + 1 < to) {
            char d = text.charAt(i + 1);
            if (Character.isLowSurrogate(d)) {
                return Character.toCodePoint(c, d);
            }
        }
        return c;
    }

    /** UTF-16 length of the code point at {@code i} (1, or 2 for a surrogate pair). */
    static int width(int codePoint) {
        return codePoint >= 0x10000 ? 2 : 1;
    }
}
