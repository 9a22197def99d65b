package dev.tokenlab.bpe;

import java.util.Arrays;

/**
 * Exact byte-level BPE in about linear time: the tokens tiktoken's {@code byte_pair_merge} ends with,
 * found by a left-to-right search instead of by replaying the merges. The idea is github/rust-gems'
 * "backtracking" encoder; its pair test is re-derived here for tiktoken's rule, which looks a pair up
 * by its concatenated bytes (not in a merge list), and is exact for it. {@link BytePairMerger} keeps
 * the merges themselves (its linear and heap loops) as the reference, and uses this for pieces of
 * {@value BytePairMerger#MEDIUM_THRESHOLD} bytes or more.
 *
 * <h2>Why a left-to-right search is exact</h2>
 * Write {@code enc(T)} for what the merges make of bytes {@code T}, and call a token sequence
 * <em>valid</em> if it is {@code enc} of its own bytes.
 * <ol>
 *   <li>Consecutive tokens of a valid sequence are valid: no merge on the whole crosses a final
 *       boundary, so the merges inside the stretch see the same pairs as a run on the stretch alone,
 *       and the leftmost lowest pair of the whole, when it is inside, is the leftmost lowest there.</li>
 *   <li>Valid {@code x…t} and {@code t…y} sharing the token {@code t} glue into a valid
 *       {@code x…t…y}: every pair of parts lies within one side (t sits between), each side's next
 *       merge is its own run's next merge, and by induction the whole makes both runs' merges.</li>
 * </ol>
 * So a stack of tokens whose neighbours {@code (a, b)} are all <em>compatible</em>
 * ({@code enc(bytes(a) + bytes(b)) = [a, b]}) is valid, and once it covers the piece it is
 * {@code enc(piece)}, the only valid sequence for those bytes. The search tries at each position the
 * longest token, then shorter ones ({@code shorter}), pushes the first compatible one whose end is not
 * dead, and pops when none is left, marking the position dead: the valid encoding of a prefix is
 * unique, so the token before a position never changes, and a dead position stays dead. The order in
 * which candidates are tried does not change the result, only the time, which allows one guess:
 * where the bytes repeat the last token, that token is tried first (runs, repeated words); if it fails
 * or is popped, all candidates of the position are tried.
 *
 * <h2>The pair test</h2>
 * Every token's own bytes are merged once, when the tables are built. A token whose bytes do not
 * merge back to it is <em>unreachable</em>: it occurs in no valid sequence and is never a candidate
 * (588 tokens of Llama 3, none of cl100k_base or o200k_base). For the others the table keeps the
 * <em>split</em>, the two parts of the last merge, and whether the merge ranks never decrease on the
 * way (<em>monotone</em>: all of cl100k_base and o200k_base, all but 107 reachable tokens of Llama 3).
 *
 * <p>Let {@code a} and {@code b} be monotone. Until a merge crosses the boundary, merging
 * {@code bytes(a) + bytes(b)} makes a's own merges and b's own merges, interleaved: a's next whenever
 * its rank is {@code <=} b's next (a's pairs are to the left), and both sequences are sorted, so the
 * whole is sorted. The only pair across is (R, S), R the last part on a's side (a node of a's right
 * spine), S the first on b's (b's left spine), of rank {@code c} if {@code bytes(R) + bytes(S)} is a
 * token. It merges when {@code c} is below a's next rank and at most b's next (it lies right of a's
 * pairs and left of b's). Those next ranks only grow, so (R, S) merges during its lifetime iff it
 * would against the merge that ends it: the creation of R's parent (rank {@code p}: iff
 * {@code c < p}) or of S's (rank {@code q}: iff {@code c <= q}), whichever comes first (a's if
 * {@code p <= q}); and after both runs end, iff {@code c} exists. Going back in time from (a, b), the
 * later creation is R's iff {@code rank(R) > rank(S)} (a single byte has none), so {@code (a, b)} is
 * compatible iff {@code bytes(a) + bytes(b)} is no token and, undoing creations one at a time:
 * <ul>
 *   <li>after undoing R's (R becomes its right part), {@code c} is none or {@code >= rank} of the old R;</li>
 *   <li>after undoing S's (S becomes its left part), {@code c} is none or {@code > rank} of the old S.</li>
 * </ul>
 * This is rust-gems' {@code is_valid_token_pair}, with {@code c} looked up by bytes (a trie walk from
 * R over the bytes after the boundary: R + S is in the text) and the splits from tiktoken's own merge
 * of each token. A pair with a non-monotone token is tested by the definition: its two tokens' bytes
 * are merged by the reference loop. {@code BacktrackingEncoderTest} checks the test against the
 * definition on hundreds of thousands of pairs of the three vocabularies and on every pair of
 * reachable tokens of a thousand random untrained vocabularies, and the encoder against the merges on tens of thousands of
 * hostile pieces.
 *
 * <h2>Cost</h2>
 * Tables, built on first use per vocabulary ({@link ByteVocabulary#backtracking()}), immutable and
 * shared by all threads: per rank two longs (length, kind, split; trie node and its base) and an int
 * ({@code shorter}); the trie of all tokens as a double array of 12-byte cells, packed almost without
 * holes. Llama 3: 5.86 MB (274,744 cells), built in about 0.12 s warm, 0.3 s on a cold JVM;
 * cl100k_base 4.61 MB, 0.12 s / 0.25 s; o200k_base 9.06 MB (421,884 cells), 0.3 s / 0.55 s. Per
 * {@link MergeBuffers}: a bit per byte of the piece, and for long pairs 8.7 KB of remembered walks
 * and a 32 KB two-way cache of test results.
 *
 * <p>Work is linear in the piece, times factors bounded by the longest token: each position is
 * expanded at most twice (after a guess, then for
 * all its candidates), with at most one candidate per reachable token that prefixes it, and each
 * test walks two spines. Runs settle their last tokens by trying many pairs of run tokens; that is a
 * few thousand tests per piece whatever its length, so {@link BytePairMerger} hands runs of one byte
 * shorter than {@value BytePairMerger#SHORT_RUN_LIMIT} bytes to the merges. As a last guard the search
 * counts its work (candidates tried, trie steps) and hands the piece to the merges if it passes
 * {@value #WORK_PER_BYTE} units per byte reached; none of the inputs measured comes near (at most 27,
 * o200k on 512 dashes; under 4 on the benchmark inputs and on random or periodic texts of digits,
 * letters, spaces, emoji and punctuation).
 *
 * <h2>Performance</h2>
 * Pathological pieces are where tiktoken's loop (and our heap replay) pays per merge, and where this
 * pays per token: {@code PathologicalBenchmark.count}, Llama 3, JMH on one thread of two shared
 * cores, medians over the iterations of two runs, replayed merges then this encoder: 1 MB of one
 * letter 4.5–5.0 then 240 MB/s (one guess per 8-letter token); 100,000 spaces 4.2–4.4 then 420–460
 * MB/s; 100,000 emoji (one 400 KB piece) 16–18 then 63–65 MB/s; 1 MB of random letters 2.6–2.9 then
 * 25 MB/s. English, which has no long piece, ran at 77–83 MB/s in the same runs, so random letters
 * cost 3.0 to 3.3 times as much per byte. There the time goes to memory rather than to search
 * (under 4 units of work per byte): a random letter string touches a new part of the trie (3.3 MB)
 * and new token facts (2 MB) at almost every token. JFR samples: 42% in the search loop with its
 * inlined longest-match walk and candidate facts, 22% in the pair test's trie steps
 * ({@code rankAfter}), 20% loading the pair's facts, 6% in the spine loop, 3% comparing bytes for the
 * guess.
 */
final class BacktrackingEncoder {
    private static final int UNREACHABLE = 0;
    private static final int MONOTONE = 1;
    private static final int GENERAL = 2;

    // Per-rank facts packed in one long (one memory access per step of the test): bits 0-15 the
    // length, 16-17 the kind, 18-39 the left part of the last own merge, 40-61 the right part.
    private static final int MAX_LENGTH = 0xFFFF;
    private static final int MAX_RANKS = 1 << 22;
    private static final long PART_MASK = MAX_RANKS - 1;

    // Pairs at least this long (in bytes) go through the per-thread cache of test results.
    private static final int CACHE_FROM_LENGTH = 12;
    // Search work (trie steps, candidates tried) allowed per byte before the merges take over.
    static final int WORK_PER_BYTE = 128;
    private static final int GUESSED = Integer.MAX_VALUE; // reach of a guessed token: unknown (no bound)
    static final int WORK_SLACK = 1 << 14;
    private static final int SHORT_WALK = 4;
    private static final int REUSE_FROM = 8; // shorter walks cost less than comparing their bytes

    private final ByteVocabulary vocab;
    private final BytePairMerger replay;
    private final int maxTokenLength;
    // Per rank r: facts[2r] the packed facts above, facts[2r + 1] the trie node that spells the token
    // << 32 | that node's base (so a pair test touches one cache line per token).
    private final long[] facts;
    private final int[] shorter;    // per rank: the longest reachable token that is a proper prefix of it, or -1
    private final int trieNodes;

    // Trie of all tokens, as a double array: node s has its child by byte b at t = base(s) + b
    // (unsigned) iff check(t) == s. Cell s is cells[3s .. 3s + 2] = base, check, rank, where rank is
    // the token the node spells: its rank if reachable, -2 - rank if not, -1 if the node is no token.
    // The root is node 0; one cell holds a node's base and its own check and rank, so a step of a walk
    // touches one cell.
    private static final int ROOT = 0;
    private static final int CELL = 3;
    private final int[] cells;

    BacktrackingEncoder(ByteVocabulary vocab) {
        this.vocab = vocab;
        this.replay = new BytePairMerger(vocab);
        int size = vocab.size();
        facts = new long[2 * size];
        shorter = new int[size];
        Arrays.fill(shorter, -1);
        byte[][] bytes = new byte[size][];
        int tokens = 0;
        int totalBytes = 0;
        int maxLength = 1;
        OwnMerge run = new OwnMerge();
        for (int r = 0; r < size; r++) {
            if (!vocab.contains(r)) {
                continue;
            }
            byte[] b = vocab.tokenBytes(r);
            bytes[r] = b;
            tokens++;
            totalBytes += b.length;
            maxLength = Math.max(maxLength, b.length);
            long kind = UNREACHABLE;
            long parts = 0;
            if (run.merge(vocab, b)) {
                kind = run.monotone ? MONOTONE : GENERAL;
                if (b.length > 1) {
                    parts = ((long) vocab.rank(b, 0, run.split) << 18) | ((long) vocab.rank(b, run.split, b.length) << 40);
                }
            }
            facts[2 * r] = Math.min(b.length, MAX_LENGTH) | kind << 16 | parts;
        }
        maxTokenLength = maxLength;

        // Sort all tokens by their bytes (unsigned), then build the trie breadth first: a node covers
        // the sorted range [lo, hi) of tokens sharing its first `depth` bytes.
        int[] order = sortByBytes(bytes, tokens);
        // Nodes: the root, plus for each token (in order) the bytes it does not share with the previous.
        int nodeCount = 1;
        for (int i = 0; i < tokens; i++) {
            byte[] b = bytes[order[i]];
            int shared = i == 0 ? 0 : Math.max(0, Arrays.mismatch(b, bytes[order[i - 1]]));
            nodeCount += b.length - shared;
        }
        DoubleArray da = new DoubleArray(nodeCount + nodeCount / 8 + 512);
        int queued = nodeCount;
        int[] qNode = new int[queued];
        int[] qLo = new int[queued];
        int[] qHi = new int[queued];
        int[] qDepth = new int[queued];
        int[] qAncestor = new int[queued];
        qNode[0] = ROOT;
        qHi[0] = tokens;
        qAncestor[0] = -1;
        int tail = 1;
        int[] childBytes = new int[256];
        int[] childEnds = new int[256];
        for (int head = 0; head < tail; head++) {
            int node = qNode[head];
            int i = qLo[head];
            int end = qHi[head];
            int d = qDepth[head];
            int ancestor = qAncestor[head];
            if (i < end && bytes[order[i]].length == d) {
                int r = order[i];
                facts[2 * r + 1] = (long) node << 32;
                if (kind(r) != UNREACHABLE) {
                    da.setRank(node, r);
                    shorter[r] = ancestor;
                    ancestor = r;
                } else {
                    da.setRank(node, -2 - r);
                }
                i++;
            }
            int children = 0;
            int from = i;
            while (i < end) {
                byte b = bytes[order[i]][d];
                int j = i + 1;
                while (j < end && bytes[order[j]][d] == b) {
                    j++;
                }
                childBytes[children] = b & 0xFF;
                childEnds[children++] = j;
                i = j;
            }
            if (children == 0) {
                continue;
            }
            int base = da.place(node, childBytes, children);
            for (int c = 0; c < children; c++) {
                qNode[tail] = base + childBytes[c];
                qLo[tail] = c == 0 ? from : childEnds[c - 1];
                qHi[tail] = childEnds[c];
                qDepth[tail] = d + 1;
                qAncestor[tail] = ancestor;
                tail++;
            }
        }
        trieNodes = tail;
        cells = da.finish();
        for (int r = 0; r < size; r++) {
            if (bytes[r] != null) {
                facts[2 * r + 1] |= cells[CELL * (int) (facts[2 * r + 1] >>> 32)] & 0xFFFFFFFFL;
            }
        }
    }

    /**
     * Whether the encoder can serve {@code vocab}: every single byte is a token (as byte-level BPE
     * needs; the merges report the missing byte otherwise), and the vocabulary fits the packed tables
     * (under 4M ranks, tokens under 64 KB).
     */
    static boolean supports(ByteVocabulary vocab) {
        if (vocab.size() > MAX_RANKS) {
            return false;
        }
        for (int b = 0; b < 256; b++) {
            if (vocab.byteRank(b) < 0) {
                return false;
            }
        }
        for (int r = 0; r < vocab.size(); r++) {
            if (vocab.tokenLength(r) > MAX_LENGTH) {
                return false;
            }
        }
        return true;
    }

    /**
     * The ranks of all tokens in unsigned lexicographic order of their bytes: a primitive sort on the
     * first five bytes (with the rank in the low bits), then each run of equal five-byte prefixes
     * sorted by the whole bytes.
     */
    private static int[] sortByBytes(byte[][] bytes, int tokens) {
        long[] keys = new long[tokens];
        int k = 0;
        for (int r = 0; r < bytes.length; r++) {
            byte[] b = bytes[r];
            if (b != null) {
                long prefix = 0;
                for (int i = 0; i < 5; i++) {
                    prefix = prefix << 8 | (i < b.length ? b[i] & 0xFF : 0);
                }
                keys[k++] = (prefix << 24 | r) ^ Long.MIN_VALUE; // signed order = unsigned order
            }
        }
        Arrays.sort(keys);
        int[] order = new int[tokens];
        for (int i = 0; i < tokens; i++) {
            order[i] = (int) keys[i] & 0xFFFFFF;
        }
        for (int i = 0; i < tokens; ) {
            int j = i + 1;
            while (j < tokens && keys[j] >>> 24 == keys[i] >>> 24) {
                j++;
            }
            if (j - i > 1) {
                Integer[] run = new Integer[j - i];
                for (int x = i; x < j; x++) {
                    run[x - i] = order[x];
                }
                Arrays.sort(run, (x, y) -> Arrays.compareUnsigned(bytes[x], bytes[y]));
                for (int x = i; x < j; x++) {
                    order[x] = run[x - i];
                }
            }
            i = j;
        }
        return order;
    }

    /** The child of node {@code s} by byte {@code b}, or -1. */
    private int step(int s, byte b) {
        int t = cells[CELL * s] + (b & 0xFF);
        return cells[CELL * t + 1] == s ? t : -1;
    }

    private int kind(int rank) {
        return (int) (facts[2 * rank] >>> 16) & 3;
    }

    private static int length(long info) {
        return (int) info & 0xFFFF;
    }

    private static int leftPart(long info) {
        return (int) ((info >>> 18) & PART_MASK);
    }

    private static int rightPart(long info) {
        return (int) ((info >>> 40) & PART_MASK);
    }

    /** Trie nodes and double-array cells (for the memory note). */
    String trieSize() {
        return trieNodes + " nodes in " + cells.length / CELL + " cells";
    }

    /** Bytes of memory the tables hold (arrays' contents), for the memory note and its test. */
    long tableBytes() {
        return 8L * facts.length + 4L * shorter.length + 4L * cells.length;
    }

    /**
     * Encodes {@code bytes[from, to)}; results in {@code out} as for {@link BytePairMerger#merge}.
     */
    int encode(byte[] bytes, int from, int to, MergeBuffers out) {
        return encode(bytes, from, to, out, WORK_PER_BYTE, WORK_SLACK);
    }

    /**
     * As above, handing the piece to the merges once the search has done more than
     * {@code workPerByte} units of work (candidates tried, trie steps) per byte it has reached,
     * plus {@code slack}; the total work done is left in {@code out.work}.
     */
    int encode(byte[] bytes, int from, int to, MergeBuffers out, int workPerByte, int slack) {
        int n = to - from;
        out.ensureBacktracking(n);
        int[] ranks = out.ranks;
        int[] starts = out.starts;
        long[] alive = out.alive; // bit i: position from + i may still start a token
        Arrays.fill(alive, 0, (n >>> 6) + 1, -1L);
        int[] reach = out.pairRanks; // reach[k]: no token at starts[k] is longer than this
        long work = 0;
        int furthest = from; // candidates tried and trie steps here; pair tests add theirs to out.work
        out.work = 0;
        int count = 0;
        int pos = from;
        long match = longestMatch(bytes, pos, to);
        int lastWalk = pos;
        long lastMatch = match;
        int token = (int) match;
        reach[0] = (int) (match >>> 32);
        // A guess: after a token, the same token again if the bytes repeat (runs, repeated words). It is
        // tried before the candidates at the position, and if it fails or is popped, they all are.
        boolean guess = false;
        while (pos < to) {
            int prev = count > 0 ? ranks[count - 1] : -1;
            while (true) {
                if (token < 0) {
                    // Nothing fits after the tokens so far: position pos is dead, back up one token.
                    int dead = pos - from;
                    alive[dead >>> 6] &= ~(1L << dead);
                    count--;
                    pos = starts[count];
                    prev = count > 0 ? ranks[count - 1] : -1;
                    if (reach[count] == GUESSED) {
                        match = longestMatch(bytes, pos, to);
                        work += match >>> 32;
                        token = (int) match;
                        reach[count] = (int) (match >>> 32);
                    } else {
                        token = shorter[ranks[count]];
                    }
                    continue;
                }
                int end = pos + length(facts[2 * token]);
                int e = end - from;
                work++;
                if ((alive[e >>> 6] & (1L << e)) != 0
                        && (prev < 0 || compatible(prev, token, bytes, pos, reach[count - 1], out))) {
                    ranks[count] = token;
                    starts[count] = pos;
                    count++;
                    int length = end - pos;
                    pos = end;
                    if (pos < to) {
                        if (length > 1 && pos + length <= to && bytes[pos] == bytes[pos - length]
                                && same(bytes, pos, pos - length, length)) {
                            guess = true;
                            reach[count] = GUESSED;
                        } else {
                            guess = false;
                            int r = (int) (lastMatch >>> 32);
                            if (r >= REUSE_FROM && bytes[pos] == bytes[lastWalk] && r < maxTokenLength && pos + r < to && lastWalk + r < to
                                    && same(bytes, pos, lastWalk, r + 1)) {
                                // The same bytes as at the last walk, up to the one where the trie ended: same answer.
                                match = lastMatch;
                            } else {
                                match = longestMatch(bytes, pos, to);
                                lastWalk = pos;
                                lastMatch = match;
                                work += match >>> 32;
                            }
                            token = (int) match;
                            reach[count] = (int) (match >>> 32);
                        }
                        furthest = Math.max(furthest, pos);
                        if (work + out.work > (long) workPerByte * (furthest - from) + slack) {
                            // Far more search than these inputs need: let the merges decide instead.
                            out.work += work;
                            return replay.mergeByReplay(bytes, from, to, out);
                        }
                    }
                    break;
                }
                if (guess) {
                    guess = false;
                    match = longestMatch(bytes, pos, to);
                    work += match >>> 32;
                    token = (int) match;
                    reach[count] = (int) (match >>> 32);
                } else {
                    token = shorter[token];
                }
            }
        }
        starts[count] = to;
        out.work += work;
        return count;
    }

    /** Whether {@code bytes[i, i + length)} equals {@code bytes[j, j + length)}. */
    private static boolean same(byte[] bytes, int i, int j, int length) {
        if (length > 16) {
            return Arrays.equals(bytes, i, i + length, bytes, j, j + length);
        }
        for (int k = 0; k < length; k++) {
            if (bytes[i + k] != bytes[j + k]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The longest reachable token that {@code bytes[pos, to)} starts with (low half), and how far the
     * trie walk got (high half): no token at {@code pos} is longer than that.
     */
    private long longestMatch(byte[] bytes, int pos, int to) {
        int end = Math.min(to, pos + maxTokenLength);
        int[] cells = this.cells;
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

    /**
     * Walks the trie from {@code node} (as in {@code facts[2r + 1]}) over {@code bytes[from, from + steps)}; {@code found[offset + j]}
     * becomes the rank of the token spelled after {@code j} bytes (-1 if none). Returns how many bytes the
     * path lasted: beyond that, no token.
     */
    private int walk(long node, byte[] bytes, int from, int steps, int[] found, int offset) {
        if (steps <= 0) {
            return 0;
        }
        int[] cells = this.cells;
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

    /**
     * Whether {@code enc(bytes(a) + bytes(b)) = [a, b]}, for reachable tokens {@code a} ending and
     * {@code b} starting at {@code boundary} in {@code bytes}.
     */
    boolean compatible(int a, int b, byte[] bytes, int boundary, MergeBuffers out) {
        out.ensureBacktracking(0);
        return compatible(a, b, bytes, boundary, Integer.MAX_VALUE, out);
    }

    /** As above, knowing that no token at {@code a}'s start is longer than {@code reachOfA} bytes. */
    private boolean compatible(int a, int b, byte[] bytes, int boundary, int reachOfA, MergeBuffers out) {
        long ia = facts[2 * a];
        long ib = facts[2 * b];
        boolean monotone = ((ia >>> 16) & 3) == MONOTONE && ((ib >>> 16) & 3) == MONOTONE;
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
        if (lr + ls <= reachOfA && rankAfter(node, bytes, boundary, ls) >= 0) {
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
                int c = rankAfter(node, bytes, boundary, ls);
                if (c >= 0 && c < limit) {
                    return false;
                }
            } else if (ls > 1) {
                // Undo S's creation (rank s, b's merge): the crossing pair, left of it, wins a tie.
                int limit = s;
                s = leftPart(is);
                is = facts[2 * s];
                ls = length(is);
                int c = rankAfter(node, bytes, boundary, ls);
                if (c >= 0 && c <= limit) {
                    return false;
                }
            } else {
                return true;
            }
        }
    }

    /** The rank of the token spelled from {@code node} (as in {@code facts[2r + 1]}) over {@code bytes[from, from + steps)}, or -1. */
    private int rankAfter(long node, byte[] bytes, int from, int steps) {
        int[] cells = this.cells;
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
            out.walked = walk(facts[2 * r + 1], bytes, boundary, steps, out.walk, scratch);
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
        out.walked = out.memoWalked[level] = walk(facts[2 * r + 1], bytes, boundary, steps, out.walk, offset);
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

    /** Whether a token can occur in a valid encoding (its own bytes merge back to it). */
    boolean reachable(int rank) {
        return kind(rank) != UNREACHABLE;
    }

    /** Whether a reachable token's own merges happen in non-decreasing rank order (the fast test applies). */
    boolean monotone(int rank) {
        return kind(rank) == MONOTONE;
    }

    /**
     * tiktoken's merge of one token's own bytes, noting whether it ends in one part, the split of the
     * last merge, and whether the merge ranks never decrease.
     */
    private static final class OwnMerge {
        int[] bounds = new int[16];
        int[] pairRanks = new int[16];
        byte[] padded = new byte[16 + ByteVocabulary.READ_PADDING];
        boolean monotone;
        int split;

        boolean merge(ByteVocabulary vocab, byte[] token) {
            int n = token.length;
            monotone = true;
            split = -1;
            if (n == 1) {
                return true;
            }
            if (bounds.length < n + 1) {
                bounds = new int[n + 1];
                pairRanks = new int[n + 1];
                padded = new byte[n + ByteVocabulary.READ_PADDING];
            }
            byte[] b = padded; // lookups read 8 bytes at a time
            System.arraycopy(token, 0, b, 0, n);
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

    /** Builds the double array: each node's children go where all their cells are free. */
    private static final class DoubleArray {
        private int[] cells;
        private long[] used = new long[0]; // bit per cell
        private static final int PLACE_TRIES = 32;
        private int firstFree = 1;
        private int frontier = 1; // cells from here on are all free

        DoubleArray(long expectedNodes) {
            int n = (int) Math.min(Math.max(expectedNodes, 1024), 1 << 26);
            cells = new int[CELL * n];
            used = new long[(n + 63) >>> 6];
            clear(0, n);
            markUsed(ROOT);
        }

        private void clear(int from, int to) {
            for (int c = from; c < to; c++) {
                cells[CELL * c + 1] = -1; // check: no parent
                cells[CELL * c + 2] = -1; // rank: no token
            }
        }

        private void grow(int capacity) {
            int old = cells.length / CELL;
            cells = Arrays.copyOf(cells, CELL * capacity);
            used = Arrays.copyOf(used, (capacity + 63) >>> 6);
            clear(old, capacity);
        }

        private boolean isUsed(int c) {
            return c < used.length * 64 && (used[c >>> 6] & (1L << c)) != 0;
        }

        private void markUsed(int c) {
            used[c >>> 6] |= 1L << c;
        }

        void setRank(int node, int rank) {
            cells[CELL * node + 2] = rank;
        }

        /** Finds a base for the children bytes (ascending), claims their cells; returns the base. */
        int place(int node, int[] childBytes, int children) {
            int first = childBytes[0];
            // The first free cells that fit, but only a few tries: past the last used cell all fit.
            int base = Math.max(frontier - first, 0);
            int free = nextFree(Math.max(firstFree, first));
            for (int tries = 0; tries < PLACE_TRIES && free - first < base; tries++, free = nextFree(free + 1)) {
                int candidate = free - first;
                boolean fits = true;
                for (int c = 1; c < children && fits; c++) {
                    fits = !isUsed(candidate + childBytes[c]);
                }
                if (fits) {
                    base = candidate;
                    break;
                }
            }
            // Every base must leave room for any byte after it, so a step never leaves the array.
            if (base + 256 >= cells.length / CELL) {
                grow(Math.max(base + 257, cells.length / CELL * 3 / 2));
            }
            cells[CELL * node] = base;
            for (int c = 0; c < children; c++) {
                int t = base + childBytes[c];
                markUsed(t);
                cells[CELL * t + 1] = node;
            }
            frontier = Math.max(frontier, base + childBytes[children - 1] + 1);
            firstFree = nextFree(firstFree);
            return base;
        }

        private int nextFree(int from) {
            int c = from;
            while (true) {
                int w = c >>> 6;
                if (w >= used.length) {
                    return c;
                }
                long free = ~used[w] & (-1L << c);
                if (free != 0) {
                    return (w << 6) + Long.numberOfTrailingZeros(free);
                }
                c = (w + 1) << 6;
            }
        }

        int[] finish() {
            int end = 0; // one past the last cell a step can reach
            for (int c = 0; c < cells.length / CELL; c++) {
                if (isUsed(c)) {
                    end = Math.max(end, Math.max(c + 1, cells[CELL * c] + 256));
                }
            }
            return Arrays.copyOf(cells, CELL * end);
        }
    }
}
