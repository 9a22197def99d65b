package dev.tokenlab.bpe;

import static dev.tokenlab.bpe.BacktrackingTables.length;

import java.util.Arrays;

/**
 * Exact byte-level BPE in about linear time: the tokens tiktoken's {@code byte_pair_merge} ends with,
 * found by a left-to-right search instead of by replaying the merges. The idea is github/rust-gems'
 * "backtracking" encoder; its pair test ({@link PairCompatibility}) is re-derived here for tiktoken's
 * rule, which looks a pair up by its concatenated bytes (not in a merge list), and is exact for it.
 * {@link BytePairMerger} keeps the merges themselves (its linear and heap loops) as the reference, and
 * uses this for pieces of {@value BytePairMerger#MEDIUM_THRESHOLD} bytes or more.
 *
 * <p>This class is the search; what it knows of the tokens is in the {@link BacktrackingTables}
 * (built once per vocabulary, with the {@link TokenTrie} it walks for the longest token at a
 * position), and whether two tokens may stand side by side is {@link PairCompatibility}'s question.
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
 * or is popped, all candidates of the position are tried. Unreachable tokens ({@link BacktrackingTables})
 * occur in no valid sequence and are never candidates. {@code BacktrackingEncoderTest} checks the
 * encoder against the merges on tens of thousands of hostile pieces.
 *
 * <h2>Cost</h2>
 * Per {@link MergeBuffers}: a bit per byte of the piece, and what the pair test remembers. Work is
 * linear in the piece, times factors bounded by the longest token: each position is expanded at most
 * twice (after a guess, then for all its candidates), with at most one candidate per reachable token
 * that prefixes it, and each test walks two spines. Runs settle their last tokens by trying many
 * pairs of run tokens; that is a few thousand tests per piece whatever its length, so
 * {@link BytePairMerger} hands runs of one byte shorter than {@value BytePairMerger#SHORT_RUN_LIMIT}
 * bytes to the merges. As a last guard the search counts its work (candidates tried, trie steps) and
 * hands the piece to the merges if it passes {@value #WORK_PER_BYTE} units per byte reached; none of
 * the inputs measured comes near (at most 27, o200k on 512 dashes; under 4 on the benchmark inputs and
 * on random or periodic texts of digits, letters, spaces, emoji and punctuation).
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
    // Search work (trie steps, candidates tried) allowed per byte before the merges take over.
    static final int WORK_PER_BYTE = 128;
    static final int WORK_SLACK = 1 << 14;
    private static final int GUESSED = Integer.MAX_VALUE; // reach of a guessed token: unknown (no bound)
    private static final int REUSE_FROM = 8; // shorter walks cost less than comparing their bytes

    private final BytePairMerger replay;
    private final BacktrackingTables tables;
    private final PairCompatibility pairs;
    // The tables' arrays and the trie's cells, held here too so that the search loop reads them in
    // one load (see TokenTrie).
    private final int[] cells;
    private final long[] facts;
    private final int[] shorter;
    private final int maxTokenLength;

    /** The encoder of a vocabulary the tables {@link #supports support}; builds the tables. */
    BacktrackingEncoder(ByteVocabulary vocab) {
        this.replay = new BytePairMerger(vocab);
        this.tables = new BacktrackingTables(vocab);
        this.pairs = new PairCompatibility(tables, replay);
        this.cells = tables.trie.cells();
        this.facts = tables.facts;
        this.shorter = tables.shorter;
        this.maxTokenLength = tables.trie.maxTokenLength();
    }

    /** Whether the encoder can serve {@code vocab} (see {@link BacktrackingTables#supports}). */
    static boolean supports(ByteVocabulary vocab) {
        return BacktrackingTables.supports(vocab);
    }

    /** The facts the search goes by (which tokens are reachable, monotone …). */
    BacktrackingTables tables() {
        return tables;
    }

    /** The pair test the search asks before it pushes a token. */
    PairCompatibility pairs() {
        return pairs;
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
        PairCompatibility pairs = this.pairs; // in a register, not reloaded after each call
        long work = 0;
        int furthest = from; // candidates tried and trie steps here; pair tests add theirs to out.work
        out.work = 0;
        int count = 0;
        int pos = from;
        long match = TokenTrie.longestMatch(cells, maxTokenLength, bytes, pos, to);
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
                        match = TokenTrie.longestMatch(cells, maxTokenLength, bytes, pos, to);
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
                        && (prev < 0 || pairs.compatible(prev, token, bytes, pos, reach[count - 1], out))) {
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
                                match = TokenTrie.longestMatch(cells, maxTokenLength, bytes, pos, to);
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
                    match = TokenTrie.longestMatch(cells, maxTokenLength, bytes, pos, to);
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
}
