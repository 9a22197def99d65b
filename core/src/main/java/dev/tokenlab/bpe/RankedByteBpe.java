package dev.tokenlab.bpe;

import java.util.Arrays;

/**
 * Byte-level BPE by merge rank over UTF-8 bytes, for byte-level {@code tokenizer.json} and GGUF
 * vocabularies: a piece that is itself a token is that token when the model ignores merges for whole
 * words ({@code ignore_merges}); otherwise each byte starts as its token and {@link RankedMergeBpe}
 * merges them. Recently merged short pieces come from a cache, shared by all threads (direct-mapped,
 * immutable entries, a piece stored on its second miss, as {@link MergeCache} does for tiktoken's rule).
 * Immutable and thread-safe; the per-call state is a {@link Work}.
 */
public final class RankedByteBpe {
    /** Pieces longer than this (bytes) are merged every time. */
    static final int MAX_CACHED_BYTES = 48;
    private static final int BITS = 16;

    private final ByteVocabulary vocab;
    private final RankedMerges merges;
    private final boolean ignoreMerges;
    private final int[] byteIds = new int[256];
    private final Entry[] entries = new Entry[1 << BITS];
    private final int[] seen = new int[1 << BITS];

    /**
     * An encoder over {@code vocab} (token bytes → id) and {@code merges}.
     *
     * @throws IllegalArgumentException if a byte has no token (a byte-level vocabulary has all 256)
     */
    public RankedByteBpe(ByteVocabulary vocab, RankedMerges merges, boolean ignoreMerges) {
        this.vocab = vocab;
        this.merges = merges;
        this.ignoreMerges = ignoreMerges;
        for (int b = 0; b < 256; b++) {
            byteIds[b] = vocab.rank(new byte[] {(byte) b}, 0, 1);
            if (byteIds[b] < 0) {
                throw new IllegalArgumentException(String.format("the vocabulary has no token for byte 0x%02X", b));
            }
        }
    }

    /** Per-call working state and results: {@link #ids} and the byte offsets {@link #starts} (k + 1 of them). */
    public static final class Work {
        int[] ids = new int[64];
        int[] starts = new int[65];
        private RankedMergeBpe bpe;

        /** The ids of the last {@link #encode}; the first {@code count} are valid (the array is reused). */
        public int[] ids() {
            return ids;
        }

        /** Where each token starts, in bytes from the piece's start; entry {@code count} is the piece's length (reused array). */
        public int[] starts() {
            return starts;
        }

        void ensure(int n) {
            if (ids.length < n) {
                ids = Arrays.copyOf(ids, Math.max(n, ids.length * 2));
                starts = Arrays.copyOf(starts, ids.length + 1);
            }
        }
    }

    private static long pack(byte[] bytes, int from, int n) {
        long key = 0;
        for (int i = n - 1; i >= 0; i--) {
            key = key << 8 | bytes[from + i] & 0xFF;
        }
        return key;
    }

    /** A new working state for one caller at a time. */
    public Work newWork() {
        Work w = new Work();
        w.bpe = new RankedMergeBpe(merges);
        return w;
    }

    /**
     * Encodes {@code bytes[from, to)} (padded by {@link ByteVocabulary#READ_PADDING} after {@code to}
     * when possible) into {@code w}.
     *
     * @return the number of tokens
     */
    public int encode(byte[] bytes, int from, int to, Work w) {
        int n = to - from;
        if (ignoreMerges) {
            int id = vocab.rank(bytes, from, to);
            if (id >= 0) {
                w.ensure(1);
                w.ids[0] = id;
                w.starts[0] = 0;
                w.starts[1] = n;
                return 1;
            }
        }
        if (n <= MAX_CACHED_BYTES && n >= 2) {
            int hash = ByteVocabulary.hash(bytes, from, n) | 1;
            int slot = hash >>> (32 - BITS);
            long key = n <= 8 ? pack(bytes, from, n) : 0;
            Entry e = entries[slot];
            if (e != null && e.hash == hash && e.length == n
                    && (n <= 8 ? e.key == key : Arrays.equals(e.bytes, 0, n, bytes, from, to))) {
                int count = e.count;
                w.ensure(count);
                System.arraycopy(e.idsAndStarts, 0, w.ids, 0, count);
                System.arraycopy(e.idsAndStarts, count, w.starts, 0, count + 1);
                return count;
            }
            int count = merge(bytes, from, n, w);
            if (seen[slot] != hash) {
                seen[slot] = hash;
            } else {
                int[] idsAndStarts = Arrays.copyOf(w.ids, 2 * count + 1);
                System.arraycopy(w.starts, 0, idsAndStarts, count, count + 1);
                entries[slot] = new Entry(hash, n, key, n <= 8 ? null : Arrays.copyOfRange(bytes, from, to), count, idsAndStarts);
            }
            return count;
        }
        return merge(bytes, from, n, w);
    }

    private int merge(byte[] bytes, int from, int n, Work w) {
        w.ensure(n);
        for (int i = 0; i < n; i++) {
            w.ids[i] = byteIds[bytes[from + i] & 0xFF];
        }
        return w.bpe.merge(w.ids, n, w.starts);
    }

    /** A cached piece: up to 8 bytes packed in {@code key}, longer ones in {@code bytes}; its ids, then its token starts. */
    private static final class Entry {
        final int hash;
        final int length;
        final long key;
        final byte[] bytes;
        final int count;
        final int[] idsAndStarts;

        Entry(int hash, int length, long key, byte[] bytes, int count, int[] idsAndStarts) {
            this.hash = hash;
            this.length = length;
            this.key = key;
            this.bytes = bytes;
            this.count = count;
            this.idsAndStarts = idsAndStarts;
        }
    }
}
