package dev.tokenlab.sentencepiece;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A 4-way set-associative cache of Unigram words (normalized bytes → best path, and the base scores
 * for which that path is the float loop's), shared by all threads of one tokenizer. Entries are
 * immutable and published through final fields, so a racy read sees either nothing or a complete
 * entry; a word that misses is simply analyzed again.
 *
 * <p>Layout for the hit path, which is mostly waiting for memory: a slot's hash sits in an {@code int[]}
 * next to its set's other three, so a lookup touches one entry at most (usually); a word's first 16
 * bytes are two {@code long}s in the entry (read from the text 8 bytes at a time), only longer words
 * have a second key array; the pieces are one {@code int[]} of {@code id << 8 | length}.
 */
final class UnigramWordCache {
    /** Words longer than this (in UTF-8 bytes) are not cached. */
    static final int MAX_WORD_BYTES = 64;
    private static final int SIZE = 1 << 16;
    private static final int WAYS = 4;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final byte[] NO_BYTES = new byte[0];
    private static final int[] NO_INTS = new int[0];

    private final Word[] words = new Word[SIZE];
    /** Hashes of words missed once (direct-mapped; a collision forgets the older). */
    private final int[] seen = new int[SIZE];

    /** The bytes {@code b[at, at + count)} ({@code count} 0..8) as a little-endian long, zero above. */
    static long bytes(byte[] b, int at, int count) {
        if (count <= 0) {
            return 0;
        }
        if (at + 8 <= b.length) {
            long v = (long) LONGS.get(b, at);
            return count == 8 ? v : v & ((1L << (count << 3)) - 1);
        }
        long v = 0;
        for (int i = count - 1; i >= 0; i--) {
            v = (v << 8) | (b[at + i] & 0xFF);
        }
        return v;
    }

    static int hash(long k0, long k1, int length) {
        long h = (k0 * 0x9E3779B97F4A7C15L + k1) * 0xC2B2AE3D27D4EB4FL + length;
        return (int) (h ^ (h >>> 29) ^ (h >>> 47));
    }

    /** The entry for {@code b[from, to)}, whose first 16 bytes are {@code k0, k1}, or null. */
    Word get(byte[] b, int from, int to, long k0, long k1, int hash) {
        int set = hash & (SIZE - WAYS);
        for (int i = set; i < set + WAYS; i++) {
            Word w = words[i];
            if (w == null) {
                return null;
            }
            if (w.hash == hash && w.k0 == k0 && w.k1 == k1 && w.length == to - from
                    && (w.length <= 16 || Arrays.equals(w.rest, 0, w.rest.length, b, from + 16, to))) {
                return w;
            }
        }
        return null;
    }

    /**
     * Whether this is the first time (as far as the table of recent hashes knows) a word with this
     * hash is looked up and missed; records it.
     */
    boolean firstSighting(int hash) {
        int slot = (hash >>> 16 ^ hash) & (SIZE - 1);
        if (seen[slot] == hash) {
            return false;
        }
        seen[slot] = hash;
        return true;
    }

    /** Stores an entry first in its set, moving the others down (the last one leaves). */
    void put(Word w) {
        int set = w.hash & (SIZE - WAYS);
        for (int i = set + WAYS - 1; i > set; i--) {
            words[i] = words[i - 1];
        }
        words[set] = w;
    }

    /** One cached word. */
    static final class Word {
        final long k0;
        final long k1;
        /** The bytes from the 17th on (empty for words of 16 bytes or fewer). */
        final byte[] rest;
        final int length;
        final int hash;
        /** The best path, {@code id << 8 | length in bytes} per piece, left to right: the first three, then the rest. */
        final int p0;
        final int p1;
        final int p2;
        final int[] more;
        final int count;
        /** A bound on |score| of every candidate in the word's lattice, from a best score of 0 before it. */
        final double span;
        /**
         * The smallest lead, over the ends on the path, of the best candidate over the next, divided by
         * the number of float roundings that may stand between them there (NaN: the path never holds).
         */
        final double leadPerRounding;

        Word(byte[] b, int from, int to, long k0, long k1, int hash, int[] pieces, double span, double leadPerRounding) {
            this.k0 = k0;
            this.k1 = k1;
            this.length = to - from;
            this.rest = length > 16 ? Arrays.copyOfRange(b, from + 16, to) : NO_BYTES;
            this.hash = hash;
            this.count = pieces.length;
            this.p0 = pieces[0];
            this.p1 = count > 1 ? pieces[1] : 0;
            this.p2 = count > 2 ? pieces[2] : 0;
            this.more = count > 3 ? Arrays.copyOfRange(pieces, 3, count) : NO_INTS;
            this.span = span;
            this.leadPerRounding = leadPerRounding;
        }
    }
}
