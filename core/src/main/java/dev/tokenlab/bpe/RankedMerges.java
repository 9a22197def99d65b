package dev.tokenlab.bpe;

import java.util.Arrays;

/**
 * An ordered merge list, as Hugging Face {@code tokenizer.json} and GGUF files carry one: pair of ids
 * → (rank, id of the merged token). A pair listed twice keeps its last rank, as the Rust library's
 * map does when it is built from the list. Open addressing over two arrays; immutable once built,
 * so one table serves every thread.
 */
public final class RankedMerges {
    /** What {@link #lookup} returns for a pair that is not in the list. */
    public static final long NONE = -1;

    private final long[] keys;
    private final long[] values;
    private final int mask;
    private final int size;

    private RankedMerges(long[] keys, long[] values, int size) {
        this.keys = keys;
        this.values = values;
        this.mask = keys.length - 1;
        this.size = size;
    }

    /**
     * The merge list whose entry {@code r} merges {@code left[r]} and {@code right[r]} into {@code result[r]}.
     *
     * @throws IllegalArgumentException if the arrays differ in length or an id is negative
     */
    public static RankedMerges of(int[] left, int[] right, int[] result) {
        int n = left.length;
        if (right.length != n || result.length != n) {
            throw new IllegalArgumentException("left, right and result differ in length");
        }
        int capacity = Integer.highestOneBit(Math.max(4, n * 2 - 1)) << 1;
        long[] keys = new long[capacity];
        Arrays.fill(keys, -1L);
        long[] values = new long[capacity];
        int mask = capacity - 1;
        int size = 0;
        for (int r = 0; r < n; r++) {
            if (left[r] < 0 || right[r] < 0 || result[r] < 0) {
                throw new IllegalArgumentException("merge " + r + " has a negative id");
            }
            long key = key(left[r], right[r]);
            int slot = slot(key, mask);
            while (keys[slot] != -1L && keys[slot] != key) {
                slot = (slot + 1) & mask;
            }
            if (keys[slot] == -1L) {
                size++;
            }
            keys[slot] = key;
            values[slot] = (long) r << 32 | result[r];
        }
        return new RankedMerges(keys, values, size);
    }

    /** {@code rank << 32 | merged id} for the pair, or {@link #NONE}. */
    public long lookup(int left, int right) {
        long key = key(left, right);
        int slot = slot(key, mask);
        while (true) {
            long k = keys[slot];
            if (k == key) {
                return values[slot];
            }
            if (k == -1L) {
                return NONE;
            }
            slot = (slot + 1) & mask;
        }
    }

    /** Number of distinct pairs. */
    public int size() {
        return size;
    }

    private static long key(int left, int right) {
        return (long) left << 32 | (right & 0xFFFFFFFFL);
    }

    private static int slot(long key, int mask) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 40) & mask;
    }
}
