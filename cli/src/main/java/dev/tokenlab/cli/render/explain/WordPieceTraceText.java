package dev.tokenlab.cli.render.explain;

import dev.tokenlab.TokenSpan;
import dev.tokenlab.cli.render.DisplayWidth;
import dev.tokenlab.cli.render.VisibleText;
import dev.tokenlab.explain.PieceSource;
import dev.tokenlab.explain.PieceView;
import dev.tokenlab.explain.WordPieceTrace;

import java.io.PrintWriter;
import java.util.List;

import static dev.tokenlab.cli.render.explain.TraceText.addedPiece;
import static dev.tokenlab.cli.render.explain.TraceText.bar;
import static dev.tokenlab.cli.render.explain.TraceText.ids;
import static dev.tokenlab.cli.render.explain.TraceText.line;
import static dev.tokenlab.cli.render.explain.TraceText.pad;
import static dev.tokenlab.cli.render.explain.TraceText.plural;

/**
 * The text trace of WordPiece (BERT): the normalized text when the normalizer changed it, then per
 * word the greedy steps in aligned columns (where each starts, the longest entry that matches there,
 * its id, how many longer candidates came first), or why the whole word is the unknown token, and its
 * tokens.
 *
 * <pre>
 * word 1: "unhappiness" (11 characters)
 *   at 0: "un"      (id 4895) after 9 longer candidates
 *   at 2: "##ha"    (id 3270) after 7 longer candidates
 *   at 4: "##pp"    (id 9397) after 5 longer candidates
 *   at 6: "##iness" (id 9961), the rest of the word
 *   tokens: un|##ha|##pp|##iness (4895 3270 9397 9961)
 * </pre>
 */
public final class WordPieceTraceText {
    private final PrintWriter out;

    /** A renderer that prints on {@code out}. */
    public WordPieceTraceText(PrintWriter out) {
        this.out = out;
    }

    /** Prints the trace. */
    public void write(WordPieceTrace trace, PieceView pieces) {
        List<TokenSpan> tokens = trace.tokens();
        out.println(trace.tokenizer() + ": " + trace.algorithm());
        out.println("\"" + line(trace.text()) + "\": " + plural(trace.words().size(), "word") + ", " + plural(tokens.size(), "token"));
        if (!trace.normalized().equals(trace.text())) {
            out.println("normalized: \"" + VisibleText.ofSpelling(trace.normalized()) + "\"");
        }
        int number = 0;
        for (WordPieceTrace.Word w : trace.words()) {
            out.println();
            if (w.source() != PieceSource.MODEL) {
                out.println("word " + (++number) + ": " + (w.text().isEmpty() ? "" : quote(w.text()) + ": ")
                        + addedPiece(w.source(), w.tokens().get(0), pieces));
                out.println("  tokens: " + bar(w.tokens(), pieces) + " (" + ids(w.tokens()) + ")");
                continue;
            }
            int length = w.word().codePointCount(0, w.word().length());
            out.println("word " + (++number) + ": " + quote(w.word()) + " (" + plural(length, "character") + ")");
            String unk = w.tokens().isEmpty() ? "the unknown token" : bar(w.tokens(), pieces);
            if (w.unknown() == WordPieceTrace.Unknown.TOO_LONG) {
                out.println("  longer than " + trace.maxInputCharsPerWord() + " characters: the whole word is " + unk);
            }
            int atWidth = 0;
            int matchWidth = 0;
            for (WordPieceTrace.Step s : w.steps()) {
                atWidth = Math.max(atWidth, String.valueOf(s.position()).length());
                matchWidth = Math.max(matchWidth, s.matched() ? DisplayWidth.of(quote(s.match())) : 0);
            }
            for (WordPieceTrace.Step s : w.steps()) {
                String at = "  at " + pad(s.position() + ":", atWidth + 1, false) + " ";
                if (!s.matched()) {
                    int first = w.word().offsetByCodePoints(0, s.position());
                    String shortest = (s.position() > 0 ? trace.prefix() : "") + new String(Character.toChars(w.word().codePointAt(first)));
                    out.println(at + "no entry matches, down to " + quote(shortest) + " (" + plural(s.longerTried(), "candidate")
                            + "): the whole word is " + unk);
                    continue;
                }
                out.println(at + pad(quote(s.match()), matchWidth, false) + " (id " + s.id() + ")"
                        + (s.longerTried() == 0 ? ", the rest of the word" : " after " + plural(s.longerTried(), "longer candidate")));
            }
            out.println("  tokens: " + bar(w.tokens(), pieces) + " (" + ids(w.tokens()) + ")");
        }
        out.println();
        out.println(plural(tokens.size(), "token") + (tokens.isEmpty() ? "" : ": " + bar(tokens, pieces)));
        out.println("ids: " + ids(tokens));
    }

    private static String quote(String s) {
        return "\"" + VisibleText.ofSpelling(s) + "\"";
    }
}
