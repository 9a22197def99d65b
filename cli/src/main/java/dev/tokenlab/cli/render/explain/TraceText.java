package dev.tokenlab.cli.render.explain;

import dev.tokenlab.TokenSpan;
import dev.tokenlab.cli.render.DisplayWidth;
import dev.tokenlab.cli.render.Numbers;
import dev.tokenlab.cli.render.TokenChips;
import dev.tokenlab.cli.render.VisibleText;
import dev.tokenlab.explain.BpeTrace;
import dev.tokenlab.explain.Fallback;
import dev.tokenlab.explain.PieceKind;
import dev.tokenlab.explain.PieceSource;
import dev.tokenlab.explain.PieceView;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The pieces every text view of {@code explain} is made of: quoted visible bytes ({@code "·un"}),
 * token bars ({@code un|h|appiness}), id lists, padding to display columns, plurals, the line on a
 * part no piece covers. One place, so the three traces and the levels read alike.
 */
final class TraceText {
    private TraceText() {
    }

    static String quoted(byte[] bytes) {
        return "\"" + VisibleText.of(bytes) + "\"";
    }

    static String bar(List<TokenSpan> tokens, PieceView pieces) {
        return TokenChips.cells(tokens, pieces).stream().map(TokenChips.Cell::text).collect(Collectors.joining("|"));
    }

    static String ids(List<TokenSpan> tokens) {
        return tokens.stream().map(s -> Integer.toString(s.id())).collect(Collectors.joining(" "));
    }

    static String pair(BpeTrace.Merge m) {
        return quoted(m.left()) + " + " + quoted(m.right());
    }

    /** {@code s} padded with spaces to {@code width} display columns, on the left ({@code right}-aligned) or the right. */
    static String pad(String s, int width, boolean alignRight) {
        String spaces = " ".repeat(Math.max(0, width - DisplayWidth.of(s)));
        return alignRight ? spaces + s : s + spaces;
    }

    /** A BPE piece score as the model stores it: {@code -3.0}, {@code -1000000000.0}, {@code -7.1302285}. */
    static String score(double score) {
        return Numbers.exact(score);
    }

    /** One line on what encode does with a part no piece covers. */
    static String fallback(Fallback f, PieceView pieces) {
        String what = "\"" + VisibleText.ofSpelling(f.text()) + "\"";
        return switch (f.kind()) {
            case BYTES -> what + " is no piece: byte fallback → " + spellings(f.tokens(), pieces) + " (" + ids(f.tokens()) + ")";
            case UNKNOWN -> what + " is no piece: " + (f.tokens().isEmpty() ? "part of the unknown token before it"
                    : "unknown → " + spellings(f.tokens(), pieces) + " (" + ids(f.tokens()) + ")");
            case UNUSED -> what + " is piece " + f.id() + ", marked UNUSED: split back → " + bar(f.tokens(), pieces)
                    + " (" + ids(f.tokens()) + ")";
            case DROPPED -> what + " is no piece, with no byte fallback and no unknown token: left out";
        };
    }

    static String spellings(List<TokenSpan> tokens, PieceView pieces) {
        return TokenChips.cells(tokens, pieces).stream().map(TokenChips.Cell::text).collect(Collectors.joining(" "));
    }

    /** {@code best:}, then {@code 2nd:}, {@code 3rd:}, {@code 4th:} … */
    static String label(int k) {
        if (k == 0) {
            return "best:";
        }
        int n = k + 1;
        String suffix = n % 100 / 10 == 1 ? "th" : switch (n % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
        return n + suffix + ":";
    }

    static String twoPlaces(double d) {
        return String.format(Locale.ROOT, "%.2f", d);
    }

    /** The text on one line: spaces as they are, line breaks and tabs visible. */
    static String line(String text) {
        return text.replace("\r", "<0x0D>").replace("\n", "↵").replace("\t", "→");
    }

    /** The line of a piece that is an added token or the post-processor's (Hugging Face). */
    static String addedPiece(PieceSource source, TokenSpan token, PieceView pieces) {
        String kind = pieces.kind(token.id()) == PieceKind.SPECIAL ? "special " : "";
        return source == PieceSource.POST_PROCESSOR
                ? "added by the post-processor: " + kind + "token " + token.id()
                : "an added " + kind + "token, found in the text before the model: taken as it is (id " + token.id() + ")";
    }

    static String plural(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
