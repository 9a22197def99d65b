package dev.tokenlab.hf.normalizers;

import dev.tokenlab.hf.pipeline.NormalizedString;
import dev.tokenlab.hf.pipeline.Normalizer;
import dev.tokenlab.hf.unicode.GeneralCategories;
import dev.tokenlab.hf.pretokenizers.ByteLevel;
import dev.tokenlab.hf.pretokenizers.Finder;
import dev.tokenlab.pretokenize.UnicodeCategories;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * The small normalizers of a {@code tokenizer.json}: Prepend, Replace (literal or regex), Nmt,
 * ByteLevel, Lowercase, Strip, StripAccents, Sequence.
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
     * {@code Replace}: the non-overlapping matches of {@code pattern} (a literal string or a regex),
     * left to right, replaced by {@code content} ({@code $n} is not expanded). The replacement stands
     * for the last character of what it replaces; an empty match inserts it, standing for the
     * character before (at the very start, the empty range where the input stretch starts); an empty
     * content deletes.
     */
    public static Normalizer replace(Finder pattern, String content, String description) {
        return named(text -> {
            if (text.isEmpty()) {
                return text;
            }
            String s = text.toString();
            List<int[]> matches = new ArrayList<>();
            pattern.findAll(s, (start, end) -> matches.add(new int[] {start, end}));
            if (matches.isEmpty()) {
                return text;
            }
            NormalizedString.Builder out = text.edit();
            int utf16 = 0;
            int cp = 0;
            int copied = 0;
            for (int[] m : matches) {
                cp += s.codePointCount(utf16, m[0]);
                int i = cp;
                cp += s.codePointCount(m[0], m[1]);
                int j = cp;
                utf16 = m[1];
                out.keep(copied, i);
                if (j > i) {
                    out.put(content, j - 1);
                } else if (i > 0) {
                    out.put(content, i - 1);
                } else {
                    int at = text.base();
                    content.codePoints().forEach(c -> out.putRange(c, at, at));
                }
                copied = j;
            }
            return out.keep(copied, text.length()).build();
        }, "Replace(" + description + " → " + content + ")");
    }

    /**
     * {@code Replace} of one code point by one other (Gemma's and Mistral's space → {@code ▁}): what
     * {@link #replace(Finder, String, String)} gives, each replacement standing for the character it
     * replaces, built without an edit (the alignments stay shared).
     */
    public static Normalizer replaceCodePoint(int pattern, int content, String description) {
        return named(text -> text.replaceCodePoint(pattern, content),
                "Replace(" + description + " → " + new String(Character.toChars(content)) + ")");
    }

    /** {@code Replace} with a literal pattern. */
    public static Normalizer replace(String pattern, String content) {
        return replace(Finder.literal(pattern), content, pattern);
    }

    /**
     * {@code Nmt}: removes the control characters U+0001..0008, 000B, 000E..001F, 007F, 008F, 009F and
     * turns tab, line feed, form feed, carriage return, U+1680, U+200B..200F, U+2028, U+2029, U+2581,
     * U+FEFF and U+FFFD into a space.
     */
    public static Normalizer nmt() {
        return named(text -> {
            NormalizedString.Builder out = null;
            for (int i = 0; i < text.length(); i++) {
                int cp = text.codePointAt(i);
                boolean remove = cp >= 0x01 && cp <= 0x08 || cp == 0x0B || cp >= 0x0E && cp <= 0x1F || cp == 0x7F || cp == 0x8F
                        || cp == 0x9F;
                boolean space = cp == 0x09 || cp == 0x0A || cp == 0x0C || cp == 0x0D || cp == 0x1680 || cp >= 0x200B && cp <= 0x200F
                        || cp == 0x2028 || cp == 0x2029 || cp == 0x2581 || cp == 0xFEFF || cp == 0xFFFD;
                if ((remove || space) && out == null) {
                    out = text.edit().keep(0, i);
                }
                if (out != null && !remove) {
                    out.put(space ? ' ' : cp, i);
                }
            }
            return out == null ? text : out.build();
        }, "Nmt");
    }

    /** {@code ByteLevel}: each character's UTF-8 bytes written in GPT-2's alphabet, each standing for the whole character. */
    public static Normalizer byteLevel() {
        return named(ByteLevel::mapBytes, "ByteLevel");
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
