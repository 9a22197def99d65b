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
 * <p>Layout: one row of {@code planes × states} bits per UTF-16 position, packed bit by bit (14 bits
 * a position for Llama 3's pattern), for the positions {@code [base, frontier)}. Rows are cleared when
 * the frontier first reaches them, so clearing costs one pass over the positions the search explores;
 * rows below {@code base} are dropped (shifted out, 64 positions at a time, so the copy stays
 * word-aligned) when the search moves on. Memory is the explored window times the slots, in bits.
 */
final class Memo {
    static final int FAILED = 1;
    static final int SUCCEEDED = 2;
    static final int COMMITTED = 3;

    private final int planes;
    private final int states;
    /** Bits per position. */
    private final long rowBits;
    private long[] bits;
    /** The position of row 0; a multiple of 64. */
    private int offset;
    /** Rows the array holds. */
    private int capacity;
    /** Lowest position kept. */
    int base;
    /** Rows in {@code [base, frontier)} are valid; beyond, nothing has been visited. */
    int frontier;

    Memo(Program program, int initialRows) {
        this.planes = program.planes;
        this.states = Math.max(1, program.states);
        this.rowBits = (long) planes * states;
        this.capacity = Math.max(64, initialRows);
        this.bits = new long[words(capacity)];
    }

    private int words(long rows) {
        return Math.toIntExact((rows * rowBits + 63) >>> 6);
    }

    /** Forgets everything; positions from {@code base} on may be marked. */
    void reset(int newBase) {
        base = newBase;
        frontier = newBase;
        offset = newBase & ~63;
    }

    /** Forgets the positions below {@code newBase} (never moves back). */
    void advance(int newBase) {
        if (newBase >= frontier) {
            reset(newBase); // nothing valid is left
        } else if (newBase > base) {
            base = newBase;
        }
    }

    int get(int slot, int pos) {
        if (pos >= frontier || pos < base) {
            return 0;
        }
        long bit = (pos - offset) * rowBits + slot;
        if (planes == 1) {
            return (int) (bits[(int) (bit >>> 6)] >>> bit) & 1;
        }
        int value = 0;
        for (int p = 0; p < planes; p++, bit += states) {
            value |= ((int) (bits[(int) (bit >>> 6)] >>> bit) & 1) << p;
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
        long bit = (pos - offset) * rowBits + slot;
        for (int p = 0; p < planes; p++, bit += states) {
            int w = (int) (bit >>> 6);
            long mask = 1L << bit;
            bits[w] = ((value >>> p) & 1) != 0 ? bits[w] | mask : bits[w] & ~mask;
        }
    }

    /** Forgets one position (the end of a match: the path that matched is not a failure). */
    void clear(int pos) {
        if (pos >= base && pos < frontier) {
            long from = (pos - offset) * rowBits;
            clearBits(from, from + rowBits);
        }
    }

    /** Makes room for positions up to {@code pos} and clears the rows from the frontier to it. */
    private void extend(int pos) {
        if (pos - offset >= capacity) {
            int keep = base & ~63; // rows below are forgotten
            long needed = (long) pos - keep + 1;
            if (needed <= capacity / 2 || (needed <= capacity && keep > offset)) {
                shift(keep);
            } else {
                long rows = capacity;
                while (rows < needed * 2) {
                    rows *= 2;
                }
                shift(keep);
                bits = Arrays.copyOf(bits, words(rows));
                capacity = (int) Math.min(rows, Integer.MAX_VALUE);
            }
        }
        clearBits((frontier - offset) * rowBits, (pos + 1L - offset) * rowBits);
        frontier = pos + 1;
    }

    /** Moves row {@code newOffset} to row 0 ({@code newOffset - offset} is a multiple of 64, so whole words move). */
    private void shift(int newOffset) {
        if (newOffset == offset) {
            return;
        }
        int words = (int) (((long) (newOffset - offset) * rowBits) >>> 6);
        int valid = words((long) frontier - offset);
        if (valid > words) {
            System.arraycopy(bits, words, bits, 0, valid - words);
        }
        offset = newOffset;
    }

    private void clearBits(long from, long to) {
        if (from >= to) {
            return;
        }
        int first = (int) (from >>> 6);
        int last = (int) ((to - 1) >>> 6);
        long firstMask = -1L << from;
        long lastMask = -1L >>> (63 - ((to - 1) & 63));
        if (first == last) {
            bits[first] &= ~(firstMask & lastMask);
            return;
        }
        bits[first] &= ~firstMask;
        if (last > first + 1) {
            Arrays.fill(bits, first + 1, last, 0L);
        }
        bits[last] &= ~lastMask;
    }
}
