package dev.tokenlab.cli.render.explain;

import dev.tokenlab.TokenSpan;
import dev.tokenlab.explain.BpeTrace;
import dev.tokenlab.explain.PieceView;

import java.io.PrintWriter;
import java.util.List;
import java.util.stream.Collectors;

import static dev.tokenlab.cli.render.explain.TraceText.bar;
import static dev.tokenlab.cli.render.explain.TraceText.ids;
import static dev.tokenlab.cli.render.explain.TraceText.line;
import static dev.tokenlab.cli.render.explain.TraceText.plural;
import static dev.tokenlab.cli.render.explain.TraceText.quoted;

/**
 * The text trace of byte-level BPE ({@code llama3}, {@code cl100k_base}, {@code o200k_base} …): per
 * pre-tokenizer piece its starting bytes, the numbered merges with their ranks, whether the piece is
 * taken whole, and its tokens; then all tokens and ids.
 *
 * <pre>
 * piece 1: "unhappiness" (11 bytes)
 *   start: "u" "n" "h" "a" "p" "p" "i" "n" "e" "s" "s"
 *   1. "i"+"n" → "in" (rank 258)
 *   …
 *   tokens: un|h|appiness (359 71 67391)
 * </pre>
 */
public final class BpeTraceText {
    private final PrintWriter out;

    /** A renderer that prints on {@code out}. */
    public BpeTraceText(PrintWriter out) {
        this.out = out;
    }

    /** Prints the trace. */
    public void write(BpeTrace trace, PieceView pieces) {
        String label = trace.order().label();
        List<TokenSpan> tokens = trace.tokens();
        out.println(trace.tokenizer() + ": " + trace.algorithm());
        out.println("\"" + line(trace.text()) + "\": " + plural(trace.pieces().size(), "piece") + ", "
                + plural(trace.mergeCount(), "merge") + ", " + plural(tokens.size(), "token"));
        int number = 0;
        for (BpeTrace.Piece p : trace.pieces()) {
            out.println();
            out.println("piece " + (++number) + ": " + quoted(p.bytes()) + " (" + plural(p.bytes().length, "byte") + ")");
            out.println("  start: " + p.symbols().stream().map(s -> quoted(s.bytes())).collect(Collectors.joining(" ")));
            for (BpeTrace.Merge m : p.merges()) {
                out.println("  " + m.step() + ". " + quoted(m.left()) + "+" + quoted(m.right()) + " → " + quoted(m.result())
                        + " (" + label + " " + (int) m.priority() + ")");
            }
            if (p.merges().isEmpty() && p.symbols().size() > 1) {
                out.println("  no pair of these is in the vocabulary: no merges");
            }
            if (p.takenWhole()) {
                int id = p.tokens().get(0).id();
                boolean reached = p.merges().size() == p.symbols().size() - 1;
                out.println("  the whole piece is token " + id + ": encode takes it as it is"
                        + (p.symbols().size() == 1 ? "" : reached ? " (the merges reach it too)" : " (the merges alone would not reach it)"));
            }
            out.println("  tokens: " + bar(p.tokens(), pieces) + " (" + ids(p.tokens()) + ")");
        }
        out.println();
        out.println(plural(tokens.size(), "token") + (tokens.isEmpty() ? "" : ": " + bar(tokens, pieces)));
        out.println("ids: " + ids(tokens));
    }

}
