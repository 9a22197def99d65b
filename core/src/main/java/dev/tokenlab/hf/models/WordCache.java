package dev.tokenlab.hf.models;

import dev.tokenlab.hf.pipeline.NormalizedString;

/**
 * The tokens of recently seen words, so that a word met again costs one lookup instead of a merge
 * loop. Direct-mapped and shared by all threads: entries are immutable and published through final
 * fields, so a racy read sees nothing or a whole entry. Words longer than {@link #MAX_CHARS} are not
 * kept (a SentencePiece-style model without a pre-tokenizer hands whole texts over as one word).
 */
final class WordCache {
    /** Words longer than this (in UTF-16 units) are merged every time. */
    static final int MAX_CHARS = 64;
    private static final int BITS = 16;

    private final Entry[] entries = new Entry[1 << BITS];

    /** One cached word: its tokens and the code points each covers. */
    record Entry(String word, int[] ids, int[] starts, int[] ends) {
    }

    /** The cached tokens of {@code piece}'s text, or null; no string is built (the common case is a hit). */
    Entry get(NormalizedString piece) {
        int n = piece.length();
        if (n > MAX_CHARS) {
            return null;
        }
        int hash = 0;
        int chars = 0;
        for (int i = 0; i < n; i++) {
            int cp = piece.codePointAt(i);
            if (cp >= Character.MIN_SUPPLEMENTARY_CODE_POINT) {
                hash = 31 * (31 * hash + Character.highSurrogate(cp)) + Character.lowSurrogate(cp);
                chars += 2;
            } else {
                hash = 31 * hash + cp;
                chars++;
            }
        }
        Entry e = entries[slot(hash)];
        if (e == null || e.word.length() != chars) {
            return null;
        }
        int k = 0;
        for (int i = 0; i < n; i++) {
            int cp = piece.codePointAt(i);
            if (cp >= Character.MIN_SUPPLEMENTARY_CODE_POINT) {
                if (e.word.charAt(k) != Character.highSurrogate(cp) || e.word.charAt(k + 1) != Character.lowSurrogate(cp)) {
                    return null;
                }
                k += 2;
            } else if (e.word.charAt(k++) != cp) {
                return null;
            }
        }
        return e;
    }

    /** Remembers the first {@code count} tokens of {@code word} (when it is short enough) and returns them as an entry. */
    Entry put(String word, int[] ids, int[] starts, int[] ends, int count) {
        Entry e = new Entry(word, java.util.Arrays.copyOf(ids, count), java.util.Arrays.copyOf(starts, count),
                java.util.Arrays.copyOf(ends, count));
        if (word.length() <= MAX_CHARS) {
            entries[slot(word)] = e;
        }
        return e;
    }

    private static int slot(String word) {
        return slot(word.hashCode());
    }

    private static int slot(int hash) {
        return (hash * 0x9E3779B9) >>> (32 - BITS);
    }
}
