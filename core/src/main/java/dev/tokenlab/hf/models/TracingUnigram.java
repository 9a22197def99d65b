package dev.tokenlab.hf.models;

import dev.tokenlab.hf.pipeline.NormalizedString;
import dev.tokenlab.sentencepiece.UnigramLattice;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link Unigram#tokenize} laid open, for the teaching views ({@code tokenlab explain}): the best
 * segmentation of a word and the next best ones ({@link UnigramLattice} over the model's own lattice),
 * then what the best one's pieces become — consecutive unknown pieces fused into one string, each
 * string looked up by its text, a string that is no piece falling back to bytes or to the unknown
 * token — with the code point ranges {@code tokenize} gives the tokens.
 *
 * <p>The same rules as {@link Unigram}, replayed apart from its loop; the explainer tests prove the
 * tokens equal {@code tokenize}'s on every edge case of the synthetic Unigram {@code tokenizer.json}
 * files. Immutable and thread-safe.
 */
public final class TracingUnigram {

    /**
     * One piece of a segmentation.
     *
     * @param from    its first code point in the word
     * @param to      one past its last
     * @param text    its text
     * @param id      its id; the unknown id for a character no piece covers (and for the unknown piece's own text)
     * @param score   the score the lattice gives it: the piece's, or for an unknown character the lowest score less 10
     * @param unknown whether it has the unknown id (fused with unknown neighbours before lookup)
     */
    public record Node(int from, int to, String text, int id, double score, boolean unknown) {
    }

    /** One segmentation of a word: its pieces and the sum of their scores, in {@code double} as the model sums it. */
    public record Segmentation(List<Node> nodes, double logProbability) {
    }

    /** What a string of the best segmentation becomes. */
    public enum Output {
        /** A piece, looked up by its text (a run of unknown pieces whose text is a piece is that piece). */
        PIECE,
        /** No piece: one {@code <0xNN>} token per UTF-8 byte, each covering the whole string. */
        BYTES,
        /** No piece and no byte fallback: the unknown token. */
        UNKNOWN
    }

    /**
     * One string of the best segmentation: a piece, or a run of unknown pieces fused.
     *
     * @param first  the index of its first piece in the best segmentation
     * @param count  how many pieces it joins (more than one only for unknown ones)
     * @param text   its text
     * @param output what it becomes
     * @param ids    its tokens
     * @param from   the first code point its tokens cover
     * @param to     one past the last
     */
    public record Group(int first, int count, String text, Output output, int[] ids, int from, int to) {
    }

    /**
     * How a word went.
     *
     * @param segmentations the best segmentation (the encoder's) and the next best
     * @param groups        the best segmentation's strings and their tokens, in order
     */
    public record Result(List<Segmentation> segmentations, List<Group> groups) {
    }

    private final Unigram model;
    private final UnigramLattice lattice;

    /** The tracer of {@code model}. */
    public TracingUnigram(Unigram model) {
        this.model = model;
        this.lattice = UnigramLattice.of(model.viterbi);
    }

    /**
     * The {@code n} best segmentations of one non-empty word and the best one's tokens, as
     * {@link Unigram#tokenize} gives them.
     *
     * @throws dev.tokenlab.TokenizerException where {@code tokenize} throws (an unknown character and no unknown id)
     */
    public Result trace(NormalizedString piece, int n) {
        byte[] b = Unigram.utf8(piece);
        int[] cpAt = new int[b.length + 1];
        for (int i = 0, cp = 0; i < b.length; i++) {
            if ((b[i] & 0xC0) != 0x80) {
                cpAt[i] = cp++;
            }
        }
        cpAt[b.length] = piece.length();
        List<UnigramLattice.Path> paths = lattice.nBest(b, b.length, n);
        List<Segmentation> segmentations = new ArrayList<>(n);
        for (UnigramLattice.Path p : paths) {
            List<Node> nodes = new ArrayList<>(p.nodes().size());
            for (UnigramLattice.Node node : p.nodes()) {
                nodes.add(new Node(cpAt[node.start()], cpAt[node.end()], new String(b, node.start(), node.end() - node.start(),
                        StandardCharsets.UTF_8), node.id(), node.score(), node.id() == model.unkId));
            }
            segmentations.add(new Segmentation(nodes, p.logProbability()));
        }
        List<Group> groups = new ArrayList<>();
        List<UnigramLattice.Node> best = paths.get(0).nodes();
        int k = 0;
        while (k < best.size()) {
            int first = k;
            int start = best.get(k).start();
            int end = best.get(k).end();
            int id = best.get(k).id();
            k++;
            if (id == model.unkId) {
                while (k < best.size() && best.get(k).id() == model.unkId) {
                    end = best.get(k).end();
                    k++;
                }
            }
            groups.add(group(b, first, k - first, start, end, cpAt));
        }
        return new Result(segmentations, groups);
    }

    /** One string, as {@code Unigram.emit} turns it into tokens. */
    private Group group(byte[] b, int first, int count, int start, int end, int[] cpAt) {
        String s = new String(b, start, end - start, StandardCharsets.UTF_8);
        int from = cpAt[start];
        int to = cpAt[end];
        Integer id = model.ids.get(s);
        if (id != null) {
            return new Group(first, count, s, Output.PIECE, new int[] {id}, from, to);
        }
        if (model.byteIds != null) {
            boolean all = true;
            for (int i = start; i < end && all; i++) {
                all = model.byteIds[b[i] & 0xFF] >= 0;
            }
            if (all) {
                int[] ids = new int[end - start];
                for (int i = start; i < end; i++) {
                    ids[i - start] = model.byteIds[b[i] & 0xFF];
                }
                return new Group(first, count, s, Output.BYTES, ids, from, to);
            }
        }
        if (model.unkId < 0) {
            throw new dev.tokenlab.TokenizerException("Encountered an unknown token but `unk_id` is missing");
        }
        return new Group(first, count, s, Output.UNKNOWN, new int[] {model.unkId}, from, to);
    }
}
