package dev.tokenlab.hf.pretokenizers;

import dev.tokenlab.hf.pipeline.NormalizedString;
import dev.tokenlab.hf.pipeline.PreTokenizer;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The {@code Split} pre-tokenizer: cuts each piece at the matches of a pattern (a literal string or a
 * regex) into alternating non-match and match pieces, flips which count as matches when
 * {@code invert}, then keeps and joins them as the {@link SplitBehavior} says.
 */
public final class Split implements PreTokenizer {
    private final Finder finder;
    private final SplitBehavior behavior;
    private final boolean invert;
    private final String description;
    private final String label;

    /** A Split; {@code description} names the pattern for people. */
    public Split(Finder finder, SplitBehavior behavior, boolean invert, String description) {
        this(finder, behavior, invert, description, null);
    }

    private Split(Finder finder, SplitBehavior behavior, boolean invert, String description, String label) {
        this.finder = finder;
        this.behavior = behavior;
        this.invert = invert;
        this.description = description;
        this.label = label;
    }

    /** A Split that another pre-tokenizer is made of, shown to people as {@code label} ({@code Digits}). */
    public static Split labelled(Finder finder, SplitBehavior behavior, boolean invert, String label) {
        return new Split(finder, behavior, invert, label, label);
    }

    @Override
    public void split(NormalizedString piece, Consumer<NormalizedString> out) {
        String text = piece.toString();
        List<int[]> pieces = new ArrayList<>();
        int[] previous = {0};
        finder.findAll(text, (start, end) -> {
            if (previous[0] != start) {
                pieces.add(new int[] {previous[0], start, invert ? 1 : 0});
            }
            pieces.add(new int[] {start, end, invert ? 0 : 1});
            previous[0] = end;
        });
        if (previous[0] != text.length()) {
            pieces.add(new int[] {previous[0], text.length(), invert ? 1 : 0});
        }
        // Ranges come in order: convert UTF-16 offsets to code point indices with one forward walk.
        int utf16 = 0;
        int cp = 0;
        for (int[] range : behavior.apply(pieces)) {
            if (range[1] <= range[0]) {
                continue;
            }
            cp += text.codePointCount(utf16, range[0]);
            int start = cp;
            cp += text.codePointCount(range[0], range[1]);
            utf16 = range[1];
            out.accept(piece.slice(start, cp));
        }
    }

    @Override
    public String toString() {
        return label != null ? label : "Split(" + description + ", " + behavior + (invert ? ", inverted" : "") + ")";
    }
}
