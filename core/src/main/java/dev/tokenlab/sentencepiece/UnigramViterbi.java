package dev.tokenlab.sentencepiece;

import dev.tokenlab.TokenizerException;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The Unigram Viterbi search that SentencePiece's {@code EncodeOptimized} and the Hugging Face
 * {@code tokenizers} library's {@code encode_optimized} both run, with what differs between them as
 * parameters: which pieces are in the lattice, their scores, and the arithmetic of the path sums.
 *
 * <ul>
 *   <li>Positions are UTF-8 byte offsets. At each character start, every lattice piece beginning
 *       there is a candidate for the best path ending where it ends: best score so far plus the
 *       piece's score, summed in {@code double}; a candidate replaces the stored one only if strictly
 *       greater, so on a tie the piece starting earliest wins.</li>
 *   <li>Where no piece of exactly one character starts, that character alone is a candidate with the
 *       unknown id and the unknown score.</li>
 *   <li>SentencePiece stores each path sum as a {@code float} ({@link #floatSums}); Hugging Face keeps
 *       {@code f64}. Rounding a double sum of two floats to float gives the float sum (a double has more
 *       than 2 × 24 + 2 bits), so one loop serves both.</li>
 *   <li>Hugging Face's model may have no unknown id: a search that needs the unknown piece then fails
 *       ("Encountered an unknown token but `unk_id` is missing"), when the unknown candidate would be
 *       taken, as in Rust.</li>
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public final class UnigramViterbi {
    final ByteTrie trie;
    final double[] scores;
    final boolean[] skip;
    final double unkScore;
    final int unkId;
    final boolean floatSums;

    UnigramViterbi(ByteTrie trie, double[] scores, boolean[] skip, double unkScore, int unkId, boolean floatSums) {
        this.trie = trie;
        this.scores = scores;
        this.skip = skip;
        this.unkScore = unkScore;
        this.unkId = unkId;
        this.floatSums = floatSums;
    }

    /**
     * The Hugging Face lattice: every piece (control, unknown and {@code <0xNN>} pieces included),
     * scored as given in {@code f64}; a spelling listed twice is the later id (the Rust library's
     * token-to-id map keeps the last). The unknown score is the lowest score of all pieces less 10.
     *
     * @param unkId the unknown id, or -1 if the model has none
     */
    public static UnigramViterbi huggingFace(String[] pieces, double[] scores, int unkId) {
        ByteTrie trie = new ByteTrie(pieces.length);
        double min = Double.POSITIVE_INFINITY;
        for (double s : scores) {
            min = Math.min(min, s);
        }
        java.util.Map<String, Integer> last = new java.util.HashMap<>(pieces.length * 2);
        for (int id = 0; id < pieces.length; id++) {
            last.put(pieces[id], id);
        }
        for (int id = 0; id < pieces.length; id++) {
            if (!pieces[id].isEmpty() && last.get(pieces[id]) == id) {
                trie.add(pieces[id].getBytes(StandardCharsets.UTF_8), id);
            }
        }
        return new UnigramViterbi(trie, scores.clone(), null, min - 10.0, unkId, false);
    }

    /** A best path: pieces as byte ranges and ids, left to right. */
    public static final class Path {
        int[] starts = new int[16];
        int[] ends = new int[16];
        int[] ids = new int[16];
        int count;

        /** Number of pieces. */
        public int count() {
            return count;
        }

        /** Byte offset where piece {@code k} starts. */
        public int start(int k) {
            return starts[k];
        }

        /** Byte offset where piece {@code k} ends (exclusive). */
        public int end(int k) {
            return ends[k];
        }

        /** The id of piece {@code k} (the unknown id for an unknown character). */
        public int id(int k) {
            return ids[k];
        }
    }

    /** The best path over the UTF-8 text {@code b[0, length)}. */
    public Path best(byte[] b, int length) {
        double[] best = new double[length + 1];
        int[] startsAt = new int[length + 1];
        int[] bestId = new int[length + 1];
        search(b, 0, length, 0, best, startsAt, bestId);
        Path path = new Path();
        int count = 0;
        for (int end = length; end > 0; end = startsAt[end]) {
            count++;
        }
        path.starts = new int[count];
        path.ends = new int[count];
        path.ids = new int[count];
        path.count = count;
        for (int end = length, k = count - 1; end > 0; end = startsAt[end], k--) {
            path.starts[k] = startsAt[end];
            path.ends[k] = end;
            path.ids[k] = bestId[end];
        }
        return path;
    }

    /**
     * The search over {@code b[from, to)} with the best score at {@code from} being {@code base}:
     * appends the best path's pieces to {@code out} and returns the best score at {@code to}.
     */
    double best(byte[] b, int from, int to, double base, Segmentation out, Segmenter.Scratch s) {
        int n = to - from;
        double[] best = s.doubles1 = Segmenter.Scratch.ensure(s.doubles1, n + 1);
        int[] startsAt = s.ints1 = Segmenter.Scratch.ensure(s.ints1, n + 1);
        int[] bestId = s.ints2 = Segmenter.Scratch.ensure(s.ints2, n + 1);
        search(b, from, to, base, best, startsAt, bestId);
        int first = out.count;
        for (int end = n; end > 0; end = startsAt[end]) {
            out.add(from + startsAt[end], from + end, bestId[end]);
        }
        out.reverse(first);
        return best[n];
    }

    /** Fills {@code best}, {@code startsAt} and {@code bestId} for the ends {@code 1..to-from}. */
    private void search(byte[] b, int from, int to, double base, double[] best, int[] startsAt, int[] bestId) {
        int n = to - from;
        Arrays.fill(startsAt, 0, n + 1, -1);
        best[0] = base;
        int pos = 0;
        while (pos < n) {
            double tillHere = best[pos];
            boolean hasSingle = false;
            int mblen = Math.min(Normalizer.oneCharLen(b[from + pos] & 0xFF), n - pos);
            int node = 0;
            for (int k = pos; k < n; k++) {
                node = trie.child(node, b[from + k] & 0xFF);
                if (node == ByteTrie.NONE) {
                    break;
                }
                int id = trie.value(node);
                if (id < 0 || skip != null && skip[id]) {
                    continue;
                }
                int end = k + 1;
                double candidate = scores[id] + tillHere;
                if (startsAt[end] == -1 || candidate > best[end]) {
                    best[end] = floatSums ? (float) candidate : candidate;
                    startsAt[end] = pos;
                    bestId[end] = id;
                }
                if (end - pos == mblen) {
                    hasSingle = true;
                }
            }
            if (!hasSingle) {
                int end = pos + mblen;
                double candidate = unkScore + tillHere;
                if (floatSums) {
                    candidate = (float) candidate;
                }
                if (startsAt[end] == -1 || candidate > best[end]) {
                    if (unkId < 0) {
                        throw new TokenizerException("Encountered an unknown token but `unk_id` is missing");
                    }
                    best[end] = candidate;
                    startsAt[end] = pos;
                    bestId[end] = unkId;
                }
            }
            pos += mblen;
        }
    }
}
