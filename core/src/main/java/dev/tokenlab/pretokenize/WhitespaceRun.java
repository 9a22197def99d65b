package dev.tokenlab.pretokenize;

/**
 * The whitespace tail that o200k's and DeepSeek's patterns share, {@code \s*[\r\n]+|\s+(?!\S)|\s+},
 * resolved by hand: a run holding a newline ends after its last newline; otherwise a run at the end of
 * the haystack is whole, and a run before other text leaves its last space to the next piece (unless
 * it is a single space).
 */
final class WhitespaceRun {
    private WhitespaceRun() {
    }

    /** The end of the piece at {@code i}, which holds whitespace (all of it is in the BMP). */
    static int end(CharSequence text, int i, int to) {
        int j = i;
        int lastNewline = -1;
        while (j < to) {
            char c = text.charAt(j);
            if (c == '\r' || c == '\n') {
                lastNewline = j;
            } else if (!UnicodeCategories.isWhiteSpace(c)) {
                break;
            }
            j++;
        }
        if (lastNewline >= 0) {
            return lastNewline + 1;
        }
        if (j == to) {
            return j;
        }
        return j - 1 > i ? j - 1 : i + 1;
    }
}
