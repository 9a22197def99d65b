package dev.tokenlab.pretokenize;

/**
 * A hand-written scanner for the cl100k_base / Llama 3 pre-tokenizer pattern, several times faster
 * than the regex and free of backtracking:
 *
 * <pre>
 * (?i:'s|'t|'re|'ve|'m|'ll|'d)     contractions, any letter case (also 'ſ: U+017F folds to s)
 * |[^\r\n\p{L}\p{N}]?\p{L}+         a word, with at most one leading non-letter (" world", "(word")
 * |\p{N}{1,3}                       numbers, three digits at most
 * | ?[^\s\p{L}\p{N}]+[\r\n]*        punctuation and symbols, with one leading space and any newlines after
 * |\s*[\r\n]+                       whitespace up to and including its last newline
 * |\s+(?!\S)                        whitespace, leaving the last one to join a following word
 * |\s+                              whatever whitespace is left
 * </pre>
 *
 * Each alternative is tried in order at each position, exactly as the regex engine does; the
 * equivalence with the regex ({@link dev.tokenlab.regex.RegexPreTokenizer}) is a test. Character
 * classes come from {@link UnicodeCategories} (Unicode 16.0, as tiktoken's Rust regex), not from the JVM.
 *
 * <p>Two variants exist because tiktoken changed cl100k_base's pattern (to possessive quantifiers,
 * adding {@code \s++$} before the newline rule): a whitespace run that reaches the end of the text
 * is then one piece even if it contains a newline ("a\n " → "a", "\n "), where Meta's Llama 3
 * pattern gives "a", "\n", " ". {@link #LLAMA3} follows Meta's {@code tokenizer.py};
 * {@link #CL100K} follows tiktoken's current {@code cl100k_base}. {@link #QWEN} is Llama 3's pattern
 * with single-digit number pieces, as Qwen's {@code tokenizer.json} writes it.
 */
public final class Cl100kScanner extends PieceScanner {

    /** The pattern of Meta's Llama 3 {@code tokenizer.py} (and of the original cl100k_base). */
    public static final String LLAMA3_PATTERN =
            "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*"
                    + "|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";

    /** tiktoken's current cl100k_base pattern (possessive quantifiers, {@code \s++$}). */
    public static final String CL100K_PATTERN =
            "'(?i:[sdmt]|ll|ve|re)|[^\\r\\n\\p{L}\\p{N}]?+\\p{L}++|\\p{N}{1,3}+| ?[^\\s\\p{L}\\p{N}]++[\\r\\n]*+"
                    + "|\\s++$|\\s*[\\r\\n]|\\s+(?!\\S)|\\s";

    /** Qwen's pattern ({@code tokenizer.json} of Qwen2 and Qwen3): Llama 3's with one digit per number piece. */
    public static final String QWEN_PATTERN =
            "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*"
                    + "|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";

    /** Meta's Llama 3 pattern. */
    public static final Cl100kScanner LLAMA3 = new Cl100kScanner(false, 3);
    /** tiktoken's current cl100k_base pattern. */
    public static final Cl100kScanner CL100K = new Cl100kScanner(true, 3);
    /** Qwen's pattern. */
    public static final Cl100kScanner QWEN = new Cl100kScanner(false, 1);

    private static final byte OTHER = 0;
    private static final byte LETTER = 1;
    private static final byte NUMBER = 2;
    private static final byte SPACE = 3;   // White_Space other than CR and LF
    private static final byte NEWLINE = 4; // CR or LF

    /** Class of every BMP char; surrogates are OTHER here and resolved per code point. */
    private static final byte[] BMP = new byte[0x10000];

    static {
        // by category, a block of 256 at a time, and only the few whitespace categories char by char:
        // this runs at startup, before the JIT helps, and calling classify for all 65,536 took ~9 ms
        byte[] byCategory = new byte[32];
        for (int cat = 0; cat < byCategory.length; cat++) {
            byCategory[cat] = cat >= Character.UPPERCASE_LETTER && cat <= Character.OTHER_LETTER ? LETTER
                    : cat == Character.DECIMAL_DIGIT_NUMBER || cat == Character.LETTER_NUMBER || cat == Character.OTHER_NUMBER ? NUMBER
                    : OTHER;
        }
        for (int block = 0; block < 0x100; block++) {
            byte[] categories = UnicodeCategories.block(block);
            int base = block << 8;
            for (int i = 0; i < 0x100; i++) {
                int cat = categories[i];
                BMP[base + i] = cat == Character.CONTROL || cat == Character.SPACE_SEPARATOR || cat == Character.LINE_SEPARATOR
                        || cat == Character.PARAGRAPH_SEPARATOR ? classify(base + i) : byCategory[cat];
            }
        }
    }

    private final boolean wholeTrailingWhitespace;
    /** The most digits one number piece holds: 3 ({@code \p{N}{1,3}}), or 1 for Qwen ({@code \p{N}}). */
    private final int maxDigits;

    private Cl100kScanner(boolean wholeTrailingWhitespace, int maxDigits) {
        this.wholeTrailingWhitespace = wholeTrailingWhitespace;
        this.maxDigits = maxDigits;
    }

    private static byte classify(int cp) {
        if (cp == '\r' || cp == '\n') {
            return NEWLINE;
        }
        if (UnicodeCategories.isWhiteSpace(cp)) {
            return SPACE;
        }
        if (UnicodeCategories.isLetter(cp)) {
            return LETTER;
        }
        if (UnicodeCategories.isNumber(cp)) {
            return NUMBER;
        }
        return OTHER;
    }

    @Override
    public String pattern() {
        return wholeTrailingWhitespace ? CL100K_PATTERN : maxDigits == 1 ? QWEN_PATTERN : LLAMA3_PATTERN;
    }

    /**
     * Safe cuts: just after CR or LF when the next char is not whitespace (the newline rule and the
     * punctuation rule both end their piece there, and nothing starts a piece before a newline and
     * continues past it); or between a letter and a space that a letter follows (the word ends, and
     * " word" starts afresh). Positions are searched backwards from {@code to - 2}, so the chars after
     * the cut that decide it are inside the range.
     */
    @Override
    public int lastSafeCut(CharSequence text, int from, int to) {
        return SafeCuts.newlineOrWordBoundary(text, from, to, false);
    }

    @Override
    int pieceEnd(CharSequence text, int i, int to) {
        char c = text.charAt(i);
        if (c == '\'' && i + 1 < to) {
            int n = Contractions.anyCase(text, i + 1, to);
            if (n > 0) {
                return i + 1 + n;
            }
        }
        byte cls;
        int next;
        if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(text.charAt(i + 1))) {
            cls = classify(Character.toCodePoint(c, text.charAt(i + 1)));
            next = i + 2;
        } else {
            cls = BMP[c];
            next = i + 1;
        }
        switch (cls) {
            case LETTER:
                return endOfClass(text, next, to, LETTER);
            case NUMBER:
                return endOfNumber(text, next, to, maxDigits);
            case NEWLINE:
                return endOfWhitespace(text, i, to);
            default:
                break;
        }
        // OTHER or SPACE: one of them may lead a word.
        if (next < to && classAt(text, next, to) == LETTER) {
            return endOfClass(text, next, to, LETTER);
        }
        if (cls == OTHER) {
            return endOfNewlines(text, endOfClass(text, next, to, OTHER), to);
        }
        if (c == ' ' && next < to && classAt(text, next, to) == OTHER) {
            return endOfNewlines(text, endOfClass(text, next, to, OTHER), to);
        }
        return endOfWhitespace(text, i, to);
    }

    /** Class of the code point at {@code i} (a lone surrogate is OTHER, as U+FFFD would be). */
    private static byte classAt(CharSequence text, int i, int to) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(text.charAt(i + 1))) {
            return classify(Character.toCodePoint(c, text.charAt(i + 1)));
        }
        return BMP[c];
    }

    /** End of a run of code points of class {@code cls} starting at {@code i}. */
    private static int endOfClass(CharSequence text, int i, int to, byte cls) {
        while (i < to) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(text.charAt(i + 1))) {
                if (classify(Character.toCodePoint(c, text.charAt(i + 1))) != cls) {
                    return i;
                }
                i += 2;
            } else {
                if (BMP[c] != cls) {
                    return i;
                }
                i++;
            }
        }
        return i;
    }

    /** {@code \p{N}{1,3}} after its first number, which ends at {@code i}. */
    private static int endOfNumber(CharSequence text, int i, int to, int maxDigits) {
        for (int k = 1; k < maxDigits && i < to; k++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(text.charAt(i + 1))) {
                if (classify(Character.toCodePoint(c, text.charAt(i + 1))) != NUMBER) {
                    break;
                }
                i += 2;
            } else {
                if (BMP[c] != NUMBER) {
                    break;
                }
                i++;
            }
        }
        return i;
    }

    private static int endOfNewlines(CharSequence text, int i, int to) {
        while (i < to) {
            char c = text.charAt(i);
            if (c != '\r' && c != '\n') {
                break;
            }
            i++;
        }
        return i;
    }

    /** The whitespace alternatives, at a whitespace char {@code i} that no earlier alternative took. */
    private int endOfWhitespace(CharSequence text, int i, int to) {
        int j = i;
        int lastNewline = -1;
        while (j < to) {
            char c = text.charAt(j);
            byte cls = BMP[c]; // every White_Space char is in the BMP
            if (cls == NEWLINE) {
                lastNewline = j;
            } else if (cls != SPACE) {
                break;
            }
            j++;
        }
        if (j == to && wholeTrailingWhitespace) {
            return j;                 // \s++$
        }
        if (lastNewline >= 0) {
            return lastNewline + 1;   // \s*[\r\n]+
        }
        if (j == to) {
            return j;                 // \s+(?!\S) at the end
        }
        if (j - 1 > i) {
            return j - 1;             // \s+(?!\S): leave one for the next word
        }
        return i + 1;                 // \s+ (a single whitespace before non-whitespace)
    }
}
