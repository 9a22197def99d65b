package dev.tokenlab.hf.normalizers;

import dev.tokenlab.hf.pipeline.NormalizedString;
import dev.tokenlab.hf.pipeline.Normalizer;
import dev.tokenlab.sentencepiece.PrecompiledCharsMap;

import java.nio.charset.StandardCharsets;

/**
 * The {@code Precompiled} normalizer: a SentencePiece charsmap ({@link PrecompiledCharsMap}) applied
 * the way the Rust library applies it, which is not SentencePiece's longest-match walk. The text is
 * cut into extended grapheme clusters ({@link Graphemes}); a cluster of fewer than 6 UTF-8 bytes
 * that begins with some rule's source is replaced whole by the <em>shortest</em> such rule's
 * replacement ({@code ①} + U+0301 → {@code 1}: the accent is lost); otherwise each character of the
 * cluster is looked up on its own. The replacement of a cluster stands for the whole cluster, that of
 * a character for the character. Immutable and thread-safe.
 */
public final class Precompiled implements Normalizer {
    private static final int WHOLE_CLUSTER_BELOW = 6;

    private final PrecompiledCharsMap map;

    /** A normalizer applying {@code map}. */
    public Precompiled(PrecompiledCharsMap map) {
        this.map = map;
    }

    @Override
    public NormalizedString normalize(NormalizedString text) {
        NormalizedString.Builder out = null;
        byte[] buffer = new byte[64];
        int n = text.length();
        int start = 0;
        while (start < n) {
            int end = Graphemes.nextBoundary(text, start, n);
            int length = utf8(text, start, end, buffer);
            if (length > buffer.length) {
                buffer = new byte[length];
                utf8(text, start, end, buffer);
            }
            String whole = length < WHOLE_CLUSTER_BELOW ? map.shortestMatch(buffer, 0, length) : null;
            if (whole != null) {
                if (out == null) {
                    out = text.edit().keep(0, start);
                }
                int from = text.originalStart(start);
                int to = text.originalEnd(end - 1);
                for (int k = 0; k < whole.length(); ) {
                    int cp = whole.codePointAt(k);
                    out.putRange(cp, from, to);
                    k += Character.charCount(cp);
                }
            } else {
                for (int i = start; i < end; i++) {
                    int len = utf8(text, i, i + 1, buffer);
                    String replacement = map.shortestMatch(buffer, 0, len);
                    if (replacement == null) {
                        if (out != null) {
                            out.keep(i);
                        }
                        continue;
                    }
                    if (out == null) {
                        out = text.edit().keep(0, i);
                    }
                    out.put(replacement, i);
                }
            }
            start = end;
        }
        return out == null ? text : out.build();
    }

    /** Writes the UTF-8 of code points {@code [from, to)} (a lone surrogate as U+FFFD) and returns its length; may exceed {@code out}. */
    private static int utf8(NormalizedString text, int from, int to, byte[] out) {
        int n = 0;
        for (int i = from; i < to; i++) {
            int cp = text.codePointAt(i);
            if (cp >= 0xD800 && cp <= 0xDFFF) {
                cp = 0xFFFD;
            }
            int len = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (n + len <= out.length) {
                byte[] b = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                System.arraycopy(b, 0, out, n, len);
            }
            n += len;
        }
        return n;
    }

    @Override
    public String toString() {
        return "Precompiled";
    }
}
