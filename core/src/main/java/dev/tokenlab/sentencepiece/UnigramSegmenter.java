package dev.tokenlab.sentencepiece;

import java.util.Arrays;

/**
 * SentencePiece Unigram segmentation: the Viterbi path through the lattice of all pieces found in
 * the text, the one with the highest total score. This follows the C++ {@code EncodeOptimized}
 * exactly, including its arithmetic, because near-ties decide between segmentations:
 *
 * <ul>
 *   <li>Positions are UTF-8 byte offsets. For each character start, every piece (NORMAL,
 *       USER_DEFINED; UNUSED ones are skipped) that begins there is a candidate for the best path
 *       ending where it ends: the path's score is the best score up to its start plus the piece's
 *       score, summed in {@code double} and stored as {@code float}; a candidate replaces the stored
 *       one only if strictly greater, so the earliest start wins a tie.</li>
 *   <li>A user-defined piece scores {@code length_in_bytes * max_score - 0.1}, where {@code max_score}
 *       is the highest NORMAL score, so it is always chosen.</li>
 *   <li>Where no piece of exactly one character starts, the character alone is a candidate with the
 *       unknown id and score {@code min_score - 10} (summed in {@code float}).</li>
 *   <li>The path is read back from the end.</li>
 * </ul>
 *
 * <pre>{@code
 * // sentencepiece's test_model.model (trained on botchan.txt)
 * "▁I▁saw▁a▁girl"  ->  [9 "▁I", 459 "▁saw", 11 "▁a", 939 "▁girl"]
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
final class UnigramSegmenter implements Segmenter {
    private static final float UNK_PENALTY = 10.0f;

    private final ByteTrie trie;
    private final float[] scores;
    private final boolean[] skip;
    private final boolean[] userDefined;
    private final float maxScore;
    private final float unkScore;
    private final int unkId;

    UnigramSegmenter(SentencePieceModel model) {
        int n = model.size();
        trie = new ByteTrie(n);
        scores = new float[n];
        skip = new boolean[n];
        userDefined = new boolean[n];
        float min = Float.MAX_VALUE;
        float max = Float.MIN_VALUE; // the C++ FLT_MIN: the smallest positive float
        for (int id = 0; id < n; id++) {
            PieceType type = model.type(id);
            scores[id] = model.score(id);
            if (type == PieceType.NORMAL) {
                min = Math.min(min, model.score(id));
                max = Math.max(max, model.score(id));
            }
            if (type.isSegmentable()) {
                trie.add(model.pieceBytesUnsafe(id), id);
                skip[id] = type == PieceType.UNUSED;
                userDefined[id] = type == PieceType.USER_DEFINED;
            }
        }
        this.maxScore = max;
        this.unkScore = min - UNK_PENALTY;
        this.unkId = model.unkId();
    }

    // What UnigramLattice needs to score the same lattice; not used on the encode path.

    ByteTrie trie() {
        return trie;
    }

    /** Whether piece {@code id} is in the trie but never part of a segmentation (UNUSED). */
    boolean skipped(int id) {
        return skip[id];
    }

    /** The score of piece {@code id} covering {@code length} bytes, in the segment loop's arithmetic. */
    double pieceScore(int id, int length) {
        return userDefined[id] ? (double) (length * maxScore) - 0.1 : (double) scores[id];
    }

    /** The score of an unknown character: the lowest NORMAL score less 10. */
    float unkScore() {
        return unkScore;
    }

    @Override
    public void segment(NormalizedText text, Segmentation out, Scratch s) {
        out.clear();
        byte[] b = text.bytes;
        int n = text.length;
        if (n == 0) {
            return;
        }
        float[] best = s.floats = s.floats.length > n ? s.floats : new float[n + 1 + (n >> 1)];
        int[] startsAt = s.ints1 = Scratch.ensure(s.ints1, n + 1);
        int[] bestId = s.ints2 = Scratch.ensure(s.ints2, n + 1);
        Arrays.fill(startsAt, 0, n + 1, -1);
        best[0] = 0f;
        int pos = 0;
        while (pos < n) {
            float tillHere = best[pos];
            boolean hasSingle = false;
            int mblen = Math.min(Normalizer.oneCharLen(b[pos] & 0xFF), n - pos);
            int node = 0;
            for (int k = pos; k < n; k++) {
                node = trie.child(node, b[k] & 0xFF);
                if (node == ByteTrie.NONE) {
                    break;
                }
                int id = trie.value(node);
                if (id < 0 || skip[id]) {
                    continue;
                }
                int length = k + 1 - pos;
                double score = userDefined[id] ? (double) (length * maxScore) - 0.1 : (double) scores[id];
                double candidate = score + tillHere;
                int end = k + 1;
                if (startsAt[end] == -1 || candidate > best[end]) {
                    best[end] = (float) candidate;
                    startsAt[end] = pos;
                    bestId[end] = id;
                }
                if (!hasSingle && length == mblen) {
                    hasSingle = true;
                }
            }
            if (!hasSingle) {
                int end = pos + mblen;
                float candidate = unkScore + tillHere;
                if (startsAt[end] == -1 || candidate > best[end]) {
                    best[end] = candidate;
                    startsAt[end] = pos;
                    bestId[end] = unkId;
                }
            }
            pos += mblen;
        }
        int end = n;
        while (end > 0) {
            int start = startsAt[end];
            if (start < 0) {
                throw new IllegalStateException("no path reaches byte " + end); // every character start is reachable
            }
            out.add(start, end, bestId[end]);
            end = start;
        }
        out.reverse();
    }
}
