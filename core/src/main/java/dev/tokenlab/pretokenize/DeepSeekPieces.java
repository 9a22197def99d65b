package dev.tokenlab.pretokenize;

import static dev.tokenlab.pretokenize.UnicodeCategories.category;

/**
 * DeepSeek V3's three Isolated splits ({@link DeepSeekScanner#DIGITS}, then {@link DeepSeekScanner#CJK}
 * on every piece, then {@link DeepSeekScanner#WORDS} on every piece of that) in one pass, for the direct
 * byte-level path. Run as three nested splits, each level called the next through a callback for every
 * piece and the JIT could not keep the nest fast; here the text is cut once into regions (a number of at
 * most three digits, a CJK run, or the text up to the next of either) and WORDS runs inside each region.
 *
 * <p>Unlike a plain {@link PreTokenizer} the pieces cover the text: what WORDS leaves unmatched inside a
 * region is a piece of its own, as the Isolated split makes it, and never joins with what the next region
 * leaves unmatched. Equivalence with the three nested splits is a test.
 */
public final class DeepSeekPieces implements PreTokenizer {
    /** The one instance. */
    public static final DeepSeekPieces INSTANCE = new DeepSeekPieces();

    private DeepSeekPieces() {
    }

    @Override
    public String pattern() {
        return DeepSeekScanner.DIGITS_PATTERN + " then " + DeepSeekScanner.CJK_PATTERN + " then " + DeepSeekScanner.WORDS_PATTERN;
    }

    @Override
    public boolean split(CharSequence text, int from, int to, PieceSink sink) {
        int i = from;
        while (i < to) {
            int cp = CodePoints.at(text, i, to);
            if (DeepSeekScanner.isNumber(category(cp))) {
                int end = DeepSeekScanner.digits(text, i, to, cp);
                if (!sink.piece(i, end)) {
                    return false;
                }
                i = end;
                continue;
            }
            int end = DeepSeekScanner.isCjk(cp) ? cjkEnd(text, i, to) : otherEnd(text, i, to);
            if (!words(text, i, end, sink)) {
                return false;
            }
            i = end;
        }
        return true;
    }

    private static int cjkEnd(CharSequence text, int i, int to) {
        int e = i;
        while (e < to && DeepSeekScanner.isCjk(text.charAt(e))) {
            e++;
        }
        return e;
    }

    /** Where the next number or CJK character after {@code i} starts, or {@code to}. */
    private static int otherEnd(CharSequence text, int i, int to) {
        int e = i;
        while (e < to) {
            char ch = text.charAt(e);
            if (ch < 0x80) {
                if (ch >= '0' && ch <= '9') {
                    break;
                }
                e++;
                continue;
            }
            int c = CodePoints.at(text, e, to);
            if (DeepSeekScanner.isCjk(c) || DeepSeekScanner.isNumber(category(c))) {
                break;
            }
            e += CodePoints.width(c);
        }
        return e;
    }

    /** WORDS over the region {@code [from, to)}: its matches and the unmatched runs between them. */
    private static boolean words(CharSequence text, int from, int to, PieceSink sink) {
        int gap = from;
        int i = from;
        while (i < to) {
            int cp = CodePoints.at(text, i, to);
            int end = DeepSeekScanner.words(text, i, to, cp);
            if (end < 0) {
                i += CodePoints.width(cp);
                continue;
            }
            if (gap < i && !sink.piece(gap, i) || !sink.piece(i, end)) {
                return false;
            }
            gap = end;
            i = end;
        }
        return gap >= to || sink.piece(gap, to);
    }
}
