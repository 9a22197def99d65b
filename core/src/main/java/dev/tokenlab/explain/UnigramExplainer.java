package dev.tokenlab.explain;

import dev.tokenlab.TokenSpan;
import dev.tokenlab.sentencepiece.SentencePieceModel;
import dev.tokenlab.sentencepiece.SentencePieceTokenizer;
import dev.tokenlab.sentencepiece.UnigramLattice;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The explainer of SentencePiece Unigram models: the normalized text, the best segmentation and the
 * next best ones ({@link UnigramLattice#nBest}), then the unknown characters' fallbacks. The best
 * segmentation is the encoder's own, so the final tokens are the ones {@code tokenize} gives, offsets
 * included.
 *
 * <pre>{@code
 * UnigramTrace t = new UnigramExplainer(testModel, 5).explain("unhappiness");
 * // normalized "▁unhappiness"
 * // best ▁un|ha|p|p|i|ness           log p = -38.48  (▁un 210 -7.13, ha 414 -7.89, p 29 -5.18 …)
 * // then ▁un|h|a|p|p|i|ness (-41.05), ▁un|ha|p|p|in|es|s (-41.32), ▁|un|ha|p|p|i|ness (-41.52),
 * //      ▁un|ha|p|p|in|e|s|s (-43.07)
 * new UnigramExplainer(testModel, 5).explain("Hello 日本 world").fallbacks();
 * // "日" and "本" have no piece: one <unk> (id 0) for both
 * }</pre>
 */
final class UnigramExplainer implements Explainer {
    private final SentencePieceTokenizer tokenizer;
    private final SentencePieceModel model;
    private final UnigramLattice lattice;
    private final SentencePieceOutput output;
    private final int segmentations;

    /**
     * @param segmentations how many segmentations a trace lists: the best and the next best (at least 1)
     */
    UnigramExplainer(SentencePieceTokenizer tokenizer, int segmentations) {
        if (segmentations < 1) {
            throw new IllegalArgumentException("a trace lists at least one segmentation, not " + segmentations);
        }
        this.tokenizer = tokenizer;
        this.model = tokenizer.model();
        this.lattice = UnigramLattice.of(tokenizer);
        this.output = new SentencePieceOutput(tokenizer);
        this.segmentations = segmentations;
    }

    @Override
    public String tokenizer() {
        return tokenizer.name();
    }

    @Override
    public String algorithm() {
        return "Unigram: of every way to cut the normalized text into pieces, take the one whose pieces' scores"
                + " (log probabilities) sum highest";
    }

    @Override
    public UnigramTrace explain(String text) {
        SentencePieceTokenizer.Normalized norm = tokenizer.normalizeWithOffsets(text);
        byte[] b = norm.bytes();
        List<UnigramLattice.Path> paths = lattice.nBest(b, b.length, segmentations);
        List<UnigramTrace.Segmentation> all = new ArrayList<>(paths.size());
        for (UnigramLattice.Path p : paths) {
            all.add(segmentation(norm, p));
        }
        List<UnigramLattice.Node> best = paths.get(0).nodes();
        List<List<TokenSpan>> tokens = output.tokens(norm, best.stream().mapToInt(UnigramLattice.Node::start).toArray(),
                best.stream().mapToInt(UnigramLattice.Node::end).toArray(),
                best.stream().mapToInt(UnigramLattice.Node::id).toArray());
        List<Fallback> fallbacks = new ArrayList<>();
        List<TokenSpan> finalTokens = new ArrayList<>();
        for (int k = 0; k < best.size(); k++) {
            UnigramLattice.Node node = best.get(k);
            finalTokens.addAll(tokens.get(k));
            if (node.id() == model.unkId()) {
                fallbacks.add(new Fallback(k, Arrays.copyOfRange(b, node.start(), node.end()), node.id(),
                        output.unknownKind(), tokens.get(k)));
            }
        }
        return new UnigramTrace(tokenizer.name(), text, algorithm(), norm.text(), all.get(0), all.subList(1, all.size()),
                fallbacks, finalTokens);
    }

    private UnigramTrace.Segmentation segmentation(SentencePieceTokenizer.Normalized norm, UnigramLattice.Path path) {
        List<UnigramTrace.Piece> pieces = new ArrayList<>(path.nodes().size());
        for (UnigramLattice.Node n : path.nodes()) {
            pieces.add(new UnigramTrace.Piece(new String(norm.bytes(), n.start(), n.end() - n.start(), StandardCharsets.UTF_8),
                    n.id(), n.score(), norm.charOffsets()[n.start()], norm.charOffsets()[n.end()], n.id() == model.unkId()));
        }
        return new UnigramTrace.Segmentation(pieces, path.logProbability());
    }
}
