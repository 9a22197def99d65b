package dev.tokenlab.bpe;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A byte-level BPE vocabulary: for each rank the token's bytes, and the reverse lookup from bytes to
 * rank. Ranks double as token ids, and a lower rank merges first.
 *
 * <p>Immutable and thread-safe. Lookups do not allocate: tokens of up to 7 bytes (most lookups
 * during merging) are packed into a {@code long} with their length and found in one open-addressing
 * table; longer tokens live in a second table keyed by a hash of their bytes.
 *
 * <pre>{@code
 * ByteVocabulary v = ByteVocabulary.of(new byte[][] {{'a'}, {'b'}, {'a', 'b'}});
 * v.rank(new byte[] {'a', 'b'}, 0, 2);   // 2
 * v.rank(new byte[] {'b', 'a'}, 0, 2);   // -1
 * }</pre>
 */
public final class ByteVocabulary {
    /** Bytes past the end of a buffer that {@link #rank} may read (but ignores); callers pad by this. */
    public static final int READ_PADDING = 8;

    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int MAX_PACKED = 7;

    private final byte[] data;
    private final int[] offsets;
    private final int[] byteRanks = new int[256];

    // Tokens of 1..7 bytes: key = little-endian bytes | length << 56 (never 0), value = rank.
    private final long[] packedKeys;
    private final int[] packedRanks;
    private final int packedShift;

    // Tokens of 8+ bytes: slot holds rank + 1 (0 = empty).
    private final int[] longSlots;
    private final int longShift;

    // Tables of the backtracking encoder for long pieces, built on first use.
    private final Object backtrackingLock = new Object();
    private volatile BacktrackingEncoder backtracking;
    private volatile boolean backtrackingUnsupported;

    private ByteVocabulary(byte[] data, int[] offsets) {
        this.data = data;
        this.offsets = offsets;
        int size = offsets.length - 1;
        Arrays.fill(byteRanks, -1);
        int packed = 0;
        for (int r = 0; r < size; r++) {
            int len = offsets[r + 1] - offsets[r];
            if (len > 0 && len <= MAX_PACKED) {
                packed++;
            }
        }
        int packedBits = tableBits(packed);
        packedKeys = new long[1 << packedBits];
        packedRanks = new int[1 << packedBits];
        packedShift = 64 - packedBits;
        int longBits = tableBits(size - packed);
        longSlots = new int[1 << longBits];
        longShift = 32 - longBits;
        for (int r = 0; r < size; r++) {
            int off = offsets[r];
            int len = offsets[r + 1] - off;
            if (len == 0) {
                continue;
            }
            if (len == 1) {
                byteRanks[data[off] & 0xFF] = r;
            }
            if (len <= MAX_PACKED) {
                long key = pack(data, off, len);
                int slot = (int) ((key * 0x9E3779B97F4A7C15L) >>> packedShift);
                while (packedKeys[slot] != 0) {
                    if (packedKeys[slot] == key) {
                        throw new IllegalArgumentException("token bytes of rank " + r + " repeat rank " + packedRanks[slot]);
                    }
                    slot = (slot + 1) & (packedKeys.length - 1);
                }
                packedKeys[slot] = key;
                packedRanks[slot] = r;
            } else {
                int slot = hash(data, off, len) >>> longShift;
                while (longSlots[slot] != 0) {
                    int other = longSlots[slot] - 1;
                    if (sameBytes(other, data, off, off + len)) {
                        throw new IllegalArgumentException("token bytes of rank " + r + " repeat rank " + other);
                    }
                    slot = (slot + 1) & (longSlots.length - 1);
                }
                longSlots[slot] = r + 1;
            }
        }
    }

    /**
     * Builds a vocabulary from token bytes indexed by rank; a {@code null} entry marks an unused rank.
     *
     * @throws IllegalArgumentException if a token is empty or two ranks have the same bytes
     */
    /**
     * A vocabulary over tokens stored end to end: rank {@code r}'s bytes are
     * {@code data[offsets[r], offsets[r + 1])} (empty for an unused rank). The arrays are kept, not copied.
     *
     * @throws IllegalArgumentException if the offsets do not run through {@code data} in order, or two ranks share bytes
     */
    public static ByteVocabulary ofConcatenated(byte[] data, int[] offsets) {
        if (offsets.length == 0 || offsets[0] != 0 || offsets[offsets.length - 1] != data.length) {
            throw new IllegalArgumentException("offsets must run from 0 to the data's length");
        }
        for (int r = 0; r + 1 < offsets.length; r++) {
            if (offsets[r + 1] < offsets[r]) {
                throw new IllegalArgumentException("offset of rank " + (r + 1) + " is before rank " + r + "'s");
            }
        }
        return new ByteVocabulary(data, offsets);
    }

    public static ByteVocabulary of(byte[][] tokensByRank) {
        int total = 0;
        for (byte[] t : tokensByRank) {
            total += t == null ? 0 : t.length;
        }
        byte[] data = new byte[total];
        int[] offsets = new int[tokensByRank.length + 1];
        int p = 0;
        for (int r = 0; r < tokensByRank.length; r++) {
            offsets[r] = p;
            byte[] t = tokensByRank[r];
            if (t != null) {
                if (t.length == 0) {
                    throw new IllegalArgumentException("token of rank " + r + " is empty");
                }
                System.arraycopy(t, 0, data, p, t.length);
                p += t.length;
            }
        }
        offsets[tokensByRank.length] = p;
        return new ByteVocabulary(data, offsets);
    }

    /** Number of ranks, used or not (every rank is below this). */
    public int size() {
        return offsets.length - 1;
    }

    /**
     * The backtracking encoder for this vocabulary, its tables built on the first call (once, whatever
     * the threads); {@code null} if the vocabulary is not one it supports.
     */
    BacktrackingEncoder backtracking() {
        BacktrackingEncoder b = backtracking;
        if (b == null && !backtrackingUnsupported) {
            synchronized (backtrackingLock) {
                b = backtracking;
                if (b == null && !backtrackingUnsupported) {
                    if (BacktrackingEncoder.supports(this)) {
                        backtracking = b = new BacktrackingEncoder(this);
                    } else {
                        backtrackingUnsupported = true;
                    }
                }
            }
        }
        return b;
    }

    /** The backtracking encoder if its tables were already built, else {@code null}. */
    BacktrackingEncoder backtrackingIfBuilt() {
        return backtracking;
    }

    /** Whether {@code rank} stands for a token. */
    public boolean contains(int rank) {
        return rank >= 0 && rank < size() && offsets[rank + 1] > offsets[rank];
    }

    /** The rank of a single byte, or -1 if the vocabulary lacks it. */
    public int byteRank(int b) {
        return byteRanks[b & 0xFF];
    }

    /** Length in bytes of the token of {@code rank} (0 for an unused rank). */
    public int tokenLength(int rank) {
        return offsets[rank + 1] - offsets[rank];
    }

    /** A copy of the bytes of the token of {@code rank}. */
    public byte[] tokenBytes(int rank) {
        return Arrays.copyOfRange(data, offsets[rank], offsets[rank + 1]);
    }

    /** Copies the token's bytes into {@code out} at {@code pos}; returns the position after them. */
    public int copyTokenBytes(int rank, byte[] out, int pos) {
        int len = offsets[rank + 1] - offsets[rank];
        System.arraycopy(data, offsets[rank], out, pos, len);
        return pos + len;
    }

    /**
     * The rank of the token whose bytes are {@code bytes[from, to)}, or -1 if there is none.
     * If {@code bytes} has at least {@link #READ_PADDING} bytes after {@code to}, short keys are read
     * with one unaligned load.
     */
    public int rank(byte[] bytes, int from, int to) {
        int len = to - from;
        if (len <= MAX_PACKED) {
            if (len <= 0) {
                return -1;
            }
            long key = from + 8 <= bytes.length
                    ? ((long) LONG_LE.get(bytes, from) & ((1L << (len << 3)) - 1)) | ((long) len << 56)
                    : pack(bytes, from, len);
            long[] keys = packedKeys;
            int mask = keys.length - 1;
            int slot = (int) ((key * 0x9E3779B97F4A7C15L) >>> packedShift);
            long k;
            while ((k = keys[slot]) != 0) {
                if (k == key) {
                    return packedRanks[slot];
                }
                slot = (slot + 1) & mask;
            }
            return -1;
        }
        int[] slots = longSlots;
        int mask = slots.length - 1;
        int slot = hash(bytes, from, len) >>> longShift;
        int v;
        while ((v = slots[slot]) != 0) {
            if (sameBytes(v - 1, bytes, from, to)) {
                return v - 1;
            }
            slot = (slot + 1) & mask;
        }
        return -1;
    }

    private boolean sameBytes(int rank, byte[] bytes, int from, int to) {
        int off = offsets[rank];
        int end = offsets[rank + 1];
        return end - off == to - from && Arrays.equals(data, off, end, bytes, from, to);
    }

    private static long pack(byte[] bytes, int from, int len) {
        long key = 0;
        for (int i = len - 1; i >= 0; i--) {
            key = (key << 8) | (bytes[from + i] & 0xFF);
        }
        return key | ((long) len << 56);
    }

    /** A hash of {@code bytes[from, from + len)} (also {@link MergeCache}'s). */
    static int hash(byte[] bytes, int from, int len) {
        long h = len * 0x9E3779B97F4A7C15L;
        int i = from;
        int end = from + len;
        for (; i + 8 <= end; i += 8) {
            h = (h ^ (long) LONG_LE.get(bytes, i)) * 0xBF58476D1CE4E5B9L;
            h ^= h >>> 31;
        }
        for (; i < end; i++) {
            h = (h ^ (bytes[i] & 0xFF)) * 0x94D049BB133111EBL;
        }
        h ^= h >>> 29;
        h *= 0xBF58476D1CE4E5B9L;
        return (int) (h ^ (h >>> 32));
    }

    private static int tableBits(int entries) {
        int bits = 4;
        while ((1 << bits) < entries * 2L) {
            bits++;
        }
        return bits;
    }
}
