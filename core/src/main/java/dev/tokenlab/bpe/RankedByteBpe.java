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
    private static final int BITS = 14;

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
            Entry e = entries[slot];
            if (e != null && e.hash == hash && Arrays.equals(e.bytes, 0, e.bytes.length, bytes, from, to)) {
                int count = e.ids.length;
                w.ensure(count);
                System.arraycopy(e.ids, 0, w.ids, 0, count);
                int at = 0;
                for (int k = 0; k < count; k++) {
                    w.starts[k] = at;
                    at += e.lengths[k];
                }
                w.starts[count] = at;
                return count;
            }
            int count = merge(bytes, from, n, w);
            if (seen[slot] != hash) {
                seen[slot] = hash;
            } else {
                byte[] lengths = new byte[count];
                for (int k = 0; k < count; k++) {
                    lengths[k] = (byte) (w.starts[k + 1] - w.starts[k]);
                }
                entries[slot] = new Entry(hash, Arrays.copyOfRange(bytes, from, to), Arrays.copyOf(w.ids, count), lengths);
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

    private static final class Entry {
        final int hash;
        final byte[] bytes;
        final int[] ids;
        final byte[] lengths;

        Entry(int hash, byte[] bytes, int[] ids, byte[] lengths) {
            this.hash = hash;
            this.bytes = bytes;
            this.ids = ids;
            this.lengths = lengths;
        }
    }
}
