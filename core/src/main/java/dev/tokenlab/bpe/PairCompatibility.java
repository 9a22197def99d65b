package dev.tokenlab.bpe;

import static dev.tokenlab.bpe.BacktrackingTables.MONOTONE;
import static dev.tokenlab.bpe.BacktrackingTables.kind;
import static dev.tokenlab.bpe.BacktrackingTables.leftPart;
import static dev.tokenlab.bpe.BacktrackingTables.length;
import static dev.tokenlab.bpe.BacktrackingTables.rightPart;

import java.util.Arrays;

/**
 * The pair test of the {@link BacktrackingEncoder}: whether two adjacent tokens are
 * <em>compatible</em>, {@code enc(bytes(a) + bytes(b)) = [a, b]}, without merging their bytes. The
 * search asks it for every candidate after the first token, so it is the inner loop of long pieces.
 * Immutable and shared by all threads; what it remembers between tests (walks, results) is in the
 * caller's {@link MergeBuffers}.
 *
 * <h2>Why the spine test is exact</h2>
 * Let {@code a} and {@code b} be monotone ({@link BacktrackingTables}). Until a merge crosses the
 * boundary, merging {@code bytes(a) + bytes(b)} makes a's own merges and b's own merges, interleaved:
 * a's next whenever its rank is {@code <=} b's next (a's pairs are to the left), and both sequences
 * are sorted, so the whole is sorted. The only pair across is (R, S), R the last part on a's side (a
 * node of a's right spine), S the first on b's (b's left spine), of rank {@code c} if
 * {@code bytes(R) + bytes(S)} is a token. It merges when {@code c} is below a's next rank and at most
 * b's next (it lies right of a's pairs and left of b's). Those next ranks only grow, so (R, S) merges
 * during its lifetime iff it would against the merge that ends it: the creation of R's parent (rank
 * {@code p}: iff {@code c < p}) or of S's (rank {@code q}: iff {@code c <= q}), whichever comes first
 * (a's if {@code p <= q}); and after both runs end, iff {@code c} exists. Going back in time from
 * (a, b), the later creation is R's iff {@code rank(R) > rank(S)} (a single byte has none), so
 * {@code (a, b)} is compatible iff {@code bytes(a) + bytes(b)} is no token and, undoing creations one
 * at a time:
 * <ul>
 *   <li>after undoing R's (R becomes its right part), {@code c} is none or {@code >= rank} of the old R;</li>
 *   <li>after undoing S's (S becomes its left part), {@code c} is none or {@code > rank} of the old S.</li>
 * </ul>
 * This is rust-gems' {@code is_valid_token_pair}, with {@code c} looked up by bytes (a trie walk from
 * R over the bytes after the boundary: R + S is in the text) and the splits from tiktoken's own merge
 * of each token. A pair with a non-monotone token is tested by the definition: its two tokens' bytes
 * are merged by the reference loop. {@code BacktrackingEncoderTest} checks this test against the
 * definition on hundreds of thousands of pairs of the three vocabularies and on every pair of
 * reachable tokens of a thousand random untrained vocabularies.
 *
 * <h2>Cost</h2>
 * Each test walks two spines. Short monotone pairs walk the trie afresh at each step; long pairs and
 * non-monotone ones go through a two-way cache of results (32 KB per {@link MergeBuffers}), and the
 * walks of long pairs are remembered per spine level (8.7 KB), since the candidates tried one after
 * another at a boundary share them.
 */
final class PairCompatibility {
    // Pairs at least this long (in bytes) go through the per-thread cache of test results.
    private static final int CACHE_FROM_LENGTH = 12;
    private static final int SHORT_WALK = 4;

    // The tables' facts and the trie's cells, held here so that each step reads them in one load (see TokenTrie).
    private final long[] facts;
    private final int[] cells;
    private final int maxTokenLength;
    private final BytePairMerger replay;

    PairCompatibility(BacktrackingTables tables, BytePairMerger replay) {
        this.facts = tables.facts;
        this.cells = tables.trie.cells();
        this.maxTokenLength = tables.trie.maxTokenLength();
        this.replay = replay;
    }

    /**
     * Whether {@code enc(bytes(a) + bytes(b)) = [a, b]}, for reachable tokens {@code a} ending and
     * {@code b} starting at {@code boundary} in {@code bytes}.
     */
    boolean compatible(int a, int b, byte[] bytes, int boundary, MergeBuffers out) {
        out.ensureBacktracking(0);
        return compatible(a, b, bytes, boundary, Integer.MAX_VALUE, out);
    }

    /**
     * As above, knowing that no token at {@code a}'s start is longer than {@code reachOfA} bytes;
     * the work done (trie steps, bytes merged) is added to {@code out.work}.
     */
    boolean compatible(int a, int b, byte[] bytes, int boundary, int reachOfA, MergeBuffers out) {
        long ia = facts[2 * a];
        long ib = facts[2 * b];
        boolean monotone = kind(ia) == MONOTONE && kind(ib) == MONOTONE;
        if (monotone && length(ia) + length(ib) < CACHE_FROM_LENGTH) {
            return shortSpineTest(a, ia, b, ib, bytes, boundary, reachOfA);
        }
        return cachedTest(a, ia, b, ib, monotone, bytes, boundary, reachOfA, out);
    }

    /** Long pairs (costly to test, and few: long runs repeat them) and non-monotone ones: cached. */
    private boolean cachedTest(int a, long ia, int b, long ib, boolean monotone, byte[] bytes, int boundary, int reachOfA,
                               MergeBuffers out) {
        long[] cache = out.pairCache;
        if (out.pairCacheOwner != this) { // buffers may move between vocabularies
            if (cache == null) {
                cache = out.pairCache = new long[1 << MergeBuffers.PAIR_CACHE_BITS];
            }
            Arrays.fill(cache, -1L);
            out.pairCacheOwner = this;
        }
        long key = ((long) a << 22) | b;
        long h = key * 0x9E3779B97F4A7C15L;
        h ^= h >>> 32;
        h *= 0xBF58476D1CE4E5B9L;
        int slot = (int) (h >>> (64 - MergeBuffers.PAIR_CACHE_BITS)) & ~1; // two ways: slot, slot + 1
        long first = cache[slot];
        if (first >>> 1 == key) {
            return (first & 1) != 0;
        }
        long second = cache[slot + 1];
        if (second >>> 1 == key) {
            cache[slot + 1] = first; // most recent first
            cache[slot] = second;
            return (second & 1) != 0;
        }
        out.ensureWalks(maxTokenLength);
        boolean ok = monotone
                ? spineTest(a, ia, b, ib, bytes, boundary, reachOfA, out)
                : compatibleByMerging(a, b, bytes, boundary, out);
        cache[slot + 1] = first;
        cache[slot] = key << 1 | (ok ? 1 : 0);
        return ok;
    }

    /**
     * The spine test for short pairs: each rank of R + S is looked up by walking the trie from R
     * over S's bytes, a few steps, with nothing remembered (cheaper than remembering, this short).
     */
    private boolean shortSpineTest(int a, long ir, int b, long is, byte[] bytes, int boundary, int reachOfA) {
        int r = a;
        int s = b;
        int lr = length(ir);
        int ls = length(is);
        long node = facts[2 * r + 1];
        if (lr + ls <= reachOfA && TokenTrie.rankAfter(cells, node, bytes, boundary, ls) >= 0) {
            return false; // a + b is a token: the final pair merges
        }
        while (true) {
            if (lr > 1 && (ls == 1 || r > s)) {
                // Undo R's creation (rank r, a's merge): before it, the crossing pair had to lose to it.
                int limit = r;
                r = rightPart(ir);
                ir = facts[2 * r];
                lr = length(ir);
                node = facts[2 * r + 1];
                int c = TokenTrie.rankAfter(cells, node, bytes, boundary, ls);
                if (c >= 0 && c < limit) {
                    return false;
                }
            } else if (ls > 1) {
                // Undo S's creation (rank s, b's merge): the crossing pair, left of it, wins a tie.
                int limit = s;
                s = leftPart(is);
                is = facts[2 * s];
                ls = length(is);
                int c = TokenTrie.rankAfter(cells, node, bytes, boundary, ls);
                if (c >= 0 && c <= limit) {
                    return false;
                }
            } else {
                return true;
            }
        }
    }

    /** The test above for monotone tokens: the walk down both spines. */
    private boolean spineTest(int a, long ir, int b, long is, byte[] bytes, int boundary, int reachOfA, MergeBuffers out) {
        int r = a;
        int s = b;
        int lr = length(ir);
        int ls = length(is);
        int level = 0;
        int[] found = out.walk;
        int row = spineWalk(0, a, bytes, boundary, Math.min(ls, Math.min(reachOfA, maxTokenLength) - lr), a, out);
        int walked = out.walked;
        if (ls <= walked && found[row + ls] >= 0) {
            return false; // a + b is a token: the final pair merges
        }
        while (true) {
            if (lr > 1 && (ls == 1 || r > s)) {
                // Undo R's creation (rank r, a's merge): before it, the crossing pair had to lose to it.
                int limit = r;
                r = rightPart(ir);
                ir = facts[2 * r];
                lr = length(ir);
                row = spineWalk(++level, r, bytes, boundary, Math.min(ls, maxTokenLength - lr), a, out);
                walked = out.walked;
                if (ls <= walked) {
                    int c = found[row + ls];
                    if (c >= 0 && c < limit) {
                        return false;
                    }
                }
            } else if (ls > 1) {
                // Undo S's creation (rank s, b's merge): the crossing pair, left of it, wins a tie.
                int limit = s;
                s = leftPart(is);
                is = facts[2 * s];
                ls = length(is);
                if (ls <= walked) {
                    int c = found[row + ls];
                    if (c >= 0 && c <= limit) {
                        return false;
                    }
                }
            } else {
                return true;
            }
        }
    }

    /**
     * The walk from R, the {@code level}-th node down {@code a}'s right spine, over the bytes after
     * the boundary, at least {@code steps} far unless the path ends first. Returns the offset in
     * {@code out.walk} of the ranks by depth, and sets {@code out.walked} to the path's length.
     *
     * <p>The walk depends on a and the bytes, not on b, so candidates tried one after another at
     * the same boundary share it: long walks are remembered per level (short ones are cheaper to
     * redo than to look up).
     */
    private int spineWalk(int level, int r, byte[] bytes, int boundary, int steps, int a, MergeBuffers out) {
        if (steps <= SHORT_WALK || level >= MergeBuffers.MEMO_LEVELS) {
            int scratch = MergeBuffers.MEMO_LEVELS * out.walkRow;
            out.walked = TokenTrie.walk(cells, facts[2 * r + 1], bytes, boundary, steps, out.walk, scratch);
            out.work += out.walked;
            return scratch;
        }
        if (out.memoBoundary != boundary || out.memoToken != a) {
            out.memoBoundary = boundary;
            out.memoToken = a;
            out.memoGeneration++;
        }
        int offset = level * out.walkRow;
        if (out.memoGenerations[level] == out.memoGeneration
                && (out.memoSteps[level] >= steps || out.memoWalked[level] < out.memoSteps[level])) {
            out.walked = out.memoWalked[level];
            return offset;
        }
        out.memoGenerations[level] = out.memoGeneration;
        out.memoSteps[level] = steps;
        out.walked = out.memoWalked[level] = TokenTrie.walk(cells, facts[2 * r + 1], bytes, boundary, steps, out.walk, offset);
        out.work += out.walked;
        return offset;
    }

    /** The definition itself: merge the two tokens' bytes with the reference loop. */
    private boolean compatibleByMerging(int a, int b, byte[] bytes, int boundary, MergeBuffers out) {
        if (out.pairScratch == null) {
            out.pairScratch = new MergeBuffers();
        }
        MergeBuffers scratch = out.pairScratch;
        int start = boundary - length(facts[2 * a]);
        int end = boundary + length(facts[2 * b]);
        out.work += end - start;
        int n = replay.mergeByReplay(bytes, start, end, scratch);
        return n == 2 && scratch.starts[1] == boundary;
    }
}
