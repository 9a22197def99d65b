package dev.tokenlab.regex;

import java.util.Arrays;

/**
 * What the search has learned about (state, position) pairs: a few bits per memo slot of a
 * {@link Program} per text position, kept only for a window of positions.
 *
 * <p>Values: 0 not visited; {@link #FAILED} visited (and, unless it is on the path being explored,
 * known to fail); {@link #SUCCEEDED} known to reach the end of a lookaround's body;
 * {@code COMMITTED + l - 1} known to reach the end of the enclosing atomic group of nesting level
 * {@code l} whose continuation then failed, so reaching it again fails that whole group.
 *
 * <p>Layout: rows of {@code planes × ceil(states / 64)} longs, one row per UTF-16 position, in a ring
 * that covers {@code [base, frontier)}. Rows are cleared when the frontier first reaches them, so
 * clearing costs one pass over the positions the search explores; positions below {@code base} are
 * forgotten when the search moves on. Memory is the explored window times the slots, in bits.
 */
final class Memo {
    static final int FAILED = 1;
    static final int SUCCEEDED = 2;
    static final int COMMITTED = 3;

    private final int planes;
    private final int wordsPerPlane;
    private final int rowWords;
    private long[] bits;
    private int mask;
    /** Lowest position kept. */
    int base;
    /** Rows in {@code [base, frontier)} are valid; beyond, nothing has been visited. */
    int frontier;

    Memo(Program program, int initialRows) {
        this.planes = program.planes;
        this.wordsPerPlane = Math.max(1, (program.states + 63) >>> 6);
        this.rowWords = planes * wordsPerPlane;
        int rows = Integer.highestOneBit(Math.max(4, initialRows) - 1) << 1;
        this.bits = new long[rows * rowWords];
        this.mask = rows - 1;
    }

    /** Forgets everything; positions from {@code base} on may be marked. */
    void reset(int newBase) {
        base = newBase;
        frontier = newBase;
    }

    /** Forgets the positions below {@code newBase} (never moves back). */
    void advance(int newBase) {
        if (newBase > base) {
            base = newBase;
            if (frontier < newBase) {
                frontier = newBase;
            }
        }
    }

    int get(int slot, int pos) {
        if (pos >= frontier || pos < base) {
            return 0;
        }
        int word = (pos & mask) * rowWords + (slot >>> 6);
        if (planes == 1) {
            return (int) (bits[word] >>> slot) & 1;
        }
        int value = 0;
        for (int p = 0; p < planes; p++) {
            value |= ((int) (bits[word + p * wordsPerPlane] >>> slot) & 1) << p;
        }
        return value;
    }

    void set(int slot, int pos, int value) {
        if (pos < base) {
            return;
        }
        if (pos >= frontier) {
            extend(pos);
        }
        int word = (pos & mask) * rowWords + (slot >>> 6);
        long bit = 1L << slot;
        if (planes == 1) {
            bits[word] = value != 0 ? bits[word] | bit : bits[word] & ~bit;
            return;
        }
        for (int p = 0; p < planes; p++) {
            int w = word + p * wordsPerPlane;
            bits[w] = ((value >>> p) & 1) != 0 ? bits[w] | bit : bits[w] & ~bit;
        }
    }

    /** Forgets one position (the end of a match: the path that matched is not a failure). */
    void clear(int pos) {
        if (pos >= base && pos < frontier) {
            int at = (pos & mask) * rowWords;
            Arrays.fill(bits, at, at + rowWords, 0L);
        }
    }

    private void extend(int pos) {
        if (pos - base >= mask + 1) {
            grow(pos - base + 1);
        }
        if (rowWords == 1) {
            for (int r = frontier; r <= pos; r++) {
                bits[r & mask] = 0L;
            }
        } else {
            for (int r = frontier; r <= pos; r++) {
                int at = (r & mask) * rowWords;
                Arrays.fill(bits, at, at + rowWords, 0L);
            }
        }
        frontier = pos + 1;
    }

    private void grow(int rowsNeeded) {
        int rows = mask + 1;
        while (rows < rowsNeeded) {
            rows <<= 1;
        }
        long[] grown = new long[Math.multiplyExact(rows, rowWords)];
        int newMask = rows - 1;
        for (int r = base; r < frontier; r++) {
            System.arraycopy(bits, (r & mask) * rowWords, grown, (r & newMask) * rowWords, rowWords);
        }
        bits = grown;
        mask = newMask;
    }
}
