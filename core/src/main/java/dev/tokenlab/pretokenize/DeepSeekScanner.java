package dev.tokenlab.pretokenize;

import static dev.tokenlab.pretokenize.UnicodeCategories.category;

/**
 * Hand-written scanners for the three Isolated {@code Split} patterns of DeepSeek V3's (and R1's)
 * {@code tokenizer.json}, applied in this order, each to every piece of the one before:
 *
 * <pre>
 * DIGITS  \p{N}{1,3}
 * CJK     [\u4e00-\u9fa5\u3040-\u309f\u30a0-\u30ff]+
 * WORDS   [!"#$%&amp;'()*+,\-./:;&lt;=&gt;?@\[\\\]^_`{|}~][A-Za-z]+
 *         |[^\r\n\p{L}\p{P}\p{S}]?[\p{L}\p{M}]+
 *         | ?[\p{P}\p{S}]+[\r\n]*
 *         |\s*[\r\n]+|\s+(?!\S)|\s+
 * </pre>
 *
 * Unlike the tiktoken patterns these leave characters unmatched (a digit run for WORDS, a control
 * character): like any {@link PreTokenizer} they are skipped here, and the Isolated split around them
 * makes them pieces of their own. Why by hand: on the regex engine the three splits took over half of
 * DeepSeek's encoding time ({@link DeepSeekPieces} runs all three in one pass). Classes come from {@link UnicodeCategories} (Unicode 16.0), as the regex
 * engine's do; equivalence with the patterns is a test.
 */
public final class DeepSeekScanner implements PreTokenizer {
    /** The first split: numbers, at most three digits a piece. */
    public static final String DIGITS_PATTERN = "\\p{N}{1,3}";
    /** The second split: runs of CJK ideographs, hiragana and katakana. */
    public static final String CJK_PATTERN = "[\u4e00-\u9fa5\u3040-\u309f\u30a0-\u30ff]+";
    /** The third split: words, punctuation and whitespace. */
    public static final String WORDS_PATTERN = String.join("|",
            "[!\"#$%&'()*+,\\-./:;<=>?@\\[\\\\\\]^_`{|}~][A-Za-z]+",
            "[^\r\n\\p{L}\\p{P}\\p{S}]?[\\p{L}\\p{M}]+",
            " ?[\\p{P}\\p{S}]+[\r\n]*",
            "\\s*[\r\n]+",
            "\\s+(?!\\S)",
            "\\s+");

    /** {@link #DIGITS_PATTERN}. */
    public static final DeepSeekScanner DIGITS = new DeepSeekScanner(DIGITS_PATTERN);
    /** {@link #CJK_PATTERN}. */
    public static final DeepSeekScanner CJK = new DeepSeekScanner(CJK_PATTERN);
    /** {@link #WORDS_PATTERN}. */
    public static final DeepSeekScanner WORDS = new DeepSeekScanner(WORDS_PATTERN);

    private final String pattern;

    private DeepSeekScanner(String pattern) {
        this.pattern = pattern;
    }

    @Override
    public String pattern() {
        return pattern;
    }

    @Override
    public boolean split(CharSequence text, int from, int to, PieceSink sink) {
        int i = from;
        while (i < to) {
            int cp = CodePoints.at(text, i, to);
            int end = this == DIGITS ? digits(text, i, to, cp) : this == CJK ? cjk(text, i, to, cp) : words(text, i, to, cp);
            if (end < 0) {
                i += CodePoints.width(cp);
            } else {
                if (!sink.piece(i, end)) {
                    return false;
                }
                i = end;
            }
        }
        return true;
    }

    static int digits(CharSequence text, int i, int to, int cp) {
        if (!isNumber(category(cp))) {
            return -1;
        }
        int end = i + CodePoints.width(cp);
        for (int k = 1; k < 3 && end < to; k++) {
            int c = CodePoints.at(text, end, to);
            if (!isNumber(category(c))) {
                break;
            }
            end += CodePoints.width(c);
        }
        return end;
    }

    private static int cjk(CharSequence text, int i, int to, int cp) {
        int end = i;
        while (end < to && isCjk(text.charAt(end))) {
            end++;
        }
        return end == i ? -1 : end;
    }

    static boolean isCjk(int c) {
        return c >= '\u4e00' && c <= '\u9fa5' || c >= '\u3040' && c <= '\u30ff';
    }

    /** The WORDS alternatives, first that matches at {@code i}; -1 if none does. */
    static int words(CharSequence text, int i, int to, int cp) {
        int next = i + CodePoints.width(cp);
        int c1 = next < to ? CodePoints.at(text, next, to) : -1;
        if (isAsciiPunctuation(cp) && isAsciiLetter(c1)) {
            int e = next + 1;
            while (e < to && isAsciiLetter(text.charAt(e))) {
                e++;
            }
            return e;
        }
        int cat = category(cp);
        if (c1 >= 0 && cp != '\r' && cp != '\n' && !isLetter(cat) && !isPunctuationOrSymbol(cat) && isLetterOrMark(category(c1))) {
            return letters(text, next, to);
        }
        if (isLetterOrMark(cat)) {
            return letters(text, i, to);
        }
        if (cp == ' ' && c1 >= 0 && isPunctuationOrSymbol(category(c1))) {
            return punctuation(text, next, to);
        }
        if (isPunctuationOrSymbol(cat)) {
            return punctuation(text, i, to);
        }
        if (UnicodeCategories.isWhiteSpace(cp)) {
            return WhitespaceRun.end(text, i, to);
        }
        return -1;
    }

    /** {@code [\p{L}\p{M}]+} from {@code p}, which holds a letter or mark. */
    private static int letters(CharSequence text, int p, int to) {
        int e = p;
        while (e < to) {
            char ch = text.charAt(e);
            if (ch < 0x80) {
                if (!isAsciiLetter(ch)) {
                    break;
                }
                e++;
                continue;
            }
            int c = CodePoints.at(text, e, to);
            if (!isLetterOrMark(category(c))) {
                break;
            }
            e += CodePoints.width(c);
        }
        return e;
    }

    /** {@code [\p{P}\p{S}]+[\r\n]*} from {@code p}, which holds punctuation or a symbol. */
    private static int punctuation(CharSequence text, int p, int to) {
        int e = p;
        while (e < to) {
            int c = CodePoints.at(text, e, to);
            if (!isPunctuationOrSymbol(category(c))) {
                break;
            }
            e += CodePoints.width(c);
        }
        while (e < to && (text.charAt(e) == '\r' || text.charAt(e) == '\n')) {
            e++;
        }
        return e;
    }

    private static boolean isAsciiPunctuation(int cp) {
        return cp >= '!' && cp <= '/' || cp >= ':' && cp <= '@' || cp >= '[' && cp <= '`' || cp >= '{' && cp <= '~';
    }

    private static boolean isAsciiLetter(int cp) {
        return cp >= 'a' && cp <= 'z' || cp >= 'A' && cp <= 'Z';
    }

    static boolean isNumber(int cat) {
        return cat == Character.DECIMAL_DIGIT_NUMBER || cat == Character.LETTER_NUMBER || cat == Character.OTHER_NUMBER;
    }

    private static boolean isLetter(int cat) {
        return cat >= Character.UPPERCASE_LETTER && cat <= Character.OTHER_LETTER;
    }

    private static boolean isLetterOrMark(int cat) {
        return isLetter(cat) || cat == Character.NON_SPACING_MARK || cat == Character.ENCLOSING_MARK
                || cat == Character.COMBINING_SPACING_MARK;
    }

    private static boolean isPunctuationOrSymbol(int cat) {
        switch (cat) {
            case Character.CONNECTOR_PUNCTUATION:
            case Character.DASH_PUNCTUATION:
            case Character.START_PUNCTUATION:
            case Character.END_PUNCTUATION:
            case Character.INITIAL_QUOTE_PUNCTUATION:
            case Character.FINAL_QUOTE_PUNCTUATION:
            case Character.OTHER_PUNCTUATION:
            case Character.MATH_SYMBOL:
            case Character.CURRENCY_SYMBOL:
            case Character.MODIFIER_SYMBOL:
            case Character.OTHER_SYMBOL:
                return true;
            default:
                return false;
        }
    }
}
