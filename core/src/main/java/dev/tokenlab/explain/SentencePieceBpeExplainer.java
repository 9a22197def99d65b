package dev.tokenlab.explain;

import dev.tokenlab.TokenSpan;
import dev.tokenlab.sentencepiece.SentencePieceModel;
import dev.tokenlab.sentencepiece.SentencePieceTokenizer;
import dev.tokenlab.sentencepiece.TracingBpeSegmenter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The explainer of SentencePiece BPE models (Llama 2, any BPE {@code .model}): the normalized text,
 * cut into words where the encoder cuts it, then each word's merges by piece score, traced by
 * {@link TracingBpeSegmenter}, then byte fallback or the unknown piece for what no piece covers. It
 * follows {@link SentencePieceTokenizer}'s encode step by step, so the final tokens are the ones
 * {@code tokenize} gives, offsets included.
 *
 * <pre>{@code
 * BpeTrace t = new SentencePieceBpeExplainer(llama2).explain("unhappiness");
 * // normalized "▁unhappiness", one word, 12 starting characters, 9 merges:
 * // 1. "i"+"n" → "in" (score -3.0, id 262) … 9. "▁un"+"h" → "▁unh" (score -28600.0, id 28859)
 * // tokens ▁unh|app|iness: [28859, 932, 3335]
 * new SentencePieceBpeExplainer(llama2).explain("Hello world").pieces();
 * // two words, "▁Hello" (0..5) and "▁world" (5..11): each merges on its own
 * BpeTrace e = new SentencePieceBpeExplainer(llama2).explain("🦙");
 * // parts "▁" 29871 and "🦙" (no piece): byte fallback → <0xF0> <0x9F> <0xA6> <0x99> [243, 162, 169, 156]
 * }</pre>
 */
final class SentencePieceBpeExplainer implements Explainer {
    private final SentencePieceTokenizer tokenizer;
    private final SentencePieceModel model;
    private final TracingBpeSegmenter tracer;
    private final SentencePieceOutput output;

    SentencePieceBpeExplainer(SentencePieceTokenizer tokenizer) {
        this.tokenizer = tokenizer;
        this.model = tokenizer.model();
        this.tracer = TracingBpeSegmenter.of(tokenizer);
        this.output = new SentencePieceOutput(tokenizer);
    }

    @Override
    public String tokenizer() {
        return tokenizer.name();
    }

    @Override
    public String algorithm() {
        return "SentencePiece BPE: start from the normalized text's characters, merge the adjacent pair whose piece"
                + " has the highest score first";
    }

    @Override
    public BpeTrace explain(String text) {
        SentencePieceTokenizer.Normalized norm = tokenizer.normalizeWithOffsets(text);
        byte[] b = norm.bytes();
        int[] orig = norm.charOffsets();
        int[] words = tracer.words(b, b.length);
        int wordCount = words.length - 1;
        List<TracingBpeSegmenter.Result> results = new ArrayList<>(wordCount);
        List<List<BpeTrace.Merge>> merges = new ArrayList<>(wordCount);
        for (int w = 0; w < wordCount; w++) {
            List<BpeTrace.Merge> mine = new ArrayList<>();
            results.add(tracer.segment(b, words[w], words[w + 1], (step, position, s, mid, e, id, score) -> mine.add(
                    new BpeTrace.Merge(step, position, Arrays.copyOfRange(b, s, mid), Arrays.copyOfRange(b, mid, e), id, score))));
            merges.add(mine);
        }
        // All output segments of the text in order: unknown runs may cross words.
        List<TracingBpeSegmenter.Segment> flat = new ArrayList<>();
        for (TracingBpeSegmenter.Result r : results) {
            r.output().forEach(flat::addAll);
        }
        List<List<TokenSpan>> tokens = output.tokens(norm, flat.stream().mapToInt(TracingBpeSegmenter.Segment::start).toArray(),
                flat.stream().mapToInt(TracingBpeSegmenter.Segment::end).toArray(),
                flat.stream().mapToInt(TracingBpeSegmenter.Segment::id).toArray());
        List<BpeTrace.Piece> pieces = new ArrayList<>(wordCount);
        int k = 0;
        for (int w = 0; w < wordCount; w++) {
            TracingBpeSegmenter.Result r = results.get(w);
            List<BpeTrace.Symbol> symbols = r.symbols().stream()
                    .map(s -> new BpeTrace.Symbol(Arrays.copyOfRange(b, s.start(), s.end()), s.id(), s.userDefined()))
                    .toList();
            List<Fallback> fallbacks = new ArrayList<>();
            List<TokenSpan> pieceTokens = new ArrayList<>();
            for (int p = 0; p < r.parts().size(); p++) {
                TracingBpeSegmenter.Segment part = r.parts().get(p);
                List<TracingBpeSegmenter.Segment> out = r.output().get(p);
                List<TokenSpan> partTokens = new ArrayList<>();
                for (int i = 0; i < out.size(); i++) {
                    partTokens.addAll(tokens.get(k++));
                }
                pieceTokens.addAll(partTokens);
                Fallback.Kind kind = !out.equals(List.of(part)) ? Fallback.Kind.UNUSED
                        : part.id() == model.unkId() ? output.unknownKind() : null;
                if (kind != null) {
                    fallbacks.add(new Fallback(p, Arrays.copyOfRange(b, part.start(), part.end()), part.id(), kind, partTokens));
                }
            }
            int cs = orig[words[w]];
            int ce = orig[words[w + 1]];
            pieces.add(new BpeTrace.Piece(text.substring(cs, ce), cs, ce, Arrays.copyOfRange(b, words[w], words[w + 1]),
                    symbols, merges.get(w), fallbacks, pieceTokens, false));
        }
        return new BpeTrace(tokenizer.name(), text, algorithm(), BpeTrace.MergeOrder.HIGHEST_SCORE, norm.text(), pieces);
    }
}
