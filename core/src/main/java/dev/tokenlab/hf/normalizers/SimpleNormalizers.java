package dev.tokenlab.hf.normalizers;

import dev.tokenlab.hf.pipeline.NormalizedString;
import dev.tokenlab.hf.pipeline.Normalizer;
import dev.tokenlab.hf.unicode.GeneralCategories;
import dev.tokenlab.pretokenize.UnicodeCategories;

import java.util.List;
import java.util.function.IntPredicate;

/**
 * The small normalizers of a {@code tokenizer.json}: Prepend, Replace (literal), Lowercase, Strip,
 * StripAccents, Sequence.
 */
public final class SimpleNormalizers {
    private SimpleNormalizers() {
    }

    /** {@code Prepend}: the string in front of a non-empty piece, standing for its first character. */
    public static Normalizer prepend(String prefix) {
        return named(text -> text.isEmpty() || prefix.isEmpty() ? text : text.edit().put(prefix, 0).keep(0, text.length()).build(),
                "Prepend(" + prefix + ")");
    }

    /**
     * {@code Replace} with a literal pattern: non-overlapping occurrences, left to right; the replacement
     * stands for the last character of what it replaces ({@code $n} is not expanded).
     */
    public static Normalizer replace(String pattern, String content) {
        int[] needle = pattern.codePoints().toArray();
        return named(text -> {
            if (needle.length == 0) {
                return replaceEmpty(text, content);
            }
            NormalizedString.Builder out = null;
            int copied = 0;
            int n = text.length();
            for (int i = 0; i + needle.length <= n; ) {
                if (matches(text, i, needle)) {
                    if (out == null) {
                        out = text.edit();
                    }
                    out.keep(copied, i);
                    out.put(content, i + needle.length - 1);
                    i += needle.length;
                    copied = i;
                } else {
                    i++;
                }
            }
            return out == null ? text : out.keep(copied, n).build();
        }, "Replace(" + pattern + " → " + content + ")");
    }

    private static NormalizedString replaceEmpty(NormalizedString text, String content) {
        // An empty pattern matches before every character and at the end; an insertion at the end stands for the last character.
        if (text.isEmpty()) {
            return text;
        }
        NormalizedString.Builder out = text.edit();
        for (int i = 0; i < text.length(); i++) {
            out.put(content, i);
            out.keep(i);
        }
        return out.put(content, text.length() - 1).build();
    }

    private static boolean matches(NormalizedString text, int at, int[] needle) {
        for (int k = 0; k < needle.length; k++) {
            if (text.codePointAt(at + k) != needle[k]) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code Lowercase}: each character's full Unicode 17.0 lowercase mapping, without context rules (Σ → σ
     * always), as {@link Lowercase} gives it.
     */
    public static Normalizer lowercase() {
        Lowercase.load();
        return named(SimpleNormalizers::lower, "Lowercase");
    }

    static NormalizedString lower(NormalizedString text) {
        NormalizedString.Builder out = null;
        for (int i = 0; i < text.length(); i++) {
            int cp = text.codePointAt(i);
            String lower = Lowercase.of(cp);
            if (lower == null) {
                if (out != null) {
                    out.keep(i);
                }
                continue;
            }
            if (out == null) {
                out = text.edit().keep(0, i);
            }
            out.put(lower, i);
        }
        return out == null ? text : out.build();
    }

    /** {@code Strip}: leading and/or trailing whitespace removed. */
    public static Normalizer strip(boolean left, boolean right) {
        return named(text -> {
            int from = 0;
            int to = text.length();
            while (left && from < to && UnicodeCategories.isWhiteSpace(text.codePointAt(from))) {
                from++;
            }
            while (right && to > from && UnicodeCategories.isWhiteSpace(text.codePointAt(to - 1))) {
                to--;
            }
            return from == 0 && to == text.length() ? text : text.edit().keep(from, to).build();
        }, "Strip(" + (left ? "left" : "") + (left && right ? ", " : "") + (right ? "right" : "") + ")");
    }

    /**
     * {@code StripAccents}: every combining mark (Mn, Mc, Me) of Unicode 9.0 removed, as the Rust crate
     * {@code unicode-normalization-alignments}' {@code is_combining_mark} tells them (so marks added since, such as
     * U+1DF6 or U+11930, stay); nothing is decomposed first.
     */
    public static Normalizer stripAccents() {
        GeneralCategories unicode9 = GeneralCategories.unicode9();
        return named(text -> removeMarks(text, unicode9::isMark), "StripAccents");
    }

    /** {@code text} without the code points {@code mark} accepts. */
    static NormalizedString removeMarks(NormalizedString text, IntPredicate mark) {
        NormalizedString.Builder out = null;
        for (int i = 0; i < text.length(); i++) {
            if (mark.test(text.codePointAt(i))) {
                if (out == null) {
                    out = text.edit().keep(0, i);
                }
            } else if (out != null) {
                out.keep(i);
            }
        }
        return out == null ? text : out.build();
    }

    /** {@code Sequence}: each normalizer on what the one before it gave. */
    public static Normalizer sequence(List<Normalizer> normalizers) {
        List<Normalizer> steps = List.copyOf(normalizers);
        return named(text -> {
            NormalizedString t = text;
            for (Normalizer n : steps) {
                t = n.normalize(t);
            }
            return t;
        }, steps.toString());
    }

    static Normalizer named(Normalizer n, String name) {
        return new Normalizer() {
            @Override
            public NormalizedString normalize(NormalizedString text) {
                return n.normalize(text);
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }
}
