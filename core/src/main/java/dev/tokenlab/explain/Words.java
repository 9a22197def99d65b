package dev.tokenlab.explain;

import dev.tokenlab.pretokenize.UnicodeCategories;

import java.util.ArrayList;
import java.util.List;

/**
 * The word rule behind the fertility figures of {@code tokenlab compare} and the word level of
 * {@code tokenlab explain --levels}. Deliberately simple, so anyone can recount by hand:
 *
 * <ol>
 *   <li>A word is a maximal run of letters, marks and numbers (Unicode {@code L}, {@code M},
 *       {@code N}); everything else (whitespace, punctuation, symbols) separates words. So
 *       {@code "I love machine learning!"} has 4 words, {@code "don't"} 2, {@code "3.14"} 2.</li>
 *   <li>Scripts written without spaces between words (Han, Hiragana, Katakana, Thai, Lao, Khmer,
 *       Myanmar) have no visible word boundaries, so each of their characters counts as one word, with
 *       the combining marks and length marks ({@code ー}) that follow it. {@code "東京に行く"} is 5
 *       words. {@link Count#spacelessCharacters()} says how many words were counted this way.</li>
 * </ol>
 *
 * <p>Character classes come from the bundled Unicode tables ({@link UnicodeCategories}), scripts
 * from the JVM's {@link Character.UnicodeScript}.
 *
 * <pre>{@code
 * Words.count("I love machine learning!");   // Count[words=4, spacelessCharacters=0]
 * Words.count("東京に行く");                  // Count[words=5, spacelessCharacters=5]
 * Words.split("Hello, world");               // ["Hello", "world"]
 * }</pre>
 */
public final class Words {
    private Words() {
    }

    /**
     * The words of a text.
     *
     * @param words               how many, by the rule above
     * @param spacelessCharacters how many of them are single characters of a script written without spaces
     */
    public record Count(int words, int spacelessCharacters) {
        /** {@code a} and {@code b} added. */
        public Count plus(Count other) {
            return new Count(words + other.words, spacelessCharacters + other.spacelessCharacters);
        }
    }

    /** Counts the words of {@code text}. */
    public static Count count(CharSequence text) {
        int[] n = new int[2];
        scan(text, (start, end, spaceless) -> {
            n[0]++;
            if (spaceless) {
                n[1]++;
            }
        });
        return new Count(n[0], n[1]);
    }

    /** The words of {@code text}, in order. */
    public static List<String> split(CharSequence text) {
        List<String> words = new ArrayList<>();
        scan(text, (start, end, spaceless) -> words.add(text.subSequence(start, end).toString()));
        return words;
    }

    /** Whether {@code codePoint} belongs to a script written without spaces between words. */
    public static boolean isSpaceless(int codePoint) {
        Character.UnicodeScript script;
        try {
            script = Character.UnicodeScript.of(codePoint);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return switch (script) {
            case HAN, HIRAGANA, KATAKANA, THAI, LAO, KHMER, MYANMAR -> true;
            default -> false;
        };
    }

    private interface WordSink {
        void word(int start, int end, boolean spaceless);
    }

    private static void scan(CharSequence text, WordSink sink) {
        int n = text.length();
        int runStart = -1;          // start of the current ordinary word, or -1
        int spacelessStart = -1;    // start of the current spaceless character (with its marks), or -1
        int i = 0;
        while (i < n) {
            int cp = Character.codePointAt(text, i);
            int next = i + Character.charCount(cp);
            boolean wordChar = UnicodeCategories.isLetter(cp) || UnicodeCategories.isMark(cp)
                    || UnicodeCategories.isNumber(cp);
            if (wordChar && isSpaceless(cp) && !UnicodeCategories.isMark(cp)) {
                runStart = flush(text, sink, runStart, i, false);
                spacelessStart = flush(text, sink, spacelessStart, i, true);
                spacelessStart = i;
            } else if (spacelessStart >= 0 && attaches(cp)) {
                // a mark or a length mark stays with the spaceless character before it
            } else if (wordChar) {
                spacelessStart = flush(text, sink, spacelessStart, i, true);
                if (runStart < 0) {
                    runStart = i;
                }
            } else {
                runStart = flush(text, sink, runStart, i, false);
                spacelessStart = flush(text, sink, spacelessStart, i, true);
            }
            i = next;
        }
        flush(text, sink, runStart, n, false);
        flush(text, sink, spacelessStart, n, true);
    }

    /** Marks, and modifier letters of no script of their own (the kana length mark ー), join the character before. */
    private static boolean attaches(int cp) {
        if (UnicodeCategories.isMark(cp)) {
            return true;
        }
        if (UnicodeCategories.category(cp) != Character.MODIFIER_LETTER) {
            return false;
        }
        Character.UnicodeScript s = Character.UnicodeScript.of(cp);
        return s == Character.UnicodeScript.COMMON || s == Character.UnicodeScript.INHERITED || isSpaceless(cp);
    }

    private static int flush(CharSequence text, WordSink sink, int start, int end, boolean spaceless) {
        if (start >= 0) {
            sink.word(start, end, spaceless);
        }
        return -1;
    }
}
