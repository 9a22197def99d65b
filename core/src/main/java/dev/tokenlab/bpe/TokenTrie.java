package dev.tokenlab.bpe;

/**
 * The trie of all tokens of a vocabulary, as a double array: what the {@link BacktrackingEncoder}
 * walks to find the longest token at a position, and what {@link PairCompatibility} walks to find
 * the token spelled across a boundary. Immutable; built by {@link TokenTrieBuilder}, once per
 * vocabulary, as part of the {@link BacktrackingTables}.
 *
 * <p>Node {@code s} has its child by byte {@code b} at {@code t = base(s) + b} (unsigned) iff
 * {@code check(t) == s}. Cell {@code s} is {@code cells[3s .. 3s + 2]} = base, check, rank, where rank
 * is the token the node spells: its rank if reachable, {@code -2 - rank} if not, -1 if the node is no
 * token. The root is node 0; one cell holds a node's base and its own check and rank, so a step of a
 * walk touches one cell. Every base leaves room for any byte after it, so a step never leaves the array.
 *
 * <p>A walk may start at any node: callers keep a token's node together with its base
 * ({@link #start}), so the first step saves a load. For the same reason the walks are static over the
 * cell array, which the search and the pair test hold in a field of their own: walking through a
 * {@code TokenTrie} field costs a dependent load more per walk. On {@code PathologicalBenchmark}'s
 * 100,000 emoji (Llama 3, {@code count}; this split against the single-class encoder before it, both
 * loaded in one JVM and timed in alternating one-second rounds, four runs, noisy machine) walks
 * through the field ran at 0.93–1.02 of the old speed (medians per run), walks over the held array at
 * 0.97–1.04, as close as the machine measures.
 */
final class TokenTrie {
    static final int ROOT = 0;
    static final int CELL = 3;

    private final int[] cells;
    private final int maxTokenLength;

    TokenTrie(int[] cells, int maxTokenLength) {
        this.cells = cells;
        this.maxTokenLength = maxTokenLength;
    }

    /** Bytes of the longest token (at least 1): no walk from the root goes deeper. */
    int maxTokenLength() {
        return maxTokenLength;
    }

    /** The cells, for the walks below: callers keep them in a field of their own (see the class comment). */
    int[] cells() {
        return cells;
    }

    /** Node {@code node} with its base, as walks from it take them: {@code node << 32 | base}. */
    long start(int node) {
        return (long) node << 32 | cells[CELL * node] & 0xFFFFFFFFL;
    }

    /**
     * The longest reachable token that {@code bytes[pos, to)} starts with (low half), and how far the
     * walk from the root got (high half): no token at {@code pos} is longer than that.
     */
    static long longestMatch(int[] cells, int maxTokenLength, byte[] bytes, int pos, int to) {
        int end = Math.min(to, pos + maxTokenLength);
        int s = ROOT;
        int best = -1;
        int i = pos;
        for (; i < end; i++) {
            int t = cells[CELL * s] + (bytes[i] & 0xFF);
            if (cells[CELL * t + 1] != s) {
                break;
            }
            s = t;
            int r = cells[CELL * t + 2];
            if (r >= 0) {
                best = r;
            }
        }
        return ((long) (i - pos) << 32) | best;
    }

    /** The rank of the token spelled from {@code node} (as from {@link #start}) over {@code bytes[from, from + steps)}, or -1. */
    static int rankAfter(int[] cells, long node, byte[] bytes, int from, int steps) {
        int s = (int) (node >>> 32);
        int t = (int) node + (bytes[from] & 0xFF);
        for (int j = 1; ; j++) {
            if (cells[CELL * t + 1] != s) {
                return -1;
            }
            if (j == steps) {
                int v = cells[CELL * t + 2];
                return v >= -1 ? v : -2 - v;
            }
            s = t;
            t = cells[CELL * t] + (bytes[from + j] & 0xFF);
        }
    }

    /**
     * Walks the trie from {@code node} (as from {@link #start}) over {@code bytes[from, from + steps)};
     * {@code found[offset + j]} becomes the rank of the token spelled after {@code j} bytes (-1 if
     * none). Returns how many bytes the path lasted: beyond that, no token.
     */
    static int walk(int[] cells, long node, byte[] bytes, int from, int steps, int[] found, int offset) {
        if (steps <= 0) {
            return 0;
        }
        int s = (int) (node >>> 32);
        int t = (int) node + (bytes[from] & 0xFF); // the base comes with the node: one load less
        for (int j = 1; ; j++) {
            if (cells[CELL * t + 1] != s) {
                return j - 1;
            }
            int v = cells[CELL * t + 2];
            found[offset + j] = v >= -1 ? v : -2 - v;
            if (j == steps) {
                return steps;
            }
            s = t;
            t = cells[CELL * t] + (bytes[from + j] & 0xFF);
        }
    }
}
