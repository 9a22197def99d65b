package dev.tokenlab.sentencepiece;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The lattice a Unigram model's {@link UnigramSegmenter} (or a Hugging Face Unigram model's
 * {@link UnigramViterbi}) searches, for {@code tokenlab explain}: every piece that occurs in the
 * normalized text is a node, a segmentation is a path of nodes from the start to the end, and its log
 * probability is the sum of its nodes' scores. {@link #nBest} gives the best path (exactly the one
 * {@code encode} picks) and the next best ones.
 *
 * <p>Scores are the ones the segmenter uses: a piece's score from the model; a user-defined piece
 * {@code length_in_bytes × max_score − 0.1} (so it always wins); a character with no piece of its own
 * the unknown id with {@code min_score − 10}. A path's log probability is summed left to right the way
 * the segmenter sums it (SentencePiece: each partial sum rounded to {@code float}; Hugging Face: in
 * {@code double}), so the best path's is never below another path's. The Hugging Face lattice holds
 * every piece, the unknown piece's own text ({@code <unk>}) included: such a node has the piece's score,
 * an unknown character the unknown score.
 *
 * <p>The next best paths come from a k-best Viterbi: each position keeps the {@code n} best partial
 * paths ending there (ties in the order found: earlier start first), which is exact because extending
 * a worse prefix by the same piece never gives a better path. Paths are distinct segmentations (a
 * stretch of text has one piece at most). O(text × pieces per position × n), a separate loop from the
 * encoder's, which keeps its single best path per position.
 *
 * <p>Performance notes (test_model, 20,000 characters of "unhappiness unhappiness …", 100 paths,
 * {@code tokenlab explain --nbest 100 --format json}, 2 shared cores): a first version with a list of
 * entry objects per position and insertion by linear search took 34 s and 800 MB; the entries as
 * primitive arrays per position, merged with the (already sorted) extensions in one pass, take under
 * 3 s and run in {@code -Xmx200m}. Five paths, the default, take under a second.
 *
 * <pre>{@code
 * // test_model.model, "▁unhappiness"
 * UnigramLattice.of(testModel).nBest(bytes, bytes.length, 3);
 * // [▁un|ha|p|p|i|ness (-38.483284), ▁un|h|a|p|p|i|ness (-41.053986), ▁un|ha|p|p|in|es|s (-41.31849)]
 * // the first: Node[start=0, end=5, id=210, score=-7.130228519439697] ("▁un") …
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class UnigramLattice {

    /**
     * One node of a path: the piece {@code id} covering bytes {@code [start, end)} of the normalized text.
     *
     * @param score the score the segmenter gives it (see the class comment)
     */
    public record Node(int start, int end, int id, double score) {
    }

    /**
     * One segmentation.
     *
     * @param nodes          its pieces, left to right
     * @param logProbability the sum of their scores, as the segmenter sums them
     */
    public record Path(List<Node> nodes, double logProbability) {
        public Path {
            nodes = List.copyOf(nodes);
        }
    }

    /** The encoder's own best path over a normalized text. */
    @FunctionalInterface
    private interface BestPath {
        List<Node> best(byte[] b, int length);
    }

    private final UnigramViterbi lattice;
    private final int unkId;
    private final BestPath encoder;

    private UnigramLattice(UnigramViterbi lattice, BestPath encoder) {
        this.lattice = lattice;
        this.unkId = lattice.unkId;
        this.encoder = encoder;
    }

    /**
     * The lattice of a Unigram model's tokenizer (it shares the tokenizer's trie and scores).
     *
     * <pre>{@code
     * UnigramLattice.of((SentencePieceTokenizer) Tokenizers.load(Path.of("test_model.model")));
     * }</pre>
     *
     * @throws IllegalArgumentException if the model is not Unigram
     */
    public static UnigramLattice of(SentencePieceTokenizer tokenizer) {
        if (!(tokenizer.segmenter() instanceof UnigramSegmenter unigram)) {
            throw new IllegalArgumentException(tokenizer.name() + " is a " + tokenizer.model().trainer().modelType()
                    + " model, not Unigram");
        }
        UnigramLattice[] self = new UnigramLattice[1];
        self[0] = new UnigramLattice(unigram.lattice(), (b, length) -> {
            NormalizedText text = new NormalizedText(length);
            System.arraycopy(b, 0, text.bytes, 0, length);
            text.length = length;
            Segmentation seg = new Segmentation(16);
            unigram.segment(text, seg, new Segmenter.Scratch());
            List<Node> nodes = new ArrayList<>(seg.count);
            for (int k = 0; k < seg.count; k++) {
                nodes.add(self[0].node(seg.starts[k], seg.ends[k], seg.ids[k], seg.ids[k] == self[0].unkId));
            }
            return nodes;
        });
        return self[0];
    }

    /**
     * The lattice of a Hugging Face Unigram model ({@link UnigramViterbi#huggingFace}): its best path is
     * {@link UnigramViterbi#best}, the one {@code tokenize} follows.
     *
     * @throws dev.tokenlab.TokenizerException from {@link #nBest} where the model needs an unknown id it lacks
     */
    public static UnigramLattice of(UnigramViterbi viterbi) {
        UnigramLattice[] self = new UnigramLattice[1];
        self[0] = new UnigramLattice(viterbi, (b, length) -> {
            UnigramViterbi.Path path = viterbi.best(b, length);
            List<Node> nodes = new ArrayList<>(path.count());
            for (int k = 0; k < path.count(); k++) {
                int id = path.id(k);
                boolean unknownCharacter = id == self[0].unkId && !self[0].isPiece(b, path.start(k), path.end(k), id);
                nodes.add(self[0].node(path.start(k), path.end(k), id, unknownCharacter));
            }
            return nodes;
        });
        return self[0];
    }

    /** Whether {@code b[start, end)} is the text of piece {@code id} in the lattice. */
    private boolean isPiece(byte[] b, int start, int end, int id) {
        int node = 0;
        for (int i = start; i < end && node != ByteTrie.NONE; i++) {
            node = lattice.trie.child(node, b[i] & 0xFF);
        }
        return node != ByteTrie.NONE && lattice.trie.value(node) == id;
    }

    /**
     * The {@code n} best segmentations of {@code b[0, length)} (normalized UTF-8), best first. The first
     * is the one {@code encode} gives; the others are sorted by log probability, highest first, and
     * differ from it and from each other. Fewer than {@code n} when the text has fewer segmentations.
     * An empty text has one, the empty path.
     *
     * <pre>{@code
     * byte[] b = testModel.normalizeWithOffsets("a").bytes();   // "▁a"
     * lattice.nBest(b, b.length, 5);
     * // [Path[[Node[0, 4, 11 "▁a", -4.179…]], -4.1793385], Path[[Node[0, 3, 4 "▁", -3.33…], Node[3, 4, 19 "a", -4.71…]], -8.04648]]
     * }</pre>
     *
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public List<Path> nBest(byte[] b, int length, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1, not " + n);
        }
        Path best = best(b, length);
        List<Path> paths = new ArrayList<>(n);
        paths.add(best);
        for (Path p : kBest(b, length, n)) {
            if (paths.size() < n && !p.nodes().equals(best.nodes())) {
                paths.add(p);
            }
        }
        return paths;
    }

    /** The encoder's own path. */
    private Path best(byte[] b, int length) {
        List<Node> nodes = encoder.best(b, length);
        double value = 0;
        for (Node node : nodes) {
            value = extend(value, node);
        }
        return new Path(nodes, value);
    }

    /** A node: a piece with its lattice score, or an unknown character with the unknown score. */
    private Node node(int start, int end, int id, boolean unknownCharacter) {
        return new Node(start, end, id, unknownCharacter ? lattice.unkScore : lattice.scores[id]);
    }

    /**
     * A partial sum extended by a node, in the encoder's arithmetic: {@code double}, rounded to
     * {@code float} after each step for SentencePiece (the sum of two floats computed in double and
     * rounded is their float sum, so this is the segmenter's float addition).
     */
    private double extend(double value, Node node) {
        double sum = node.score() + value;
        return lattice.floatSums ? (float) sum : sum;
    }

    /** The k best paths, by a Viterbi that keeps k entries per position. */
    private List<Path> kBest(byte[] b, int n, int k) {
        Beams beams = new Beams(n, k);
        beams.start();
        ByteTrie trie = lattice.trie;
        int pos = 0;
        while (pos < n) {
            int mblen = Math.min(Normalizer.oneCharLen(b[pos] & 0xFF), n - pos);
            if (beams.size[pos] > 0) {
                boolean hasSingle = false;
                int node = 0;
                for (int i = pos; i < n; i++) {
                    node = trie.child(node, b[i] & 0xFF);
                    if (node == ByteTrie.NONE) {
                        break;
                    }
                    int id = trie.value(node);
                    if (id < 0 || lattice.skip != null && lattice.skip[id]) {
                        continue;
                    }
                    beams.extend(pos, node(pos, i + 1, id, false), false);
                    hasSingle |= i + 1 - pos == mblen;
                }
                if (!hasSingle && unkId >= 0) {
                    beams.extend(pos, node(pos, pos + mblen, unkId, true), true);
                }
            }
            pos += mblen;
        }
        List<Path> paths = new ArrayList<>(k);
        for (int rank = 0; rank < beams.size[n]; rank++) {
            List<Node> nodes = new ArrayList<>();
            int p = n;
            int r = rank;
            while (p > 0) {
                int from = beams.from[p][r];
                nodes.add(node(from, p, beams.id[p][r], beams.unknown[p][r]));
                r = beams.rank[p][r];
                p = from;
            }
            Collections.reverse(nodes);
            paths.add(new Path(nodes, beams.value[n][rank]));
        }
        return paths;
    }

    /**
     * The best partial paths ending at each position, best first, at most {@code k}: each entry is its
     * value, where its last node starts, the rank of the entry there it extends, the node's id, and
     * whether the node is an unknown character.
     */
    private final class Beams {
        final double[][] value;
        final int[][] from;
        final int[][] rank;
        final int[][] id;
        final boolean[][] unknown;
        final int[] size;
        private final int k;
        private final double[] mergedValue;
        private final int[] mergedFrom;
        private final int[] mergedRank;
        private final int[] mergedId;
        private final boolean[] mergedUnknown;

        Beams(int n, int k) {
            this.k = k;
            value = new double[n + 1][];
            from = new int[n + 1][];
            rank = new int[n + 1][];
            id = new int[n + 1][];
            unknown = new boolean[n + 1][];
            size = new int[n + 1];
            mergedValue = new double[k];
            mergedFrom = new int[k];
            mergedRank = new int[k];
            mergedId = new int[k];
            mergedUnknown = new boolean[k];
        }

        /** Position 0: the empty path. */
        void start() {
            value[0] = new double[] {0};
            from[0] = new int[] {-1};
            rank[0] = new int[] {-1};
            id[0] = new int[] {-1};
            unknown[0] = new boolean[] {false};
            size[0] = 1;
        }

        /**
         * Extends every entry at {@code pos} by {@code node} and merges the results into the entries
         * at the node's end. Both lists are sorted (extending keeps the order), so this is one merge;
         * on a tie the entries already there stay first, so ties keep the order found.
         */
        void extend(int pos, Node node, boolean unknownCharacter) {
            int end = node.end();
            int have = size[end];
            int offered = size[pos];
            int out = 0;
            int i = 0;
            int j = 0;
            double candidate = j < offered ? extend(value[pos][j], node) : 0;
            while (out < k && (i < have || j < offered)) {
                if (j >= offered || (i < have && value[end][i] >= candidate)) {
                    mergedValue[out] = value[end][i];
                    mergedFrom[out] = from[end][i];
                    mergedRank[out] = rank[end][i];
                    mergedId[out] = id[end][i];
                    mergedUnknown[out] = unknown[end][i];
                    i++;
                } else {
                    mergedValue[out] = candidate;
                    mergedFrom[out] = pos;
                    mergedRank[out] = j;
                    mergedId[out] = node.id();
                    mergedUnknown[out] = unknownCharacter;
                    j++;
                    if (j < offered) {
                        candidate = extend(value[pos][j], node);
                    }
                }
                out++;
            }
            if (value[end] == null || value[end].length < out) {
                int capacity = Math.min(k, Math.max(out, 2 * have));
                value[end] = new double[capacity];
                from[end] = new int[capacity];
                rank[end] = new int[capacity];
                id[end] = new int[capacity];
                unknown[end] = new boolean[capacity];
            }
            System.arraycopy(mergedValue, 0, value[end], 0, out);
            System.arraycopy(mergedFrom, 0, from[end], 0, out);
            System.arraycopy(mergedRank, 0, rank[end], 0, out);
            System.arraycopy(mergedId, 0, id[end], 0, out);
            System.arraycopy(mergedUnknown, 0, unknown[end], 0, out);
            size[end] = out;
        }

        private double extend(double v, Node node) {
            return UnigramLattice.this.extend(v, node);
        }
    }
}
