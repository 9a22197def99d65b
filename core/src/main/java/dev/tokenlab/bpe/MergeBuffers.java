package dev.tokenlab.bpe;

/**
 * Working memory for {@link BytePairMerger}, reused across pieces so merging allocates nothing in
 * the steady state. One instance per thread (per encode call); not thread-safe.
 *
 * <p>After {@link BytePairMerger#merge} returns {@code n}, token {@code k < n} has rank
 * {@code ranks()[k]} and covers bytes {@code [starts()[k], starts()[k + 1])}. Outside this package
 * that is all there is to see: the rest is the merge loops' and the backtracking encoder's.
 */
public final class MergeBuffers {
    // Rank of each resulting token.
    int[] ranks = new int[64];
    // Byte start of each resulting token; starts[n] is the end of the piece.
    int[] starts = new int[65];

    // Linear merge: rank of the pair starting at each part.
    int[] pairRanks = new int[64];
    // Heap merge: linked list of parts and a binary heap of (pair rank << 32 | part start).
    int[] next = new int[0];
    int[] prev = new int[0];
    long[] heap = new long[0];
    // Backtracking: bit i set while position i of the piece may still start a token.
    long[] alive = new long[0];
    // Backtracking: trie walks from the nodes of a token's right spine over the bytes after it, one
    // row of walkRow ints per spine level (ranks by depth); the last row is scratch. Valid while
    // memoGenerations[level] == memoGeneration, i.e. for the same boundary and left token.
    static final int MEMO_LEVELS = 16;
    int[] walk = new int[0];
    int walkRow;
    int walked;
    int[] memoGenerations;
    int[] memoSteps;
    int[] memoWalked;
    int memoGeneration = 1;
    int memoBoundary = -1;
    int memoToken = -1;
    // Backtracking: results of pair tests (rank a << 23 | rank b << 1 | compatible), direct-mapped.
    static final int PAIR_CACHE_BITS = 12;
    Object pairCacheOwner;
    long[] pairCache;
    // Bytes of medium pieces merged without the backtracking encoder's tables (see BytePairMerger).
    long mediumBytes;
    // Backtracking: search work so far (trie steps, candidates), against a budget.
    long work;
    MergeBuffers pairScratch;

    /**
     * The ranks of the tokens of the last merge, in order: the buffer's own array (no copy, for the
     * tokenizers' loops), valid until the next merge into this buffer. Read it, do not write it.
     */
    public int[] ranks() {
        return ranks;
    }

    /**
     * Where the tokens of the last merge start, as absolute indexes into the merged bytes, and after
     * the last token where the piece ends: the buffer's own array (no copy), valid until the next
     * merge into this buffer. Read it, do not write it.
     */
    public int[] starts() {
        return starts;
    }

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

    void ensureBacktracking(int n) {
        ensureLinear(n);
        memoGeneration++; // a new piece (or other bytes): forget the walks
        int words = (n >>> 6) + 1;
        if (alive.length < words) {
            alive = new long[Math.max(words, alive.length * 2)];
        }
    }

    void ensureWalks(int maxTokenLength) {
        if (walkRow < maxTokenLength + 1) {
            walkRow = maxTokenLength + 1;
            walk = new int[(MEMO_LEVELS + 1) * walkRow];
            memoGenerations = new int[MEMO_LEVELS + 1];
            memoSteps = new int[MEMO_LEVELS + 1];
            memoWalked = new int[MEMO_LEVELS + 1];
        }
    }
}
