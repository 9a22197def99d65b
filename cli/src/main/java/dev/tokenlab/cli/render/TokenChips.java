package dev.tokenlab.cli.render;

import dev.tokenlab.TokenSpan;
import dev.tokenlab.explain.PieceView;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Draws tokens the way {@code tokenlab show} prints them: separated by {@code |}, or as coloured
 * chips on a terminal; whitespace visible ({@code ·} space, {@code →} tab, {@code ↵} newline); bytes
 * that are only part of a character in hex ({@code <F0><9F>}); the tokens that share one split
 * character in brackets, so a split emoji stays visibly one character; optionally the ids under the
 * tokens, column by column. A line ends after each token holding a newline.
 *
 * <pre>
 * un|h|appiness                    plain
 * [&lt;F0&gt;&lt;9F&gt;&lt;98&gt;|&lt;80&gt;]              😀 split into two tokens (Llama 3)
 * un |h |appiness                  with ids
 * 359|71|67391
 * </pre>
 */
public final class TokenChips {
    /** Background colours the chips cycle through, with black text: bright yellow, cyan, green, magenta, blue, red. */
    public static final String[] PALETTE = {"\u001B[30;103m", "\u001B[30;106m", "\u001B[30;102m",
        "\u001B[30;105m", "\u001B[30;104m", "\u001B[30;101m"};
    public static final String RESET = "\u001B[0m";

    private final boolean color;
    private final boolean ids;
    private final int width;

    /**
     * @param color colour chips instead of {@code |} separators
     * @param ids   put each token's id under it
     * @param width wrap lines (with ids only) at this many columns; 0 for no wrapping
     */
    public TokenChips(boolean color, boolean ids, int width) {
        this.color = color;
        this.ids = ids;
        this.width = width;
    }

    /** How one token is shown: its id, its text made visible, and its split-character group (-1 for none). */
    public record Cell(int id, String text, int group, boolean endsLine) {
    }

    /**
     * The cells of {@code spans}: tokens whose character ranges overlap (they share a split
     * character) get the same group number, counted from 0.
     */
    public static List<Cell> cells(List<TokenSpan> spans, PieceView pieces) {
        List<Cell> cells = new ArrayList<>(spans.size());
        int[] group = groups(spans);
        for (int k = 0; k < spans.size(); k++) {
            TokenSpan s = spans.get(k);
            String text = pieces.spelling(s.id()).map(VisibleText::ofSpelling).orElseGet(() -> VisibleText.of(s.bytes()));
            boolean newline = false;
            for (byte b : s.bytes()) {
                newline |= b == '\n';
            }
            cells.add(new Cell(s.id(), text, group[k], newline));
        }
        return cells;
    }

    /** Group number per token: tokens sharing a split character have the same one; -1 for the rest. */
    public static int[] groups(List<TokenSpan> spans) {
        int[] group = new int[spans.size()];
        Arrays.fill(group, -1);
        int next = 0;
        for (int k = 0; k + 1 < spans.size(); k++) {
            if (spans.get(k).charEnd() > spans.get(k + 1).charStart()) {
                if (group[k] < 0) {
                    group[k] = next++;
                }
                group[k + 1] = group[k];
            }
        }
        return group;
    }

    /** The lines to print (with ids: token row, id row, token row, …), without line terminators. */
    public List<String> render(List<Cell> cells) {
        List<String> lines = new ArrayList<>();
        StringBuilder top = new StringBuilder();
        StringBuilder bottom = new StringBuilder();
        int lineWidth = 0;
        boolean lineStart = true;
        for (int k = 0; k < cells.size(); k++) {
            Cell c = cells.get(k);
            boolean opens = c.group() >= 0 && (k == 0 || cells.get(k - 1).group() != c.group());
            boolean closes = c.group() >= 0 && (k + 1 == cells.size() || cells.get(k + 1).group() != c.group());
            String idText = Integer.toString(c.id());
            int w = Math.max(DisplayWidth.of(c.text()), ids ? idText.length() : 0);
            int unit = w + (opens ? 1 : 0) + (closes ? 1 : 0) + (color || lineStart ? 0 : 1);
            if (ids && width > 0 && !lineStart && lineWidth + unit > width) {
                flush(lines, top, bottom);
                lineWidth = 0;
                lineStart = true;
                unit -= color ? 0 : 1;
            }
            if (!color && !lineStart) {
                top.append('|');
                bottom.append('|');
            }
            if (opens) {
                top.append('[');
                bottom.append(' ');
            }
            String chip = color ? PALETTE[k % PALETTE.length] : "";
            String end = color ? RESET : "";
            top.append(chip).append(pad(c.text(), w)).append(end);
            bottom.append(chip).append(pad(idText, w)).append(end);
            if (closes) {
                top.append(']');
                bottom.append(' ');
            }
            lineWidth += unit;
            lineStart = false;
            if (c.endsLine()) {
                flush(lines, top, bottom);
                lineWidth = 0;
                lineStart = true;
            }
        }
        if (!lineStart || lines.isEmpty()) {
            flush(lines, top, bottom);
        }
        return lines;
    }

    private void flush(List<String> lines, StringBuilder top, StringBuilder bottom) {
        lines.add(strip(top));
        if (ids) {
            lines.add(strip(bottom));
        }
        top.setLength(0);
        bottom.setLength(0);
    }

    /** Without trailing padding; in colour the padding is inside the chips and stays. */
    private static String strip(StringBuilder row) {
        int end = row.length();
        while (end > 0 && row.charAt(end - 1) == ' ') {
            end--;
        }
        return row.substring(0, end);
    }

    private static String pad(String s, int width) {
        int w = DisplayWidth.of(s);
        return w >= width ? s : s + " ".repeat(width - w);
    }
}
