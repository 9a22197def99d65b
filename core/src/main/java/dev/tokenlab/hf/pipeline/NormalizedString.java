package dev.tokenlab.hf.pipeline;

import java.util.Arrays;

/**
 * A piece of input on its way through a Hugging Face pipeline: its current code points and, for each,
 * the range of the original input (UTF-16 offsets) it came from, so that tokens can report offsets
 * into the caller's string however much normalization rewrote the text.
 *
 * <p>Immutable: an edit builds a new string through {@link Builder}, where every new code point names
 * the code point of this string it stands for and takes that one's range (the rule the Rust library's
 * alignments follow: a decomposed or case-mapped character maps to the whole original character, a
 * composed one to the first of its parts, a replacement to the last character of what it replaced, a
 * prepended one to the first character). {@link #slice} shares the arrays.
 */
public final class NormalizedString {
    private final int[] codePoints;
    private final int[] starts;
    private final int[] ends;
    private final int from;
    private final int to;
    /** Where the input stretch this string was made from starts (UTF-16): what the Rust library's (0, 0) alignment means. */
    private final int base;

    private NormalizedString(int[] codePoints, int[] starts, int[] ends, int from, int to, int base) {
        this.codePoints = codePoints;
        this.starts = starts;
        this.ends = ends;
        this.from = from;
        this.to = to;
        this.base = base;
    }

    /** {@code text[from, to)} as it is, each code point aligned to itself (lone surrogates are code points too). */
    public static NormalizedString of(CharSequence text, int from, int to) {
        int[] cps = new int[to - from];
        int[] starts = new int[to - from];
        int[] ends = new int[to - from];
        int n = 0;
        int i = from;
        while (i < to) {
            char c = text.charAt(i);
            int cp = c;
            int width = 1;
            if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(text.charAt(i + 1))) {
                cp = Character.toCodePoint(c, text.charAt(i + 1));
                width = 2;
            }
            cps[n] = cp;
            starts[n] = i;
            ends[n] = i + width;
            n++;
            i += width;
        }
        return new NormalizedString(cps, starts, ends, 0, n, from);
    }

    /** Number of code points. */
    public int length() {
        return to - from;
    }

    /** Whether there are no code points. */
    public boolean isEmpty() {
        return to == from;
    }

    /** The code point at {@code i}. */
    public int codePointAt(int i) {
        return codePoints[from + i];
    }

    /** Where in the original input the code point at {@code i} begins (UTF-16 offset). */
    public int originalStart(int i) {
        return starts[from + i];
    }

    /** Where in the original input the code point at {@code i} ends (UTF-16 offset, exclusive). */
    public int originalEnd(int i) {
        return ends[from + i];
    }

    /** Where the input stretch this string was made from starts (UTF-16 offset). */
    public int base() {
        return base;
    }

    /**
     * Applies a list of Rust-style changes from the start, as {@code NormalizedString::transform} does:
     * each {@code (codePoint, change)} with {@code change <= 0} takes the range of the next source code
     * point and then drops {@code -change} more; with {@code change > 0} it is inserted and takes the range
     * of the source code point before (at the very start, the empty range at {@link #base()}). Source
     * code points left over are dropped.
     */
    public NormalizedString transform(int[] codePoints, int[] changes, int count) {
        Builder out = edit();
        int cursor = 0;
        for (int k = 0; k < count; k++) {
            int change = changes[k];
            if (change > 0) {
                if (cursor == 0) {
                    out.putRange(codePoints[k], base, base);
                } else {
                    out.put(codePoints[k], cursor - 1);
                }
                continue;
            }
            if (cursor >= length()) {
                throw new IllegalStateException("a change replaces code point " + cursor + " of " + length());
            }
            out.put(codePoints[k], cursor);
            cursor += 1 - change;
        }
        return out.build();
    }

    /** Every {@code pattern} code point turned into {@code content}, each keeping its range (the ranges are shared). */
    public NormalizedString replaceCodePoint(int pattern, int content) {
        int at = from;
        while (at < to && codePoints[at] != pattern) {
            at++;
        }
        if (at == to) {
            return this;
        }
        int[] replaced = Arrays.copyOf(codePoints, codePoints.length);
        for (int i = at; i < to; i++) {
            if (replaced[i] == pattern) {
                replaced[i] = content;
            }
        }
        return new NormalizedString(replaced, starts, ends, from, to, base);
    }

    /** The code points {@code [start, end)}, sharing this string's arrays. */
    public NormalizedString slice(int start, int end) {
        if (start < 0 || end > length() || start > end) {
            throw new IndexOutOfBoundsException("slice " + start + ".." + end + " of " + length());
        }
        return start == 0 && end == length() ? this : new NormalizedString(codePoints, starts, ends, from + start, from + end, base);
    }

    /** The text, as a Java string. */
    @Override
    public String toString() {
        return new String(codePoints, from, to - from);
    }

    /** The code points, copied. */
    public int[] codePoints() {
        return Arrays.copyOfRange(codePoints, from, to);
    }

    /** Whether the code points are exactly those of {@code s}. */
    public boolean contentEquals(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (n >= length() || codePointAt(n) != cp) {
                return false;
            }
            n++;
            i += Character.charCount(cp);
        }
        return n == length();
    }

    /** A builder for an edited copy of this string. */
    public Builder edit() {
        return new Builder(this);
    }

    /**
     * Builds an edited string from a source: {@link #keep} copies a source code point, {@link #put}
     * writes a new one that stands for a source code point. Source code points never mentioned are
     * removed (their range is covered by no token).
     */
    public static final class Builder {
        private final NormalizedString source;
        private int[] cps;
        private int[] starts;
        private int[] ends;
        private int n;

        private Builder(NormalizedString source) {
            this.source = source;
            // Small at first and doubled as needed: an edit of one word of a long text must not cost the text's length.
            int capacity = Math.max(4, Math.min(source.length() + 4, 256));
            cps = new int[capacity];
            starts = new int[capacity];
            ends = new int[capacity];
        }

        /** Copies source code point {@code i} with its range. */
        public Builder keep(int i) {
            return put(source.codePointAt(i), i);
        }

        /** Copies source code points {@code [i, j)} with their ranges. */
        public Builder keep(int i, int j) {
            for (int k = i; k < j; k++) {
                keep(k);
            }
            return this;
        }

        /** Writes {@code codePoint}, standing for source code point {@code i} (it takes that one's range). */
        public Builder put(int codePoint, int i) {
            if (n == cps.length) {
                int capacity = n * 2;
                cps = Arrays.copyOf(cps, capacity);
                starts = Arrays.copyOf(starts, capacity);
                ends = Arrays.copyOf(ends, capacity);
            }
            cps[n] = codePoint;
            starts[n] = source.originalStart(i);
            ends[n] = source.originalEnd(i);
            n++;
            return this;
        }

        /**
         * Writes {@code codePoint} covering the original range {@code [originalStart, originalEnd)} (UTF-16
         * offsets), for an edit whose result stands for several source code points, or for none.
         */
        public Builder putRange(int codePoint, int originalStart, int originalEnd) {
            if (n == cps.length) {
                int capacity = n * 2;
                cps = Arrays.copyOf(cps, capacity);
                starts = Arrays.copyOf(starts, capacity);
                ends = Arrays.copyOf(ends, capacity);
            }
            cps[n] = codePoint;
            starts[n] = originalStart;
            ends[n] = originalEnd;
            n++;
            return this;
        }

        /** Writes every code point of {@code text}, each standing for source code point {@code i}. */
        public Builder put(String text, int i) {
            for (int k = 0; k < text.length(); ) {
                int cp = text.codePointAt(k);
                put(cp, i);
                k += Character.charCount(cp);
            }
            return this;
        }

        /** Number of code points written so far. */
        public int length() {
            return n;
        }

        /** The edited string. */
        public NormalizedString build() {
            return new NormalizedString(cps, starts, ends, 0, n, source.base);
        }
    }
}
