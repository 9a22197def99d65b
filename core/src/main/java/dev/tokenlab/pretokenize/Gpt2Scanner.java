package dev.tokenlab.pretokenize;

/**
 * A hand-written scanner for the GPT-2 pattern of r50k_base and p50k_base, with tiktoken's Unicode
 * 16.0 classes ({@link UnicodeCategories}):
 *
 * <pre>
 * '(?:[sdmt]|ll|ve|re)       contractions, lower case only
 * | ?\p{L}++ | ?\p{N}++      letters or numbers, with one leading space
 * | ?[^\s\p{L}\p{N}]++       anything else, with one leading space
 * |\s++$|\s+(?!\S)|\s        whitespace: all of it at the end, else all but the last
 * </pre>
 */
public final class Gpt2Scanner extends PieceScanner {
    /** The pattern of r50k_base and p50k_base (GPT-2 style), as tiktoken writes it today. */
    public static final String PATTERN =
            "'(?:[sdmt]|ll|ve|re)| ?\\p{L}++| ?\\p{N}++| ?[^\\s\\p{L}\\p{N}]++|\\s++$|\\s+(?!\\S)|\\s";

    /** The scanner. */
    public static final Gpt2Scanner INSTANCE = new Gpt2Scanner();

    private static final int LETTER = 1;
    private static final int NUMBER = 2;
    private static final int SPACE = 3;
    private static final int OTHER = 0;

    private Gpt2Scanner() {
    }

    @Override
    public String pattern() {
        return PATTERN;
    }

    private static int classOf(int cp) {
        if (UnicodeCategories.isWhiteSpace(cp)) {
            return SPACE;
        }
        if (UnicodeCategories.isLetter(cp)) {
            return LETTER;
        }
        return UnicodeCategories.isNumber(cp) ? NUMBER : OTHER;
    }

    /**
     * Safe cuts: only between a letter and a space that a letter follows. A newline is not a safe cut
     * here: {@code \s++$} would join the whitespace before it at the end of the left part.
     */
    @Override
    public int lastSafeCut(CharSequence text, int from, int to) {
        return SafeCuts.wordBoundary(text, from, to);
    }

    @Override
    int pieceEnd(CharSequence text, int i, int to) {
        char c = text.charAt(i);
        if (c == '\'') {
            int n = Contractions.lowerCase(text, i + 1, to);
            if (n > 0) {
                return i + 1 + n;
            }
        }
        int start = i;
        if (c == ' ' && i + 1 < to) {
            int nextClass = classOf(CodePoints.at(text, i + 1, to));
            if (nextClass != SPACE) {
                start = i + 1;
            }
        }
        int cp = CodePoints.at(text, start, to);
        int cls = classOf(cp);
        if (cls != SPACE) {
            int e = start + CodePoints.width(cp);
            while (e < to) {
                int c2 = CodePoints.at(text, e, to);
                if (classOf(c2) != cls) {
                    break;
                }
                e += CodePoints.width(c2);
            }
            return e;
        }
        int j = i;
        while (j < to && UnicodeCategories.isWhiteSpace(text.charAt(j))) {
            j++;
        }
        if (j == to) {
            return j;
        }
        return j - 1 > i ? j - 1 : i + 1;
    }
}
