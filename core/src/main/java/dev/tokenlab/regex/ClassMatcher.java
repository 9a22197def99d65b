package dev.tokenlab.regex;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Fast membership for one {@link CodePointSet}: a two-level bitmap for the BMP (256 blocks of 256
 * bits, identical blocks shared, so {@code \p{L}} takes a few kilobytes) and a binary search over
 * ranges above U+FFFF, which are rare in text.
 *
 * <p>Why: the engine tests a class for nearly every code point it reads; a range search over the
 * hundreds of ranges of {@code \p{L}} would cost several times the table lookup.
 */
final class ClassMatcher {
    /** Block number (times 4, the longs per block) of each 256-code-point block of the BMP. */
    private final char[] index = new char[256];
    private final long[] blocks;
    /** lo, hi pairs of the ranges above U+FFFF. */
    private final int[] supplementary;
    /** The set matched (for listings and tests). */
    final CodePointSet set;

    ClassMatcher(CodePointSet set) {
        this.set = set;
        long[] bmp = new long[1024];
        int supplementaryRanges = 0;
        for (int r = 0; r < set.rangeCount(); r++) {
            int lo = set.lo(r);
            int hi = Math.min(set.hi(r), 0xFFFF);
            if (lo <= hi) {
                setBits(bmp, lo, hi);
            }
            if (set.hi(r) > 0xFFFF) {
                supplementaryRanges++;
            }
        }
        Map<Block, Integer> seen = new HashMap<>();
        long[] out = new long[1024];
        int used = 0;
        for (int b = 0; b < 256; b++) {
            Block block = new Block(bmp[4 * b], bmp[4 * b + 1], bmp[4 * b + 2], bmp[4 * b + 3]);
            Integer at = seen.get(block);
            if (at == null) {
                at = used;
                System.arraycopy(bmp, 4 * b, out, used, 4);
                used += 4;
                seen.put(block, at);
            }
            index[b] = (char) (int) at;
        }
        blocks = Arrays.copyOf(out, used);
        supplementary = new int[supplementaryRanges * 2];
        int w = 0;
        for (int r = 0; r < set.rangeCount(); r++) {
            if (set.hi(r) > 0xFFFF) {
                supplementary[w++] = Math.max(set.lo(r), 0x10000);
                supplementary[w++] = set.hi(r);
            }
        }
    }

    /** 256 bits of the BMP bitmap, as a key to share identical blocks. */
    private record Block(long w0, long w1, long w2, long w3) {
    }

    /** Sets bits {@code lo..hi} (inclusive) of a bitmap. */
    private static void setBits(long[] bits, int lo, int hi) {
        int first = lo >>> 6;
        int last = hi >>> 6;
        long firstMask = -1L << lo;
        long lastMask = -1L >>> (63 - (hi & 63));
        if (first == last) {
            bits[first] |= firstMask & lastMask;
            return;
        }
        bits[first] |= firstMask;
        for (int w = first + 1; w < last; w++) {
            bits[w] = -1L;
        }
        bits[last] |= lastMask;
    }

    boolean contains(int cp) {
        if (cp < 0x10000) {
            return (blocks[index[cp >>> 8] + ((cp >>> 6) & 3)] & (1L << cp)) != 0;
        }
        int[] ranges = supplementary;
        int lo = 0;
        int hi = ranges.length / 2 - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (cp < ranges[2 * mid]) {
                hi = mid - 1;
            } else if (cp > ranges[2 * mid + 1]) {
                lo = mid + 1;
            } else {
                return true;
            }
        }
        return false;
    }
}
