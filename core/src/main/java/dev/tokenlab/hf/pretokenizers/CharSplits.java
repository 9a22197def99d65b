package dev.tokenlab.hf.pretokenizers;

import dev.tokenlab.hf.pipeline.PreTokenizer;
import dev.tokenlab.pretokenize.UnicodeCategories;

import java.util.function.IntPredicate;

/**
 * The pre-tokenizers that split on single characters, as {@link Split}s whose pattern is a character
 * test: {@code WhitespaceSplit}, {@code Digits}, {@code Punctuation}, {@code CharDelimiterSplit}; and
 * {@code Whitespace}, a regex.
 */
public final class CharSplits {
    /** The pattern of {@code Whitespace}: words and runs of other non-space characters (Rust {@code regex}, not Oniguruma). */
    public static final String WHITESPACE_PATTERN = "\\w+|[^\\w\\s]+";

    private CharSplits() {
    }

    /** A finder whose matches are the single code points that pass {@code test}. */
    public static Finder each(IntPredicate test) {
        return (text, sink) -> {
            for (int i = 0; i < text.length(); ) {
                int cp = text.codePointAt(i);
                int next = i + Character.charCount(cp);
                if (test.test(cp)) {
                    sink.match(i, next);
                }
                i = next;
            }
        };
    }

    /** {@code Whitespace}: keeps the matches of {@code \w+|[^\w\s]+}, drops the rest (whitespace). */
    public static PreTokenizer whitespace(Finder pattern) {
        return Split.labelled(pattern, SplitBehavior.Removed, true, "Whitespace");
    }

    /** {@code WhitespaceSplit}: splits on {@code char::is_whitespace} (White_Space), dropping it. */
    public static PreTokenizer whitespaceSplit() {
        return Split.labelled(each(UnicodeCategories::isWhiteSpace), SplitBehavior.Removed, false, "WhitespaceSplit");
    }

    /**
     * {@code Digits}: {@code char::is_numeric} characters (Nd, Nl, No: {@code ½ ² ٣ ①} too) each on their
     * own ({@code individual_digits}) or in runs.
     */
    public static PreTokenizer digits(boolean individual) {
        return Split.labelled(each(CharSplits::isNumeric), individual ? SplitBehavior.Isolated : SplitBehavior.Contiguous, false,
                individual ? "Digits(individual)" : "Digits");
    }

    /** {@code Punctuation}: BERT's punctuation test, each character a match, with the behaviour given. */
    public static PreTokenizer punctuation(SplitBehavior behavior) {
        return Split.labelled(each(BertPreTokenizer::isPunctuation), behavior, false, "Punctuation(" + behavior + ")");
    }

    /** {@code CharDelimiterSplit}: splits on one character, dropping it. */
    public static PreTokenizer charDelimiter(int delimiter) {
        String d = new String(Character.toChars(delimiter));
        return Split.labelled(each(cp -> cp == delimiter), SplitBehavior.Removed, false, "CharDelimiterSplit(" + d + ")");
    }

    /** Rust's {@code char::is_numeric}: general category Nd, Nl or No (Unicode 16). */
    public static boolean isNumeric(int cp) {
        int type = UnicodeCategories.category(cp);
        return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER || type == Character.OTHER_NUMBER;
    }
}
