package dev.tokenlab.bpe;

import java.util.Arrays;

/**
 * The merged tokens of recently seen short pieces that are not themselves tokens (" unhappiness",
 * "Nevertheless"), so that a word met again costs one lookup instead of a merge loop whose every
 * step is a probe of the vocabulary table. Direct-mapped and shared by all threads of one tokenizer:
 * entries are immutable and published through final fields, so a racy read sees nothing or a whole
 * entry. A piece is stored the second time it misses (its hash is remembered the first time), so
 * text full of words that occur once does not churn the table or allocate.
 *
 * <p>Why and how much: on English the merges took about a third of {@code count}'s time (JFR),
 * most of it waiting for probes of the vocabulary table, one per adjacent pair per step. With this
 * cache, cl100k_base {@code count} in one JMH session (two runs each, alternating): botchan.txt 43–53
 * → 59–62 MB/s, 1 MB of Java code 34–43 → 52–54 MB/s. Interleaving the key and rank arrays of
 * {@link ByteVocabulary} (one cache line per hit instead of two) was tried too and changed nothing
 * measurable.
 */
public final class MergeCache {
    /** Pieces longer than this (in UTF-8 bytes) are merged every time. */
    public static final int MAX_PIECE_BYTES = 32;
    private static final int BITS = 14;

    private final BytePairMerger merger;
    private final Entry[] entries = new Entry[1 << BITS];
    private final int[] seen = new int[1 << BITS];

    /** A cache in front of {@code merger}. */
    public MergeCache(BytePairMerger merger) {
        this.merger = merger;
    }

    /**
     * What {@link BytePairMerger#merge} gives for {@code bytes[from, to)}, the same results in
     * {@code out}, from the cache when the piece was merged recently.
     */
    public int merge(byte[] bytes, int from, int to, MergeBuffers out) {
        int length = to - from;
        if (length > MAX_PIECE_BYTES || length < 2) {
            return merger.merge(bytes, from, to, out);
        }
        int hash = ByteVocabulary.hash(bytes, from, length) | 1; // never 0, the empty mark of seen
        int slot = hash >>> (32 - BITS);
        Entry e = entries[slot];
        if (e != null && e.hash == hash && Arrays.equals(e.bytes, 0, e.bytes.length, bytes, from, to)) {
            int[] ranks = e.ranks;
            byte[] lengths = e.lengths;
            int at = from;
            for (int k = 0; k < ranks.length; k++) {
                out.ranks[k] = ranks[k];
                out.starts[k] = at;
                at += lengths[k];
            }
            out.starts[ranks.length] = at;
            return ranks.length;
        }
        int count = merger.merge(bytes, from, to, out);
        if (seen[slot] != hash) {
            seen[slot] = hash; // first miss: remember, store on the next
        } else {
            byte[] lengths = new byte[count];
            for (int k = 0; k < count; k++) {
                lengths[k] = (byte) (out.starts[k + 1] - out.starts[k]);
            }
            entries[slot] = new Entry(hash, Arrays.copyOfRange(bytes, from, to), Arrays.copyOf(out.ranks, count), lengths);
        }
        return count;
    }

    private static final class Entry {
        final int hash;
        final byte[] bytes;
        final int[] ranks;
        final byte[] lengths;

        Entry(int hash, byte[] bytes, int[] ranks, byte[] lengths) {
            this.hash = hash;
            this.bytes = bytes;
            this.ranks = ranks;
            this.lengths = lengths;
        }
    }
}
