package dev.tokenlab.cli.render.explain;

import dev.tokenlab.TokenSpan;
import dev.tokenlab.cli.render.DisplayWidth;
import dev.tokenlab.cli.render.VisibleText;
import dev.tokenlab.explain.BpeTrace;
import dev.tokenlab.explain.Fallback;
import dev.tokenlab.explain.PieceView;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

import static dev.tokenlab.cli.render.explain.TraceText.bar;
import static dev.tokenlab.cli.render.explain.TraceText.fallback;
import static dev.tokenlab.cli.render.explain.TraceText.ids;
import static dev.tokenlab.cli.render.explain.TraceText.line;
import static dev.tokenlab.cli.render.explain.TraceText.pad;
import static dev.tokenlab.cli.render.explain.TraceText.pair;
import static dev.tokenlab.cli.render.explain.TraceText.plural;
import static dev.tokenlab.cli.render.explain.TraceText.quoted;
import static dev.tokenlab.cli.render.explain.TraceText.score;

/**
 * The text trace of SentencePiece BPE ({@code llama2}, BPE {@code .model} files): the normalized
 * text, then per word its characters, the user-defined symbols, the merges by score in aligned
 * columns, what happens to parts no piece covers (byte fallback, {@code <unk>}, UNUSED pieces split
 * back), and its tokens.
 *
 * <pre>
 * word 2: "▁unhappiness" (12 characters)
 *   start: "▁" "u" "n" "h" "a" "p" "p" "i" "n" "e" "s" "s"
 *   1. "i" + "n"    → "in"    (score -3.0, id 262)
 *   …
 * </pre>
 */
public final class SentencePieceTraceText {
    private final PrintWriter out;

    /** A renderer that prints on {@code out}. */
    public SentencePieceTraceText(PrintWriter out) {
        this.out = out;
    }

    /**
     * SentencePiece BPE: the normalized text, then per word its characters, the merges in columns
     * ({@code 1. "i" + "n" → "in" (score -3.0, id 262)}), the fallbacks and the tokens.
     */
    public void write(BpeTrace trace, PieceView pieces) {
        List<TokenSpan> tokens = trace.tokens();
        out.println(trace.tokenizer() + ": " + trace.algorithm());
        out.println("\"" + line(trace.text()) + "\": " + plural(trace.pieces().size(), "word") + ", "
                + plural(trace.mergeCount(), "merge") + ", " + plural(tokens.size(), "token"));
        out.println("normalized: \"" + VisibleText.ofSpelling(trace.normalized()) + "\"");
        int number = 0;
        for (BpeTrace.Piece p : trace.pieces()) {
            out.println();
            String word = new String(p.bytes(), StandardCharsets.UTF_8);
            out.println("word " + (++number) + ": " + quoted(p.bytes()) + " ("
                    + plural(word.codePointCount(0, word.length()), "character") + ")");
            out.println("  start: " + p.symbols().stream().map(s -> quoted(s.bytes())).collect(Collectors.joining(" ")));
            List<String> userDefined = p.symbols().stream().filter(BpeTrace.Symbol::userDefined).map(s -> quoted(s.bytes())).toList();
            if (!userDefined.isEmpty()) {
                out.println("  user-defined, matched first and never merged: " + String.join(" ", userDefined));
            }
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
                        + pad(quoted(m.result()), resultWidth, false) + " (score " + score(m.priority()) + ", id " + m.id() + ")");
            }
            if (merges.isEmpty() && p.symbols().size() > 1) {
                out.println("  no pair of these is a piece: no merges");
            }
            for (Fallback f : p.fallbacks()) {
                out.println("  " + fallback(f, pieces));
            }
            out.println("  tokens: " + bar(p.tokens(), pieces) + " (" + ids(p.tokens()) + ")");
        }
        out.println();
        out.println(plural(tokens.size(), "token") + (tokens.isEmpty() ? "" : ": " + bar(tokens, pieces)));
        out.println("ids: " + ids(tokens));
    }

}
