package dev.tokenlab.hf.pretokenizers;

import dev.tokenlab.hf.pipeline.NormalizedString;
import dev.tokenlab.hf.pipeline.PreTokenizer;

import java.util.function.Consumer;

/**
 * The {@code Metaspace} pre-tokenizer (SentencePiece-style models): every space becomes the
 * replacement ({@code ▁}); the replacement is prepended to a piece that does not start with it —
 * always, never, or ({@code first}) only to the piece that starts the input; then, with
 * {@code split}, the piece is cut before each replacement.
 */
public final class Metaspace implements PreTokenizer {

    /** When the replacement is prepended. */
    public enum PrependScheme {
        ALWAYS, FIRST, NEVER
    }

    private final int replacement;
    private final PrependScheme scheme;
    private final Split splitter;

    /** A Metaspace pre-tokenizer. */
    public Metaspace(int replacement, PrependScheme scheme, boolean split) {
        this.replacement = replacement;
        this.scheme = scheme;
        this.splitter = split ? new Split(Finder.literal(new String(Character.toChars(replacement))), SplitBehavior.MergedWithNext, false,
                "▁") : null;
    }

    @Override
    public void split(NormalizedString piece, Consumer<NormalizedString> out) {
        NormalizedString p = replaceSpaces(piece, replacement);
        boolean prepend = !p.isEmpty() && p.codePointAt(0) != replacement
                && (scheme == PrependScheme.ALWAYS || scheme == PrependScheme.FIRST && p.originalStart(0) == 0);
        if (prepend) {
            p = p.edit().put(replacement, 0).keep(0, p.length()).build();
        }
        if (splitter == null) {
            out.accept(p);
        } else {
            splitter.split(p, out);
        }
    }

    /** {@code piece} with every U+0020 replaced by {@code replacement}, each keeping its range. */
    static NormalizedString replaceSpaces(NormalizedString piece, int replacement) {
        int first = -1;
        for (int i = 0; i < piece.length(); i++) {
            if (piece.codePointAt(i) == ' ') {
                first = i;
                break;
            }
        }
        if (first < 0) {
            return piece;
        }
        NormalizedString.Builder b = piece.edit().keep(0, first);
        for (int i = first; i < piece.length(); i++) {
            int cp = piece.codePointAt(i);
            b.put(cp == ' ' ? replacement : cp, i);
        }
        return b.build();
    }

    @Override
    public String toString() {
        return "Metaspace(" + new String(Character.toChars(replacement)) + ", prepend " + scheme.name().toLowerCase(java.util.Locale.ROOT)
                + (splitter != null ? ", split" : "") + ")";
    }
}
