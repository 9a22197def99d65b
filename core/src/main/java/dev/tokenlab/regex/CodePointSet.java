package dev.tokenlab.regex;

import java.util.Arrays;

/**
 * An immutable set of code points as sorted, disjoint, non-adjacent inclusive ranges: what a
 * character class, a {@code \p{..}} property or a case-folded literal denotes.
 *
 * <p>Why ranges: classes are built once, at compile time, by union, intersection, complement and
 * case-fold closure over the whole code space (U+0000–U+10FFFF, lone surrogates included, since
 * the engine reads UTF-16 as code points); ranges make those operations exact and cheap. Matching
 * uses {@link ClassMatcher}, which is compiled from a set.
 */
final class CodePointSet {
    static final int MAX = Character.MAX_CODE_POINT;

    static final CodePointSet EMPTY = new CodePointSet(new int[0]);
    static final CodePointSet ALL = new CodePointSet(new int[] {0, MAX});

    /** lo0, hi0, lo1, hi1, …: sorted, disjoint and not adjacent. */
    private final int[] ranges;

    private CodePointSet(int[] ranges) {
        this.ranges = ranges;
    }

    static CodePointSet of(int cp) {
        return new CodePointSet(new int[] {cp, cp});
    }

    static CodePointSet range(int lo, int hi) {
        return lo > hi ? EMPTY : new CodePointSet(new int[] {lo, hi});
    }

    /** A set from unsorted, possibly overlapping pairs {@code lo, hi, lo, hi, …}. */
    static CodePointSet ofRanges(int... pairs) {
        Builder b = new Builder();
        for (int i = 0; i < pairs.length; i += 2) {
            b.add(pairs[i], pairs[i + 1]);
        }
        return b.build();
    }

    int rangeCount() {
        return ranges.length / 2;
    }

    int lo(int i) {
        return ranges[2 * i];
    }

    int hi(int i) {
        return ranges[2 * i + 1];
    }

    boolean isEmpty() {
        return ranges.length == 0;
    }

    boolean isAll() {
        return ranges.length == 2 && ranges[0] == 0 && ranges[1] == MAX;
    }

    /** The only member, or -1 if the set does not have exactly one. */
    int single() {
        return ranges.length == 2 && ranges[0] == ranges[1] ? ranges[0] : -1;
    }

    boolean contains(int cp) {
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

    CodePointSet union(CodePointSet other) {
        if (other.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return other;
        }
        Builder b = new Builder();
        b.addAll(this);
        b.addAll(other);
        return b.build();
    }

    CodePointSet complement() {
        Builder b = new Builder();
        int next = 0;
        for (int i = 0; i < ranges.length; i += 2) {
            if (ranges[i] > next) {
                b.add(next, ranges[i] - 1);
            }
            next = ranges[i + 1] + 1;
        }
        if (next <= MAX) {
            b.add(next, MAX);
        }
        return b.build();
    }

    CodePointSet intersect(CodePointSet other) {
        Builder b = new Builder();
        int i = 0;
        int j = 0;
        while (i < ranges.length && j < other.ranges.length) {
            int lo = Math.max(ranges[i], other.ranges[j]);
            int hi = Math.min(ranges[i + 1], other.ranges[j + 1]);
            if (lo <= hi) {
                b.add(lo, hi);
            }
            if (ranges[i + 1] < other.ranges[j + 1]) {
                i += 2;
            } else {
                j += 2;
            }
        }
        return b.build();
    }

    CodePointSet minus(CodePointSet other) {
        return intersect(other.complement());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CodePointSet s && Arrays.equals(ranges, s.ranges);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ranges);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < ranges.length; i += 2) {
            sb.append(String.format("%X", ranges[i]));
            if (ranges[i + 1] != ranges[i]) {
                sb.append('-').append(String.format("%X", ranges[i + 1]));
            }
            if (i + 2 < ranges.length) {
                sb.append(' ');
            }
        }
        return sb.append(']').toString();
    }

    /** Collects ranges in any order; {@link #build()} sorts and merges them. */
    static final class Builder {
        private int[] pairs = new int[16];
        private int size;

        Builder add(int lo, int hi) {
            if (lo > hi) {
                return this;
            }
            if (size + 2 > pairs.length) {
                pairs = Arrays.copyOf(pairs, pairs.length * 2);
            }
            pairs[size++] = lo;
            pairs[size++] = hi;
            return this;
        }

        Builder add(int cp) {
            return add(cp, cp);
        }

        Builder addAll(CodePointSet set) {
            for (int i = 0; i < set.ranges.length; i += 2) {
                add(set.ranges[i], set.ranges[i + 1]);
            }
            return this;
        }

        CodePointSet build() {
            int n = size / 2;
            long[] packed = new long[n];
            for (int i = 0; i < n; i++) {
                packed[i] = ((long) pairs[2 * i] << 32) | pairs[2 * i + 1];
            }
            Arrays.sort(packed);
            int[] out = new int[size];
            int w = 0;
            for (long p : packed) {
                int lo = (int) (p >>> 32);
                int hi = (int) p;
                if (w > 0 && lo <= out[w - 1] + 1) {
                    out[w - 1] = Math.max(out[w - 1], hi);
                } else {
                    out[w++] = lo;
                    out[w++] = hi;
                }
            }
            return new CodePointSet(Arrays.copyOf(out, w));
        }
    }
}
