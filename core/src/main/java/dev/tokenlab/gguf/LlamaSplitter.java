package dev.tokenlab.gguf;

import dev.tokenlab.pretokenize.PreTokenizer;

import java.util.List;

/**
 * llama.cpp's {@code unicode_regex_split}: regexes applied in turn, each to every piece the one before it made
 * (matches and the gaps between them are pieces), over the text <em>as llama.cpp's regex sees it</em>.
 *
 * <p>llama.cpp does not match Unicode classes itself. A regex that names a category ({@code \p{L}} …) runs on a
 * "collapsed" copy of the text in which every non-ASCII code point is one byte standing for its category in
 * llama.cpp's Unicode 15.1 table (whitespace as {@code \v}), so {@code \p{L}} means "an ASCII letter or a
 * character llama.cpp calls a letter"; its hand-written splitters classify with the same table. A regex without
 * categories runs on the code points with non-ASCII whitespace turned into {@code \v}. This class builds the same
 * two views, of the same length as the text so that positions carry over: the collapsed one puts a fixed stand-in
 * character of the right class for every non-ASCII code point (a letter, number, punctuation, symbol or mark that
 * every Unicode version since 5.1 classifies alike, or a private-use character for the rest), so core's scanners and
 * regex engine, whatever Unicode version they know, split exactly as llama.cpp does — including for characters
 * Unicode 16 assigned, which llama.cpp does not know. Immutable and thread-safe.
 */
final class LlamaSplitter {
    /** One regex of the list, and whether it runs on the collapsed view. */
    record Level(PreTokenizer splitter, boolean collapsed) {
    }

    private final List<Level> levels;
    private final LlamaUnicode unicode = LlamaUnicode.get();

    LlamaSplitter(List<Level> levels) {
        this.levels = List.copyOf(levels);
    }

    List<Level> levels() {
        return levels;
    }

    /** Passes the pieces of {@code text[from, to)} in order, in the text's own positions. */
    boolean split(CharSequence text, int from, int to, PreTokenizer.PieceSink sink) {
        boolean ascii = true;
        for (int i = from; i < to; i++) {
            if (text.charAt(i) >= 0x80) {
                ascii = false;
                break;
            }
        }
        CharSequence collapsed = text;
        CharSequence wide = text;
        if (!ascii) {
            collapsed = new View(collapse(text, from, to), from);
            wide = new View(widen(text, from, to), from);
        }
        return level(0, collapsed, wide, from, to, sink);
    }

    private boolean level(int k, CharSequence collapsed, CharSequence wide, int from, int to, PreTokenizer.PieceSink sink) {
        if (from >= to) {
            return true;
        }
        if (k == levels.size()) {
            return sink.piece(from, to);
        }
        Level level = levels.get(k);
        int[] at = {from};
        boolean going = level.splitter().split(level.collapsed() ? collapsed : wide, from, to, (s, e) -> {
            if (s > at[0] && !level(k + 1, collapsed, wide, at[0], s, sink)) {
                return false;
            }
            at[0] = e;
            return level(k + 1, collapsed, wide, s, e, sink);
        });
        return going && level(k + 1, collapsed, wide, at[0], to, sink);
    }

    private char[] collapse(CharSequence text, int from, int to) {
        char[] out = new char[to - from];
        int i = from;
        while (i < to) {
            char c = text.charAt(i);
            if (c < 0x80) {
                out[i - from] = c;
                i++;
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(text.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, text.charAt(i + 1));
                int stand = standIn(cp);
                out[i - from] = Character.highSurrogate(stand);
                out[i - from + 1] = Character.lowSurrogate(stand);
                i += 2;
                continue;
            }
            out[i - from] = (char) standIn(Character.isSurrogate(c) ? 0xFFFD : c);
            i++;
        }
        return out;
    }

    /** The stand-in for a non-ASCII code point: BMP for BMP, supplementary for supplementary, so lengths match. */
    private int standIn(int cp) {
        if (unicode.isWhitespace(cp)) {
            return 0x0B;
        }
        boolean bmp = cp < 0x10000;
        return switch (unicode.category(cp)) {
            case LlamaUnicode.LETTER -> bmp ? 0x05D0 : 0x10000;       // HEBREW LETTER ALEF, LINEAR B SYLLABLE B008 A (Lo)
            case LlamaUnicode.NUMBER -> bmp ? 0x00B2 : 0x10107;       // SUPERSCRIPT TWO, AEGEAN NUMBER ONE (No)
            case LlamaUnicode.PUNCTUATION -> bmp ? 0x00A1 : 0x10100;  // INVERTED EXCLAMATION MARK, AEGEAN WORD SEPARATOR LINE (Po)
            case LlamaUnicode.SYMBOL -> bmp ? 0x00A6 : 0x10137;       // BROKEN BAR, AEGEAN WEIGHT BASE UNIT (So)
            case LlamaUnicode.ACCENT_MARK -> bmp ? 0x0300 : 0x101FD;  // COMBINING GRAVE ACCENT, PHAISTOS DISC SIGN COMBINING OBLIQUE STROKE (Mn)
            default -> bmp ? 0xE000 : 0xF0000;                        // private use (Co): no class the regexes name
        };
    }

    private char[] widen(CharSequence text, int from, int to) {
        char[] out = new char[to - from];
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            out[i - from] = c >= 0x80 && !Character.isSurrogate(c) && unicode.isWhitespace(c) ? '\u000B' : c;
        }
        return out;
    }

    /** A char array seen at its place in the text: indices are the text's. */
    private static final class View implements CharSequence {
        private final char[] chars;
        private final int base;

        View(char[] chars, int base) {
            this.chars = chars;
            this.base = base;
        }

        @Override
        public int length() {
            return base + chars.length;
        }

        @Override
        public char charAt(int index) {
            return chars[index - base];
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new String(chars, start - base, end - start);
        }

        @Override
        public String toString() {
            return new String(chars);
        }
    }
}
