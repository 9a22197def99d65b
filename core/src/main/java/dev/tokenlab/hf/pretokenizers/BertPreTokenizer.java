package dev.tokenlab.hf.pretokenizers;

import dev.tokenlab.hf.pipeline.NormalizedString;
import dev.tokenlab.hf.pipeline.PreTokenizer;
import dev.tokenlab.pretokenize.UnicodeCategories;

import java.util.function.Consumer;

/**
 * {@code BertPreTokenizer}: split on whitespace (dropped), then every punctuation character on its own.
 * Punctuation is ASCII punctuation ({@code $ + < = > ^ ` | ~} included) or a character of a Unicode
 * punctuation category. Also {@code Punctuation} (Isolated) and {@code WhitespaceSplit} use these tests.
 */
public final class BertPreTokenizer implements PreTokenizer {

    @Override
    public void split(NormalizedString piece, Consumer<NormalizedString> out) {
        int n = piece.length();
        int start = -1;
        for (int i = 0; i < n; i++) {
            int cp = piece.codePointAt(i);
            if (UnicodeCategories.isWhiteSpace(cp)) {
                if (start >= 0) {
                    out.accept(piece.slice(start, i));
                    start = -1;
                }
            } else if (isPunctuation(cp)) {
                if (start >= 0) {
                    out.accept(piece.slice(start, i));
                    start = -1;
                }
                out.accept(piece.slice(i, i + 1));
            } else if (start < 0) {
                start = i;
            }
        }
        if (start >= 0) {
            out.accept(piece.slice(start, n));
        }
    }

    /** ASCII punctuation, or a Unicode punctuation category (Pc, Pd, Ps, Pe, Pi, Pf, Po). */
    public static boolean isPunctuation(int cp) {
        if (cp >= 33 && cp <= 47 || cp >= 58 && cp <= 64 || cp >= 91 && cp <= 96 || cp >= 123 && cp <= 126) {
            return true;
        }
        return switch (UnicodeCategories.category(cp)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                    Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                    Character.OTHER_PUNCTUATION -> true;
            default -> false;
        };
    }

    @Override
    public String toString() {
        return "BertPreTokenizer";
    }
}
