package dev.tokenlab.cli.render.explain;

import dev.tokenlab.TokenSpan;
import dev.tokenlab.cli.render.DisplayWidth;
import dev.tokenlab.cli.render.VisibleText;
import dev.tokenlab.explain.Fallback;
import dev.tokenlab.explain.PieceSource;
import dev.tokenlab.explain.PieceView;
import dev.tokenlab.explain.UnigramTrace;

import java.io.PrintWriter;
import java.util.List;
import java.util.stream.Collectors;

import static dev.tokenlab.cli.render.explain.TraceText.bar;
import static dev.tokenlab.cli.render.explain.TraceText.fallback;
import static dev.tokenlab.cli.render.explain.TraceText.ids;
import static dev.tokenlab.cli.render.explain.TraceText.label;
import static dev.tokenlab.cli.render.explain.TraceText.line;
import static dev.tokenlab.cli.render.explain.TraceText.pad;
import static dev.tokenlab.cli.render.explain.TraceText.plural;
import static dev.tokenlab.cli.render.explain.TraceText.score;
import static dev.tokenlab.cli.render.explain.TraceText.twoPlaces;

/**
 * The text trace of SentencePiece Unigram: the normalized text, the chosen segmentation with each
 * piece's id and score, the next best segmentations with their log probabilities and the distance
 * to the best, the unknown characters, and the tokens.
 *
 * <pre>
 * best: ▁un|ha|p|p|i|ness    log p = -38.48
 *       piece   id  score
 *       ▁un    210  -7.13
 *       …
 * 2nd:  ▁un|h|a|p|p|i|ness   log p = -41.05  (-2.57 vs best)
 * </pre>
 */
public final class UnigramTraceText {
    private final PrintWriter out;

    /** A renderer that prints on {@code out}. */
    public UnigramTraceText(PrintWriter out) {
        this.out = out;
    }

    /**
     * Unigram: the normalized text, the chosen segmentation with its pieces' ids and scores, the next
     * best with their log probabilities, the unknown characters, and the tokens.
     */
    /** Prints the trace; {@code asked} is the number of segmentations asked for ({@code --nbest}). */
    public void write(UnigramTrace trace, PieceView pieces, int asked) {
        List<TokenSpan> tokens = trace.tokens();
        List<UnigramTrace.Segmentation> all = trace.segmentations();
        out.println(trace.tokenizer() + ": " + trace.algorithm());
        out.println("\"" + line(trace.text()) + "\": " + plural(tokens.size(), "token") + ", "
                + plural(all.size(), "segmentation") + " shown" + (all.size() < asked ? " (all there are)" : ""));
        out.println("normalized: \"" + VisibleText.ofSpelling(trace.normalized()) + "\"");
        out.println();
        List<String> bars = all.stream().map(s -> s.pieces().isEmpty() ? "(nothing)"
                : s.pieces().stream().map(p -> VisibleText.ofSpelling(p.text())).collect(Collectors.joining("|"))).toList();
        int labelWidth = 0;
        int barWidth = 0;
        for (int k = 0; k < all.size(); k++) {
            labelWidth = Math.max(labelWidth, label(k).length());
            barWidth = Math.max(barWidth, DisplayWidth.of(bars.get(k)));
        }
        double best = trace.best().logProbability();
        for (int k = 0; k < all.size(); k++) {
            double logP = all.get(k).logProbability();
            out.println((pad(label(k), labelWidth, false) + " " + pad(bars.get(k), barWidth, false) + "  log p = " + twoPlaces(logP)
                    + (k == 0 ? "" : "  (" + twoPlaces(logP - best) + " vs best)")).stripTrailing());
            if (k == 0 && !trace.best().pieces().isEmpty()) {
                writePieceTable(trace.best(), labelWidth + 1);
            }
        }
        if (!trace.fallbacks().isEmpty()) {
            out.println();
            for (Fallback f : trace.fallbacks()) {
                out.println(fallback(f, pieces));
            }
        }
        out.println();
        out.println(plural(tokens.size(), "token") + (tokens.isEmpty() ? "" : ": " + bar(tokens, pieces)));
        out.println("ids: " + ids(tokens));
    }

    /** The pieces of a segmentation in columns: piece, id, score. */
    private void writePieceTable(UnigramTrace.Segmentation s, int indent) {
        List<String> texts = s.pieces().stream().map(p -> VisibleText.ofSpelling(p.text())).toList();
        int pieceWidth = "piece".length();
        int idWidth = "id".length();
        int scoreWidth = "score".length();
        for (int k = 0; k < texts.size(); k++) {
            pieceWidth = Math.max(pieceWidth, DisplayWidth.of(texts.get(k)));
            idWidth = Math.max(idWidth, String.valueOf(s.pieces().get(k).id()).length());
            scoreWidth = Math.max(scoreWidth, twoPlaces(s.pieces().get(k).score()).length());
        }
        String margin = " ".repeat(indent);
        out.println(margin + pad("piece", pieceWidth, false) + "  " + pad("id", idWidth, true) + "  " + pad("score", scoreWidth, true));
        for (int k = 0; k < texts.size(); k++) {
            UnigramTrace.Piece p = s.pieces().get(k);
            out.println((margin + pad(texts.get(k), pieceWidth, false) + "  " + pad(String.valueOf(p.id()), idWidth, true) + "  "
                    + pad(twoPlaces(p.score()), scoreWidth, true) + (p.source() != PieceSource.MODEL ? "  added token: not in the lattice"
                    : p.unknown() ? "  unknown: no piece" : "")).stripTrailing());
        }
    }

}
