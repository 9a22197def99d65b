package dev.tokenlab.hf.models;

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

    /** The cached tokens of {@code word}, or null. */
    Entry get(String word) {
        if (word.length() > MAX_CHARS) {
            return null;
        }
        Entry e = entries[slot(word)];
        return e != null && e.word.equals(word) ? e : null;
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
        return (word.hashCode() * 0x9E3779B9) >>> (32 - BITS);
    }
}
