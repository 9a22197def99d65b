package dev.tokenlab.bpe;

import java.util.Arrays;

/**
 * Exact byte-level BPE for long pieces in about linear time: the encoding tiktoken's
 * {@code byte_pair_merge} produces, found by a left-to-right search with backtracking instead of by
 * replaying the merges. The idea is github/rust-gems' "backtracking" encoder; the compatibility test
 * below is re-derived for tiktoken's rule, which looks a pair up by its concatenated bytes (not in a
 * merge list), and is exact for it.
 *
 * <h2>Why a left-to-right search can be exact</h2>
 * Write {@code enc(T)} for the merge's result on bytes {@code T}, and call a token sequence
 * <em>valid</em> if it is {@code enc} of its own bytes.
 * <ol>
 *   <li>Any run of consecutive tokens of a valid sequence is valid: the merges the whole run makes
 *       inside that stretch of bytes are exactly the merges a run on the stretch alone makes, in the
 *       same order (they never cross a final token boundary, and a merge that is the global minimum is
 *       also the minimum of the stretch).</li>
 *   <li>Two valid sequences that share a token glue: if {@code x…t} and {@code t…y} are valid, so is
 *       {@code x…t…y} (every pair of parts during the merge lies within one side, each side makes its
 *       own merges, and the leftmost-lowest pair of the whole is the leftmost-lowest of its side).</li>
 * </ol>
 * So the stack of tokens chosen so far, if each adjacent pair {@code (a, b)} is <em>compatible</em>
 * ({@code enc(bytes(a) + bytes(b)) = [a, b]}), is a valid encoding of the bytes it covers; when it
 * covers the piece, it is {@code enc(piece)}, because the result is unique. The search pushes the
 * longest candidate token at the current position, falls back to shorter ones, and pops when none
 * fits; a position from which nothing fits is marked dead for good (the valid encoding of a prefix
 * is unique, so the token before a position never changes), which bounds the work by the piece
 * length times the longest token length.
 *
 * <h2>The compatibility test</h2>
 * For every token the table holds its <em>split</em>: the two parts of the last merge when tiktoken
 * merges the token's own bytes. Tokens whose own bytes do not merge back to themselves
 * ("unreachable") can never occur in a valid sequence and are never candidates. For a reachable
 * token whose own merges happen in non-decreasing rank order ("monotone", all of cl100k_base and
 * o200k_base, all but 107 reachable tokens of Llama 3), merging {@code bytes(a) + bytes(b)} is, until
 * a merge crosses the boundary, the stable interleaving of {@code a}'s and {@code b}'s own merge
 * sequences by rank ({@code a}'s first on ties, being leftmost), so it is sorted. The only pair that
 * crosses is (R, S): the last part on {@code a}'s side, a node of {@code a}'s right spine, and the
 * first on {@code b}'s side, a node of {@code b}'s left spine. Because both sequences are sorted, (R,
 * S) wins during its lifetime iff it wins against the merge that ends that lifetime. Walking the
 * spines backwards in time from (a, b) (undo the creation of R if {@code rank(R) > rank(S)}, else of
 * S), the pair is compatible iff
 * <ul>
 *   <li>{@code bytes(a) + bytes(b)} is not a token;</li>
 *   <li>after undoing R's creation (rank {@code p = rank(R)}, R becomes its right part), the rank
 *       {@code c} of R + S, if any, is {@code >= p} ({@code a}'s merge wins a tie, being leftmost);</li>
 *   <li>after undoing S's creation ({@code q = rank(S)}, S becomes its left part), {@code c > q}
 *       (the crossing pair is left of {@code b}'s merge and wins a tie).</li>
 * </ul>
 * {@code c} is looked up by bytes, in the text itself (R + S are adjacent there). This is rust-gems'
 * {@code is_valid_token_pair} with the pair looked up by bytes and the split taken from tiktoken's own
 * merge of each token; for a pair that involves a non-monotone token, the test falls back to the
 * definition (merge the two tokens' bytes and compare), remembered in a small per-thread cache.
 *
 * <h2>Cost</h2>
 * Built lazily, once per vocabulary, on the first long piece ({@link ByteVocabulary#backtracking()}):
 * every token is merged once to find its split, and the reachable tokens go into a trie with contiguous,
 * sorted children. Immutable afterwards, so encoders share it across threads. See
 * {@link BytePairMerger} for measured speed and memory.
 */
final class BacktrackingEncoder {
    private static final byte UNREACHABLE = 0;
    private static final byte MONOTONE = 1;
    private static final byte GENERAL = 2;

    private static final int PAIR_CACHE_SIZE = 1 << 10;

    private final ByteVocabulary vocab;
    private final BytePairMerger replay;
    private final int maxTokenLength;
    private final byte[] kind;      // per rank: UNREACHABLE, MONOTONE or GENERAL
    private final int[] left;       // per rank: left part of the token's last own merge (-1 for one byte)
    private final int[] right;      // per rank: right part of it
    private final int[] shorter;    // per rank: the longest reachable token that is a proper prefix of it, or -1

    // Trie of the reachable tokens. Node 0 is the root; the children of a node are the nodes
    // firstChild[node] .. firstChild[node + 1] - 1, sorted by the byte on their edge (edgeByte).
    private final int[] rootChild = new int[256];
    private final int[] firstChild;
    private final byte[] edgeByte;
    private final int[] nodeToken;  // the reachable token a node spells, or -1

    BacktrackingEncoder(ByteVocabulary vocab) {
        this.vocab = vocab;
        this.replay = new BytePairMerger(vocab);
        int size = vocab.size();
        kind = new byte[size];
        left = new int[size];
        right = new int[size];
        shorter = new int[size];
        Arrays.fill(left, -1);
        Arrays.fill(right, -1);
        Arrays.fill(shorter, -1);
        byte[][] bytes = new byte[size][];
        int reachable = 0;
        int totalBytes = 0;
        int maxLength = 1;
        OwnMerge run = new OwnMerge();
        for (int r = 0; r < size; r++) {
            if (!vocab.contains(r)) {
                continue;
            }
            byte[] b = vocab.tokenBytes(r);
            if (!run.merge(vocab, b)) {
                continue;
            }
            bytes[r] = b;
            reachable++;
            totalBytes += b.length;
            maxLength = Math.max(maxLength, b.length);
            kind[r] = run.monotone ? MONOTONE : GENERAL;
            if (b.length > 1) {
                left[r] = vocab.rank(b, 0, run.split);
                right[r] = vocab.rank(b, run.split, b.length);
            }
        }
        maxTokenLength = maxLength;

        // Sort the reachable tokens by their bytes (unsigned), then lay the trie out breadth first:
        // node k covers the sorted range [lo[k], hi[k]) of tokens sharing its depth[k] first bytes.
        Integer[] boxed = new Integer[reachable];
        int k = 0;
        for (int r = 0; r < size; r++) {
            if (bytes[r] != null) {
                boxed[k++] = r;
            }
        }
        Arrays.sort(boxed, (x, y) -> Arrays.compareUnsigned(bytes[x], bytes[y]));
        int[] order = new int[reachable];
        for (int i = 0; i < reachable; i++) {
            order[i] = boxed[i];
        }
        int cap = totalBytes + 2;
        int[] lo = new int[cap];
        int[] hi = new int[cap];
        int[] depth = new int[cap];
        int[] ancestor = new int[cap];
        int[] first = new int[cap];
        byte[] edge = new byte[cap];
        int[] token = new int[cap];
        lo[0] = 0;
        hi[0] = reachable;
        ancestor[0] = -1;
        int nodes = 1;
        for (int node = 0; node < nodes; node++) {
            int i = lo[node];
            int end = hi[node];
            int d = depth[node];
            token[node] = -1;
            if (i < end && bytes[order[i]].length == d) {
                token[node] = order[i];
                shorter[order[i]] = ancestor[node];
                i++;
            }
            int inherited = token[node] >= 0 ? token[node] : ancestor[node];
            first[node] = nodes;
            while (i < end) {
                byte b = bytes[order[i]][d];
                int j = i + 1;
                while (j < end && bytes[order[j]][d] == b) {
                    j++;
                }
                int child = nodes++;
                edge[child] = b;
                lo[child] = i;
                hi[child] = j;
                depth[child] = d + 1;
                ancestor[child] = inherited;
                i = j;
            }
        }
        first[nodes] = nodes;
        firstChild = Arrays.copyOf(first, nodes + 1);
        edgeByte = Arrays.copyOf(edge, nodes);
        nodeToken = Arrays.copyOf(token, nodes);
        Arrays.fill(rootChild, -1);
        for (int c = firstChild[0]; c < firstChild[1]; c++) {
            rootChild[edgeByte[c] & 0xFF] = c;
        }
    }

    /** Whether every single byte is a token, which {@link #encode} needs (as does byte-level BPE). */
    boolean coversAllBytes() {
        for (int b = 0; b < 256; b++) {
            if (rootChild[b] < 0 || nodeToken[rootChild[b]] < 0) {
                return false;
            }
        }
        return true;
    }

    /** Trie nodes (for tests and the memory note). */
    int trieNodes() {
        return nodeToken.length;
    }

    /**
     * Encodes {@code bytes[from, to)}; results in {@code out} as for {@link BytePairMerger#merge}.
     * Needs {@link #coversAllBytes()}.
     */
    int encode(byte[] bytes, int from, int to, MergeBuffers out) {
        int n = to - from;
        out.ensureBacktracking(n);
        int[] ranks = out.ranks;
        int[] starts = out.starts;
        long[] alive = out.alive; // bit i: position from + i may still start a token
        Arrays.fill(alive, 0, (n >>> 6) + 1, -1L);
        int count = 0;
        int pos = from;
        int token = longestMatch(bytes, pos, to);
        while (pos < to) {
            int prev = count > 0 ? ranks[count - 1] : -1;
            while (true) {
                if (token < 0) {
                    // Nothing fits after the tokens so far: position pos is dead, back up one token.
                    int dead = pos - from;
                    alive[dead >>> 6] &= ~(1L << dead);
                    count--;
                    pos = starts[count];
                    token = shorter[ranks[count]];
                    prev = count > 0 ? ranks[count - 1] : -1;
                    continue;
                }
                int end = pos + vocab.tokenLength(token);
                int e = end - from;
                if ((alive[e >>> 6] & (1L << e)) != 0 && (prev < 0 || compatible(prev, token, bytes, pos, out))) {
                    ranks[count] = token;
                    starts[count] = pos;
                    count++;
                    pos = end;
                    if (pos < to) {
                        token = longestMatch(bytes, pos, to);
                    }
                    break;
                }
                token = shorter[token];
            }
        }
        starts[count] = to;
        return count;
    }

    /** The longest reachable token that {@code bytes[pos, to)} starts with. */
    private int longestMatch(byte[] bytes, int pos, int to) {
        int end = Math.min(to, pos + maxTokenLength);
        int node = rootChild[bytes[pos] & 0xFF];
        int best = nodeToken[node];
        int[] firstChild = this.firstChild;
        byte[] edgeByte = this.edgeByte;
        int[] nodeToken = this.nodeToken;
        for (int i = pos + 1; i < end; i++) {
            byte b = bytes[i];
            int lo = firstChild[node];
            int hi = firstChild[node + 1];
            if (hi - lo <= 8) {
                node = -1;
                for (int c = lo; c < hi; c++) {
                    if (edgeByte[c] == b) {
                        node = c;
                        break;
                    }
                }
            } else {
                node = search(edgeByte, lo, hi - 1, b & 0xFF);
            }
            if (node < 0) {
                break;
            }
            int t = nodeToken[node];
            if (t >= 0) {
                best = t;
            }
        }
        return best;
    }

    private static int search(byte[] edgeByte, int lo, int hi, int key) {
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int v = edgeByte[mid] & 0xFF;
            if (v < key) {
                lo = mid + 1;
            } else if (v > key) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    /**
     * Whether {@code enc(bytes(a) + bytes(b)) = [a, b]}, for reachable tokens {@code a} ending and
     * {@code b} starting at {@code boundary} in {@code bytes}.
     */
    boolean compatible(int a, int b, byte[] bytes, int boundary, MergeBuffers out) {
        if (kind[a] != MONOTONE || kind[b] != MONOTONE) {
            return compatibleByMerging(a, b, bytes, boundary, out);
        }
        int r = a;
        int s = b;
        int lr = vocab.tokenLength(r);
        int ls = vocab.tokenLength(s);
        if (lr + ls <= maxTokenLength && vocab.rank(bytes, boundary - lr, boundary + ls) >= 0) {
            return false;
        }
        while (true) {
            if (lr > 1 && (ls == 1 || r > s)) {
                // Undo R's creation (rank r, a's merge): before it, the crossing pair had to lose to it.
                int limit = r;
                r = right[r];
                lr = vocab.tokenLength(r);
                if (lr + ls <= maxTokenLength) {
                    int c = vocab.rank(bytes, boundary - lr, boundary + ls);
                    if (c >= 0 && c < limit) {
                        return false;
                    }
                }
            } else if (ls > 1) {
                // Undo S's creation (rank s, b's merge): the crossing pair, left of it, wins a tie.
                int limit = s;
                s = left[s];
                ls = vocab.tokenLength(s);
                if (lr + ls <= maxTokenLength) {
                    int c = vocab.rank(bytes, boundary - lr, boundary + ls);
                    if (c >= 0 && c <= limit) {
                        return false;
                    }
                }
            } else {
                return true;
            }
        }
    }

    /** The definition itself: merge the two tokens' bytes with the reference loop; cached per thread. */
    private boolean compatibleByMerging(int a, int b, byte[] bytes, int boundary, MergeBuffers out) {
        long key = ((long) a << 32) | (b & 0xFFFFFFFFL);
        int slot = (int) ((key * 0x9E3779B97F4A7C15L) >>> 54) & (PAIR_CACHE_SIZE - 1);
        long[] keys = out.pairCacheKeys;
        if (out.pairCacheOwner != this) { // buffers may move between vocabularies
            if (keys == null) {
                keys = out.pairCacheKeys = new long[PAIR_CACHE_SIZE];
                out.pairCacheValues = new byte[PAIR_CACHE_SIZE];
            }
            Arrays.fill(keys, -1L);
            out.pairCacheOwner = this;
        }
        if (keys[slot] == key) {
            return out.pairCacheValues[slot] != 0;
        }
        if (out.pairScratch == null) {
            out.pairScratch = new MergeBuffers();
        }
        MergeBuffers scratch = out.pairScratch;
        int start = boundary - vocab.tokenLength(a);
        int end = boundary + vocab.tokenLength(b);
        int n = replay.mergeByReplay(bytes, start, end, scratch);
        boolean ok = n == 2 && scratch.starts[1] == boundary;
        keys[slot] = key;
        out.pairCacheValues[slot] = (byte) (ok ? 1 : 0);
        return ok;
    }

    /** Whether a token can occur in a valid encoding (its own bytes merge back to it). */
    boolean reachable(int rank) {
        return kind[rank] != UNREACHABLE;
    }

    /** Whether a reachable token's own merges happen in non-decreasing rank order (the fast test applies). */
    boolean monotone(int rank) {
        return kind[rank] == MONOTONE;
    }

    /**
     * tiktoken's merge of one token's own bytes, noting whether it ends in one part, the split of the
     * last merge, and whether the merge ranks never decrease.
     */
    private static final class OwnMerge {
        int[] bounds = new int[16];
        int[] pairRanks = new int[16];
        boolean monotone;
        int split;

        boolean merge(ByteVocabulary vocab, byte[] b) {
            int n = b.length;
            monotone = true;
            split = -1;
            if (n == 1) {
                return true;
            }
            if (bounds.length < n + 1) {
                bounds = new int[n + 1];
                pairRanks = new int[n + 1];
            }
            for (int i = 0; i <= n; i++) {
                bounds[i] = i;
            }
            for (int i = 0; i + 1 < n; i++) {
                pairRanks[i] = rankOrMax(vocab, b, i, i + 2);
            }
            int parts = n;
            int last = -1;
            while (parts > 1) {
                int best = Integer.MAX_VALUE;
                int at = -1;
                for (int i = 0; i + 1 < parts; i++) {
                    if (pairRanks[i] < best) {
                        best = pairRanks[i];
                        at = i;
                    }
                }
                if (at < 0) {
                    return false;
                }
                if (best < last) {
                    monotone = false;
                }
                last = best;
                if (parts == 2) {
                    split = bounds[1];
                }
                System.arraycopy(bounds, at + 2, bounds, at + 1, parts - at - 1);
                System.arraycopy(pairRanks, at + 1, pairRanks, at, parts - at - 2);
                parts--;
                if (at + 1 < parts) {
                    pairRanks[at] = rankOrMax(vocab, b, bounds[at], bounds[at + 2]);
                }
                if (at > 0) {
                    pairRanks[at - 1] = rankOrMax(vocab, b, bounds[at - 1], bounds[at + 1]);
                }
            }
            return true;
        }

        private static int rankOrMax(ByteVocabulary vocab, byte[] b, int from, int to) {
            int r = vocab.rank(b, from, to);
            return r < 0 ? Integer.MAX_VALUE : r;
        }
    }
}
