package dev.tokenlab.cli.render.explain;

import dev.tokenlab.TokenSpan;
import dev.tokenlab.cli.render.DisplayWidth;
import dev.tokenlab.cli.render.VisibleText;
import dev.tokenlab.explain.BpeTrace;
import dev.tokenlab.explain.Fallback;
import dev.tokenlab.explain.PieceKind;
import dev.tokenlab.explain.PieceSource;
import dev.tokenlab.explain.PieceView;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

import static dev.tokenlab.cli.render.explain.TraceText.addedPiece;
import static dev.tokenlab.cli.render.explain.TraceText.bar;
import static dev.tokenlab.cli.render.explain.TraceText.fallback;
import static dev.tokenlab.cli.render.explain.TraceText.ids;
import static dev.tokenlab.cli.render.explain.TraceText.line;
import static dev.tokenlab.cli.render.explain.TraceText.pad;
import static dev.tokenlab.cli.render.explain.TraceText.pair;
import static dev.tokenlab.cli.render.explain.TraceText.plural;
import static dev.tokenlab.cli.render.explain.TraceText.quoted;

/**
 * The text trace of Hugging Face BPE ({@code tokenizer.json}: Llama 3, Qwen, DeepSeek, gpt-oss
 * byte-level; Mistral, Gemma by characters): the normalized text when the normalizer changed it, then
 * per piece (pre-token, or added token) its starting symbols (bytes, or characters with
 * {@code <0xNN>} byte-fallback and unknown symbols, spelled as the vocabulary spells them), the
 * numbered merges with their merge ranks and ids in aligned columns, what became of characters not
 * in the vocabulary, whether the piece is taken whole ({@code ignore_merges}), and its tokens.
 *
 * <pre>
 * piece 1: "▁unhappiness" (12 characters)
 *   start: "▁" "u" "n" "h" "a" "p" "p" "i" "n" "e" "s" "s"
 *   1. "i" + "n"    → "in"    (merge rank 1, id 262)
 *   …
 *   9. "▁un" + "h"  → "▁unh"  (merge rank 43433, id 20581)
 *   tokens: ▁unh|app|iness (20581 763 1494)
 * </pre>
 */
public final class MergeRankTraceText {
    private final PrintWriter out;

    /** A renderer that prints on {@code out}. */
    public MergeRankTraceText(PrintWriter out) {
        this.out = out;
    }

    /** Prints the trace. */
    public void write(BpeTrace trace, PieceView pieces) {
        List<TokenSpan> tokens = trace.tokens();
        out.println(trace.tokenizer() + ": " + trace.algorithm());
        out.println("\"" + line(trace.text()) + "\": " + plural(trace.pieces().size(), "piece") + ", "
                + plural(trace.mergeCount(), "merge") + ", " + plural(tokens.size(), "token"));
        if (!trace.normalized().equals(trace.text())) {
            out.println("normalized: \"" + VisibleText.ofSpelling(trace.normalized()) + "\"");
        }
        int number = 0;
        for (BpeTrace.Piece p : trace.pieces()) {
            out.println();
            if (p.source() != PieceSource.MODEL) {
                out.println("piece " + (++number) + ": " + (p.text().isEmpty() ? "" : quoted(p.bytes()) + ": ")
                        + addedPiece(p.source(), p.tokens().get(0), pieces));
                out.println("  tokens: " + bar(p.tokens(), pieces) + " (" + ids(p.tokens()) + ")");
                continue;
            }
            boolean bytes = !p.symbols().isEmpty() && p.symbols().stream().allMatch(s -> pieces.spelling(s.id()).isEmpty());
            String word = new String(p.bytes(), StandardCharsets.UTF_8);
            out.println("piece " + (++number) + ": " + quoted(p.bytes()) + " ("
                    + (bytes ? plural(p.bytes().length, "byte") : plural(word.codePointCount(0, word.length()), "character")) + ")");
            out.println("  start: " + (p.symbols().isEmpty() ? "nothing: no character is in the vocabulary"
                    : p.symbols().stream().map(s -> symbol(s, pieces)).collect(Collectors.joining(" "))));
            List<BpeTrace.Merge> merges = p.merges();
            int stepWidth = String.valueOf(merges.size()).length();
            int pairWidth = 0;
            int resultWidth = 0;
            for (BpeTrace.Merge m : merges) {
                pairWidth = Math.max(pairWidth, DisplayWidth.of(pair(m)));
                resultWidth = Math.max(resultWidth, DisplayWidth.of(quoted(m.result())));
            }
            for (BpeTrace.Merge m : merges) {
                out.println("  " + pad(m.step() + ".", stepWidth + 1, true) + " " + pad(pair(m), pairWidth, false) + " → "
                        + pad(quoted(m.result()), resultWidth, false) + " (merge rank " + (long) m.priority() + ", id " + m.id() + ")");
            }
            if (merges.isEmpty() && p.symbols().size() > 1) {
                out.println("  no pair of these is in the merge list: no merges");
            }
            for (Fallback f : p.fallbacks()) {
                out.println("  " + fallback(f, pieces));
            }
            if (p.takenWhole()) {
                int id = p.tokens().get(0).id();
                boolean reached = merges.size() == p.symbols().size() - 1 && !merges.isEmpty() && merges.get(merges.size() - 1).id() == id;
                out.println("  the whole piece is token " + id + ": ignore_merges takes it as it is"
                        + (p.symbols().size() == 1 ? "" : reached ? " (the merges reach it too)" : " (the merges alone would not reach it)"));
            }
            out.println("  tokens: " + (p.tokens().isEmpty() ? "none" : bar(p.tokens(), pieces) + " (" + ids(p.tokens()) + ")"));
        }
        out.println();
        out.println(plural(tokens.size(), "token") + (tokens.isEmpty() ? "" : ": " + bar(tokens, pieces)));
        out.println("ids: " + ids(tokens));
    }

    /** A starting symbol: its bytes in quotes; a byte-fallback or unknown symbol as the vocabulary spells it. */
    private static String symbol(BpeTrace.Symbol s, PieceView pieces) {
        PieceKind kind = pieces.kind(s.id());
        if (kind == PieceKind.BYTE_FALLBACK || kind == PieceKind.UNKNOWN) {
            return pieces.spelling(s.id()).map(VisibleText::ofSpelling).orElseGet(() -> quoted(s.bytes()));
        }
        return quoted(s.bytes());
    }
}
