package dev.tokenlab.sentencepiece;

import java.util.ArrayList;
import java.util.List;

/**
 * The lattice a Unigram model's {@link UnigramSegmenter} searches, for {@code tokenlab explain}: every
 * piece that occurs in the normalized text is a node, a segmentation is a path of nodes from the start
 * to the end, and its log probability is the sum of its nodes' scores. {@link #nBest} gives the best
 * path (exactly the one {@code encode} picks) and the next best ones.
 *
 * <p>Scores are the ones the segmenter uses: a piece's score from the model; a user-defined piece
 * {@code length_in_bytes × max_score − 0.1} (so it always wins); a character with no piece of its own
 * the unknown id with {@code min_score − 10}. A path's log probability is summed left to right the way
 * the segmenter sums it (each partial sum rounded to {@code float}), so the best path's is never below
 * another path's.
 *
 * <p>The next best paths come from a k-best Viterbi: each position keeps the {@code n} best partial
 * paths ending there (ties in the order found: earlier start first), which is exact because extending
 * a worse prefix by the same piece never gives a better path. Paths are distinct segmentations (a
 * stretch of text has one piece at most). O(text × pieces per position × n), a separate loop from the
 * encoder's, which keeps its single best path per position.
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

    private final UnigramSegmenter segmenter;
    private final int unkId;

    private UnigramLattice(UnigramSegmenter segmenter, int unkId) {
        this.segmenter = segmenter;
        this.unkId = unkId;
    }

    /**
     * The lattice of a Unigram model's tokenizer (it shares the tokenizer's trie and scores).
     *
     * @throws IllegalArgumentException if the model is not Unigram
     */
    public static UnigramLattice of(SentencePieceTokenizer tokenizer) {
        if (!(tokenizer.segmenter() instanceof UnigramSegmenter unigram)) {
            throw new IllegalArgumentException(tokenizer.name() + " is a " + tokenizer.model().trainer().modelType()
                    + " model, not Unigram");
        }
        return new UnigramLattice(unigram, tokenizer.model().unkId());
    }

    /** A partial path ending at a position: its value, the entry it extends, and its last node. */
    private record Entry(float value, int prevPos, int prevRank, Node last) {
    }

    /**
     * The {@code n} best segmentations of {@code b[0, length)} (normalized UTF-8), best first. The first
     * is the one {@code encode} gives; the others are sorted by log probability, highest first, and
     * differ from it and from each other. Fewer than {@code n} when the text has fewer segmentations.
     * An empty text has one, the empty path.
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
        NormalizedText text = new NormalizedText(length);
        System.arraycopy(b, 0, text.bytes, 0, length);
        text.length = length;
        Segmentation seg = new Segmentation(16);
        segmenter.segment(text, seg, new Segmenter.Scratch());
        List<Node> nodes = new ArrayList<>(seg.count);
        float value = 0f;
        for (int k = 0; k < seg.count; k++) {
            Node node = node(seg.starts[k], seg.ends[k], seg.ids[k]);
            nodes.add(node);
            value = extend(value, node);
        }
        return new Path(nodes, value);
    }

    private Node node(int start, int end, int id) {
        return new Node(start, end, id, id == unkId ? segmenter.unkScore() : segmenter.pieceScore(id, end - start));
    }

    /** A partial sum extended by a node, in the segmenter's arithmetic. */
    private float extend(float value, Node node) {
        return node.id() == unkId ? segmenter.unkScore() + value : (float) (node.score() + value);
    }

    /** The k best paths, by a Viterbi that keeps k entries per position. */
    private List<Path> kBest(byte[] b, int n, int k) {
        @SuppressWarnings("unchecked")
        List<Entry>[] at = new List[n + 1];
        at[0] = List.of(new Entry(0f, -1, -1, null));
        ByteTrie trie = segmenter.trie();
        int pos = 0;
        while (pos < n) {
            List<Entry> here = at[pos];
            int mblen = Math.min(Normalizer.oneCharLen(b[pos] & 0xFF), n - pos);
            boolean hasSingle = false;
            int node = 0;
            for (int i = pos; i < n && here != null; i++) {
                node = trie.child(node, b[i] & 0xFF);
                if (node == ByteTrie.NONE) {
                    break;
                }
                int id = trie.value(node);
                if (id < 0 || segmenter.skipped(id)) {
                    continue;
                }
                addAll(at, here, pos, node(pos, i + 1, id), k);
                hasSingle |= i + 1 - pos == mblen;
            }
            if (!hasSingle && here != null) {
                addAll(at, here, pos, node(pos, pos + mblen, unkId), k);
            }
            pos += mblen;
        }
        List<Path> paths = new ArrayList<>(k);
        if (n == 0) {
            paths.add(new Path(List.of(), 0f));
            return paths;
        }
        for (int rank = 0; rank < at[n].size(); rank++) {
            List<Node> nodes = new ArrayList<>();
            int p = n;
            int r = rank;
            float value = at[n].get(rank).value();
            while (p > 0) {
                Entry e = at[p].get(r);
                nodes.add(e.last());
                p = e.prevPos();
                r = e.prevRank();
            }
            java.util.Collections.reverse(nodes);
            paths.add(new Path(nodes, value));
        }
        return paths;
    }

    /** Extends every entry of {@code here} by {@code node} into the list at the node's end. */
    private void addAll(List<Entry>[] at, List<Entry> here, int pos, Node node, int k) {
        List<Entry> there = at[node.end()];
        if (there == null) {
            there = at[node.end()] = new ArrayList<>(k + 1);
        }
        for (int r = 0; r < here.size(); r++) {
            float value = extend(here.get(r).value(), node);
            // after every entry at least as good: ties stay in the order found
            int i = there.size();
            while (i > 0 && there.get(i - 1).value() < value) {
                i--;
            }
            if (i >= k) {
                break; // the next entries of here are no better
            }
            there.add(i, new Entry(value, pos, r, node));
            if (there.size() > k) {
                there.remove(k);
            }
        }
    }
}
