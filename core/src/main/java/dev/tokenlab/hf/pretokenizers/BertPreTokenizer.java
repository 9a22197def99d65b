package dev.tokenlab.hf.pretokenizers;

import dev.tokenlab.hf.pipeline.NormalizedString;
import dev.tokenlab.hf.pipeline.PreTokenizer;
import dev.tokenlab.hf.unicode.GeneralCategories;
import dev.tokenlab.pretokenize.UnicodeCategories;

import java.util.function.Consumer;

/**
 * {@code BertPreTokenizer}: split on whitespace (dropped), then every punctuation character on its own.
 * Punctuation is ASCII punctuation ({@code $ + < = > ^ ` | ~} included) or a character of a Unicode
 * punctuation category in <em>Unicode 8.0</em>, the version of the Rust crate {@code unicode_categories}
 * ({@link GeneralCategories#unicode8()}): U+16E99 (Medefaidrin, 11.0) is not punctuation there, whatever the JVM
 * says. Whitespace is Rust's {@code char::is_whitespace} (White_Space, Unicode 16.0). Also {@code Punctuation}
 * (Isolated) and {@code WhitespaceSplit} use these tests.
 */
public final class BertPreTokenizer implements PreTokenizer {
    private final GeneralCategories unicode8 = GeneralCategories.unicode8();

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
            } else if (isPunctuation(cp, unicode8)) {
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

    /** ASCII punctuation, or a Unicode 8.0 punctuation category (Pc, Pd, Ps, Pe, Pi, Pf, Po). */
    public static boolean isPunctuation(int cp) {
        return isPunctuation(cp, GeneralCategories.unicode8());
    }

    private static boolean isPunctuation(int cp, GeneralCategories unicode8) {
        if (cp >= 33 && cp <= 47 || cp >= 58 && cp <= 64 || cp >= 91 && cp <= 96 || cp >= 123 && cp <= 126) {
            return true;
        }
        return cp >= 0x80 && unicode8.isPunctuation(cp);
    }

    @Override
    public String toString() {
        return "BertPreTokenizer";
    }
}
