package dev.tokenlab.bpe;

/**
 * Working memory for {@link BytePairMerger}, reused across pieces so merging allocates nothing in
 * the steady state. One instance per thread (per encode call); not thread-safe.
 *
 * <p>After {@link BytePairMerger#merge} returns {@code n}, token {@code k < n} has rank
 * {@code ranks[k]} and covers bytes {@code [starts[k], starts[k + 1])}.
 */
public final class MergeBuffers {
    /** Rank of each resulting token. */
    public int[] ranks = new int[64];
    /** Byte start of each resulting token; {@code starts[n]} is the end of the piece. */
    public int[] starts = new int[65];

    // Linear merge: rank of the pair starting at each part.
    int[] pairRanks = new int[64];
    // Heap merge: linked list of parts and a binary heap of (pair rank << 32 | part start).
    int[] next = new int[0];
    int[] prev = new int[0];
    long[] heap = new long[0];
    // Backtracking: bit i set while position i of the piece may still start a token.
    long[] alive = new long[0];
    // Backtracking: ranks of the tokens along one trie walk, by depth.
    int[] walk = new int[0];
    // Backtracking: a small cache of pair tests done by merging (pairs with a non-monotone token).
    Object pairCacheOwner;
    long[] pairCacheKeys;
    byte[] pairCacheValues;
    MergeBuffers pairScratch;

    void ensureLinear(int n) {
        if (ranks.length < n + 1) {
            int cap = Math.max(n + 1, ranks.length * 2);
            ranks = new int[cap];
            starts = new int[cap + 1];
            pairRanks = new int[cap];
        }
    }

    void ensureHeap(int n) {
        ensureLinear(n);
        if (next.length < n + 1) {
            next = new int[n + 1];
            prev = new int[n + 1];
            heap = new long[2 * n + 2]; // each merge pops one entry and pushes at most two
        }
    }

    void ensureBacktracking(int n, int maxTokenLength) {
        ensureLinear(n);
        if (walk.length < maxTokenLength + 1) {
            walk = new int[maxTokenLength + 1];
        }
        int words = (n >>> 6) + 1;
        if (alive.length < words) {
            alive = new long[Math.max(words, alive.length * 2)];
        }
    }
}
