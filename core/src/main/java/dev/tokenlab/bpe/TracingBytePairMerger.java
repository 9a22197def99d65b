package dev.tokenlab.bpe;

import java.util.Arrays;

/**
 * The merges of {@link BytePairMerger}, one at a time, told to a listener: what the teaching views
 * ({@code tokenlab explain}) show. Same rule, same result: repeatedly merge the adjacent pair whose
 * bytes have the lowest rank, the leftmost on a tie, until no adjacent pair is a token.
 *
 * <p>A separate implementation on purpose, so the hot path of {@link BytePairMerger} carries no
 * listener call and no branch for it. This one is the plain textbook loop (an array of part
 * boundaries, a linear scan per merge, O(n²) in the piece's length), fine for the words and
 * sentences a person asks to see explained. {@code ByteLevelBpeExplainerTest} proves its final parts
 * equal the fast merger's on every edge case.
 *
 * <pre>{@code
 * // Llama 3, the piece "unhappiness": 8 merges, then 3 tokens.
 * int[] parts = new TracingBytePairMerger(llama3.vocabulary()).merge(bytes, 0, bytes.length,
 *         (step, position, start, mid, end, rank) -> System.out.println(step + ". rank " + rank));
 * // 1. rank 258 ("i"+"n" → "in") … 8. rank 67391 ("app"+"iness" → "appiness")
 * // parts = [0, 2, 3, 11]: "un" | "h" | "appiness"
 * }</pre>
 */
public final class TracingBytePairMerger {

    /** Told about each merge, in order. */
    @FunctionalInterface
    public interface MergeListener {
        /**
         * Parts {@code [start, mid)} and {@code [mid, end)} became one part, the token of {@code rank}.
         *
         * @param step     1 for the first merge of the piece, then 2, 3 …
         * @param position index of the left part among the parts before this merge (0 = first part)
         * @param start    first byte of the left part (an index into the bytes given to {@code merge})
         * @param mid      first byte of the right part
         * @param end      one past the last byte of the right part
         * @param rank     the rank of the merged bytes {@code [start, end)}
         */
        void merged(int step, int position, int start, int mid, int end, int rank);
    }

    private static final int NONE = Integer.MAX_VALUE;

    private final ByteVocabulary vocab;

    public TracingBytePairMerger(ByteVocabulary vocab) {
        this.vocab = vocab;
    }

    /**
     * Merges {@code bytes[from, to)}, telling {@code listener} each merge.
     *
     * @return the boundaries of the final parts: part {@code k} is {@code [b[k], b[k + 1])}, so a
     *         result of length {@code n + 1} means {@code n} tokens; {@code b[0] == from} and
     *         {@code b[n] == to}. The rank of each part is {@code vocab.rank(bytes, b[k], b[k + 1])}.
     * @throws IllegalStateException if a single byte has no rank (not a byte-level vocabulary)
     */
    public int[] merge(byte[] bytes, int from, int to, MergeListener listener) {
        int parts = to - from;
        int[] bounds = new int[parts + 1];
        for (int i = 0; i <= parts; i++) {
            bounds[i] = from + i;
        }
        for (int i = from; i < to; i++) {
            if (vocab.byteRank(bytes[i]) < 0) {
                throw new IllegalStateException(String.format(
                        "byte 0x%02X has no rank: not a byte-level BPE vocabulary", bytes[i] & 0xFF));
            }
        }
        // pair[i]: rank of parts i and i + 1 joined, NONE when that is no token.
        int[] pair = new int[Math.max(0, parts - 1)];
        for (int i = 0; i + 1 < parts; i++) {
            pair[i] = rank(bytes, bounds[i], bounds[i + 2]);
        }
        int step = 0;
        while (parts > 1) {
            int best = NONE;
            int at = -1;
            for (int i = 0; i + 1 < parts; i++) {
                if (pair[i] < best) {
                    best = pair[i];
                    at = i;
                }
            }
            if (at < 0) {
                break;
            }
            listener.merged(++step, at, bounds[at], bounds[at + 1], bounds[at + 2], best);
            // Drop the boundary between parts at and at + 1, and the pair entry of at + 1.
            System.arraycopy(bounds, at + 2, bounds, at + 1, parts - at - 1);
            int tail = parts - at - 3; // pairs right of the merged one keep their ranks, one place left
            if (tail > 0) {
                System.arraycopy(pair, at + 2, pair, at + 1, tail);
            }
            parts--;
            if (at + 1 < parts) {
                pair[at] = rank(bytes, bounds[at], bounds[at + 2]);
            }
            if (at > 0) {
                pair[at - 1] = rank(bytes, bounds[at - 1], bounds[at + 1]);
            }
        }
        return Arrays.copyOf(bounds, parts + 1);
    }

    private int rank(byte[] bytes, int start, int end) {
        int r = vocab.rank(bytes, start, end);
        return r < 0 ? NONE : r;
    }
}
