package dev.tokenlab.explain;

import dev.tokenlab.TokenSpan;
import dev.tokenlab.hf.HfTokenizer;
import dev.tokenlab.hf.models.TracingUnigram;
import dev.tokenlab.hf.models.Unigram;
import dev.tokenlab.hf.pipeline.NormalizedString;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * The explainer of Hugging Face Unigram models: the file's pipeline cuts the text into words
 * ({@link HfPipeline}), {@link TracingUnigram} gives each word's best segmentation and the next best
 * ones over the model's own lattice (every piece, scores summed in {@code double}), and this class
 * puts them side by side: the best segmentation of the text is the words' best ones, the next best
 * are the best combinations of theirs. Added tokens are pieces of every segmentation, with score 0.
 * The final tokens are {@code tokenize}'s, offsets included.
 *
 * <pre>{@code
 * // a Metaspace pre-tokenizer: "▁unhappiness▁is" is two words, each segmented on its own
 * UnigramTrace t = new HfUnigramExplainer(t5, unigram, 5).explain("unhappiness is");
 * t.best();           // ▁un|happiness|▁is (say); the alternatives change one word or the other
 * }</pre>
 */
final class HfUnigramExplainer implements Explainer {
    private final HfTokenizer tokenizer;
    private final TracingUnigram tracer;
    private final int segmentations;

    HfUnigramExplainer(HfTokenizer tokenizer, Unigram model, int segmentations) {
        if (segmentations < 1) {
            throw new IllegalArgumentException("a trace lists at least one segmentation, not " + segmentations);
        }
        this.tokenizer = tokenizer;
        this.tracer = new TracingUnigram(model);
        this.segmentations = segmentations;
    }

    @Override
    public String tokenizer() {
        return tokenizer.name();
    }

    @Override
    public String algorithm() {
        return "Unigram: of every way to cut each word into pieces, take the one whose pieces' scores"
                + " (log probabilities) sum highest";
    }

    /** One way to segment one step of the pipeline: its pieces and their log probability. */
    private record Option(List<UnigramTrace.Piece> pieces, double logProbability) {
    }

    /** A combination of options over the steps so far: a chain back through the steps. */
    private record Combo(double value, Combo parent, int choice) {
    }

    @Override
    public UnigramTrace explain(String text) {
        HfPipeline.Run<TracingUnigram.Result> run = HfPipeline.run(tokenizer, text, (piece, model, out) -> {
            TracingUnigram.Result r = tracer.trace(piece, segmentations);
            for (TracingUnigram.Group g : r.groups()) {
                for (int id : g.ids()) {
                    if (!out.token(id, g.from(), g.to())) {
                        return r;
                    }
                }
            }
            return r;
        });
        List<List<Option>> steps = new ArrayList<>();
        List<Fallback> fallbacks = new ArrayList<>();
        int position = 0;
        for (HfPipeline.Segment<TracingUnigram.Result> s : run.segments()) {
            if (s.source() != PieceSource.MODEL) {
                TokenSpan token = s.tokens().get(0);
                steps.add(List.of(new Option(List.of(new UnigramTrace.Piece(text.substring(s.start(), s.end()), token.id(), 0.0,
                        s.start(), s.end(), false, s.source())), 0.0)));
                position++;
                continue;
            }
            NormalizedString piece = s.piece();
            List<Option> options = new ArrayList<>();
            for (TracingUnigram.Segmentation seg : s.detail().segmentations()) {
                List<UnigramTrace.Piece> pieces = new ArrayList<>(seg.nodes().size());
                for (TracingUnigram.Node n : seg.nodes()) {
                    pieces.add(new UnigramTrace.Piece(n.text(), n.id(), n.score(), piece.originalStart(n.from()),
                            piece.originalEnd(n.to() - 1), n.unknown(), PieceSource.MODEL));
                }
                options.add(new Option(pieces, seg.logProbability()));
            }
            steps.add(options);
            List<TracingUnigram.Node> best = s.detail().segmentations().get(0).nodes();
            int token = 0;
            for (TracingUnigram.Group g : s.detail().groups()) {
                List<TokenSpan> tokens = s.tokens().subList(token, token + g.ids().length);
                token += g.ids().length;
                if (!best.get(g.first()).unknown()) {
                    continue;
                }
                Fallback.Kind kind = g.output() == TracingUnigram.Output.BYTES ? Fallback.Kind.BYTES : Fallback.Kind.UNKNOWN;
                for (int k = g.first(); k < g.first() + g.count(); k++) {
                    TracingUnigram.Node n = best.get(k);
                    fallbacks.add(new Fallback(position + k, n.text().getBytes(StandardCharsets.UTF_8), n.id(), kind,
                            k == g.first() ? tokens : List.of()));
                }
            }
            position += best.size();
        }
        List<UnigramTrace.Segmentation> all = combine(steps);
        StringBuilder normalized = new StringBuilder();
        all.get(0).pieces().forEach(p -> normalized.append(p.text()));
        return new UnigramTrace(tokenizer.name(), text, algorithm(), normalized.toString(), all.get(0), all.subList(1, all.size()),
                fallbacks, run.tokens());
    }

    /**
     * The best {@link #segmentations} combinations of the steps' options, best first: the first is every
     * step's first (the encoder's). Two sorted lists combine by a best-first search over index pairs;
     * ties keep the pair with the smaller indices first.
     */
    private List<UnigramTrace.Segmentation> combine(List<List<Option>> steps) {
        List<Combo> combos = List.of(new Combo(0.0, null, -1));
        for (List<Option> options : steps) {
            List<Combo> previous = combos;
            List<Combo> next = new ArrayList<>(segmentations);
            Comparator<int[]> order = Comparator.<int[]>comparingDouble(p -> -(previous.get(p[0]).value() + options.get(p[1]).logProbability()))
                    .thenComparingInt(p -> p[0] + p[1]).thenComparingInt(p -> p[0]);
            PriorityQueue<int[]> queue = new PriorityQueue<>(order);
            Set<Long> seen = new HashSet<>();
            queue.add(new int[] {0, 0});
            seen.add(0L);
            while (!queue.isEmpty() && next.size() < segmentations) {
                int[] p = queue.poll();
                next.add(new Combo(previous.get(p[0]).value() + options.get(p[1]).logProbability(), previous.get(p[0]), p[1]));
                if (p[0] + 1 < previous.size() && seen.add((long) (p[0] + 1) << 32 | p[1])) {
                    queue.add(new int[] {p[0] + 1, p[1]});
                }
                if (p[1] + 1 < options.size() && seen.add((long) p[0] << 32 | (p[1] + 1))) {
                    queue.add(new int[] {p[0], p[1] + 1});
                }
            }
            combos = next;
        }
        List<UnigramTrace.Segmentation> out = new ArrayList<>(combos.size());
        for (Combo c : combos) {
            List<List<UnigramTrace.Piece>> parts = new ArrayList<>(steps.size());
            int step = steps.size() - 1;
            for (Combo at = c; at.parent() != null; at = at.parent(), step--) {
                parts.add(steps.get(step).get(at.choice()).pieces());
            }
            Collections.reverse(parts);
            List<UnigramTrace.Piece> pieces = new ArrayList<>();
            parts.forEach(pieces::addAll);
            out.add(new UnigramTrace.Segmentation(pieces, c.value()));
        }
        return out;
    }
}
