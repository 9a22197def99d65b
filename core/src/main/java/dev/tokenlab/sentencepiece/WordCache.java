package dev.tokenlab.sentencepiece;

import java.util.Arrays;

/**
 * A direct-mapped cache of BPE results for short words (normalized bytes → piece ids and lengths),
 * shared by all threads of one tokenizer. Entries are immutable and published through final fields,
 * so a racy read sees either nothing or a complete entry; a collision simply replaces the older entry.
 * English text repeats its words, so most words are merged once.
 *
 * <p>Performance notes (Llama 2 on botchan.txt, 2 shared cores, warm JVM, the same text encoded
 * repeatedly so the cache is warm): whole-text BPE over one heap ran at 2-3 MB/s; cutting the text
 * into words gave 9-18 MB/s; this cache with 2^14 slots 10-15 MB/s line by line, with 2^16 slots
 * (botchan has 11,567 distinct words) 25-29 MB/s line by line and 18-22 MB/s whole, against 2.5-3.2
 * and 1.2-1.5 MB/s for the C++ library through DJL. 64K slots cost at most a few MB per tokenizer.
 */
final class WordCache {
    /** Words longer than this (in UTF-8 bytes) are not cached. */
    static final int MAX_WORD_BYTES = 64;
    private static final int SIZE = 1 << 16;

    private final Entry[] entries = new Entry[SIZE];

    static int hash(byte[] b, int from, int to) {
        int h = 0x811C9DC5;
        for (int i = from; i < to; i++) {
            h = (h ^ b[i]) * 0x01000193;
        }
        return h ^ (h >>> 15);
    }

    Entry get(byte[] b, int from, int to, int hash) {
        Entry e = entries[hash & (SIZE - 1)];
        if (e == null || e.hash != hash || e.key.length != to - from) {
            return null;
        }
        byte[] k = e.key;
        for (int i = 0; i < k.length; i++) {
            if (k[i] != b[from + i]) {
                return null;
            }
        }
        return e;
    }

    /** Stores the pieces {@code out[first, out.count)} as the result for {@code b[from, to)}. */
    void put(byte[] b, int from, int to, int hash, Segmentation out, int first) {
        int n = out.count - first;
        int[] ids = new int[n];
        int[] lengths = new int[n];
        for (int k = 0; k < n; k++) {
            ids[k] = out.ids[first + k];
            lengths[k] = out.ends[first + k] - out.starts[first + k];
        }
        entries[hash & (SIZE - 1)] = new Entry(Arrays.copyOfRange(b, from, to), hash, ids, lengths);
    }

    /** One cached word. */
    static final class Entry {
        final byte[] key;
        final int hash;
        final int[] ids;
        final int[] lengths;

        Entry(byte[] key, int hash, int[] ids, int[] lengths) {
            this.key = key;
            this.hash = hash;
            this.ids = ids;
            this.lengths = lengths;
        }
    }
}
