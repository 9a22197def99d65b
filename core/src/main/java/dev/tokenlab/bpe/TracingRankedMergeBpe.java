package dev.tokenlab.bpe;

import java.util.Arrays;

/**
 * The merges of {@link RankedMergeBpe}, one at a time, told to a listener: what the teaching views
 * ({@code tokenlab explain}) show for Hugging Face BPE models. Same rule, same result: repeatedly
 * merge the adjacent pair that comes first in the merge list, the leftmost of equal pairs, until no
 * adjacent pair is in the list.
 *
 * <p>A separate implementation on purpose, so the hot path of {@link RankedMergeBpe} carries no
 * listener call and no branch for it. This one is the plain loop (an array of parts, the rank of
 * each adjacent pair kept beside it, a linear scan per merge: O(n²) in the word's length), fine for
 * the words and sentences a person asks to see explained. {@code TracingRankedMergeBpeTest} proves its
 * parts equal the fast merger's (linear scan and heap alike) on random merge lists.
 *
 * <pre>{@code
 * // ids: a=0 b=1 c=2; bc=4 (rank 0), ab=3 (rank 1), abc=5 (rank 2: "a bc")
 * int[] ids = {0, 1, 2};
 * int[] parts = new TracingRankedMergeBpe(merges).merge(ids, 3,
 *         (step, position, start, mid, end, rank, id) -> System.out.println(step + ". rank " + rank + " → " + id));
 * // 1. rank 0 → 4 ("b"+"c", at part 1), 2. rank 2 → 5 ("a"+"bc", at part 0)
 * // parts = [0, 3], ids[0] = 5
 * }</pre>
 */
public final class TracingRankedMergeBpe {

    /** Told about each merge, in order. */
    @FunctionalInterface
    public interface MergeListener {
        /**
         * The parts made of the initial symbols {@code [start, mid)} and {@code [mid, end)} became one
         * part, the token {@code id}.
         *
         * @param step     1 for the first merge of the word, then 2, 3 …
         * @param position index of the left part among the parts before this merge (0 = first part)
         * @param start    first initial symbol of the left part
         * @param mid      first initial symbol of the right part
         * @param end      one past the last initial symbol of the right part
         * @param rank     the pair's rank in the merge list (0 = listed first)
         * @param id       the id of the merged token
         */
        void merged(int step, int position, int start, int mid, int end, int rank, int id);
    }

    private final RankedMerges merges;

    /** A tracer over {@code merges}. Immutable and thread-safe (every call has its own arrays). */
    public TracingRankedMergeBpe(RankedMerges merges) {
        this.merges = merges;
    }

    /**
     * Merges {@code ids[0, n)} in place, telling {@code listener} each merge. Afterwards
     * {@code ids[0, k)} are the tokens.
     *
     * @return the boundaries of the final parts among the initial symbols: part {@code j} is
     *         {@code [b[j], b[j + 1])}, so a result of length {@code k + 1} means {@code k} tokens;
     *         {@code b[0] == 0} and {@code b[k] == n}, as {@link RankedMergeBpe#merge}'s {@code starts}
     */
    public int[] merge(int[] ids, int n, MergeListener listener) {
        int parts = n;
        int[] bounds = new int[n + 1];
        for (int i = 0; i <= n; i++) {
            bounds[i] = i;
        }
        // pair[i]: the merge of parts i and i + 1 (rank << 32 | id), or NONE.
        long[] pair = new long[Math.max(0, n - 1)];
        for (int i = 0; i + 1 < n; i++) {
            pair[i] = merges.lookup(ids[i], ids[i + 1]);
        }
        int step = 0;
        while (parts > 1) {
            long best = RankedMerges.NONE;
            int at = -1;
            for (int i = 0; i + 1 < parts; i++) {
                long v = pair[i];
                if (v != RankedMerges.NONE && (at < 0 || (v >>> 32) < (best >>> 32))) {
                    best = v;
                    at = i;
                }
            }
            if (at < 0) {
                break;
            }
            int id = (int) best;
            listener.merged(++step, at, bounds[at], bounds[at + 1], bounds[at + 2], (int) (best >>> 32), id);
            ids[at] = id;
            // Drop part at + 1: its id, its boundary, and the pair entry that started at it.
            System.arraycopy(ids, at + 2, ids, at + 1, parts - at - 2);
            System.arraycopy(bounds, at + 2, bounds, at + 1, parts - at - 1);
            int tail = parts - at - 3;
            if (tail > 0) {
                System.arraycopy(pair, at + 2, pair, at + 1, tail);
            }
            parts--;
            if (at + 1 < parts) {
                pair[at] = merges.lookup(ids[at], ids[at + 1]);
            }
            if (at > 0) {
                pair[at - 1] = merges.lookup(ids[at - 1], ids[at]);
            }
        }
        return Arrays.copyOf(bounds, parts + 1);
    }
}
