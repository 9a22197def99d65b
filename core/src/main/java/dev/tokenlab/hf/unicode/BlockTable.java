package dev.tokenlab.hf.unicode;

/**
 * One byte per code point, stored as blocks of 256 code points with identical blocks shared: most of the
 * 0x110000 code points sit in a few repeated blocks (unassigned, CJK, private use), so a table takes a few
 * dozen kilobytes instead of a megabyte, and a lookup is two array reads.
 */
final class BlockTable {
    static final int BLOCKS = 0x1100;

    private final short[] index;
    private final byte[][] blocks;

    BlockTable(short[] index, byte[][] blocks) {
        this.index = index;
        this.blocks = blocks;
    }

    /** The value of {@code codePoint} (0 … 255); 0 outside the code space. */
    int get(int codePoint) {
        if (codePoint < 0 || codePoint > Character.MAX_CODE_POINT) {
            return 0;
        }
        return blocks[index[codePoint >>> 8]][codePoint & 0xFF] & 0xFF;
    }

    /** Whether some code point has the value {@code value} (to check a table once, on load). */
    boolean containsValue(int value) {
        for (byte[] block : blocks) {
            for (byte b : block) {
                if ((b & 0xFF) == value) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The largest value stored. */
    int maxValue() {
        int max = 0;
        for (byte[] block : blocks) {
            for (byte b : block) {
                max = Math.max(max, b & 0xFF);
            }
        }
        return max;
    }

    /** Every code point whose value is not 0, in order. */
    int[] nonZero() {
        boolean[] used = new boolean[blocks.length];
        for (int b = 0; b < blocks.length; b++) {
            for (byte v : blocks[b]) {
                used[b] |= v != 0;
            }
        }
        int[] cps = new int[64];
        int n = 0;
        for (int hi = 0; hi < BLOCKS; hi++) {
            if (!used[index[hi]]) {
                continue;
            }
            byte[] block = blocks[index[hi]];
            for (int lo = 0; lo < 256; lo++) {
                if (block[lo] != 0) {
                    if (n == cps.length) {
                        cps = java.util.Arrays.copyOf(cps, n * 2);
                    }
                    cps[n++] = hi << 8 | lo;
                }
            }
        }
        return java.util.Arrays.copyOf(cps, n);
    }

    /** Distinct blocks stored. */
    int blockCount() {
        return blocks.length;
    }
}
