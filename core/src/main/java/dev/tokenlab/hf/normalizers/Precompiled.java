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
 * cluster is looked up on its own. Offsets follow the Rust library's changes: a replacement's
 * characters take the ranges of the old ones one by one, extra ones the range of the last, and a
 * shorter replacement drops the rest (so {@code e} + U+0301 → {@code é} covers the {@code e} only);
 * {@link Changes} has the details, quirks included. Immutable and thread-safe.
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
        Changes changes = new Changes(text.length() + 8);
        boolean modified = false;
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
                modified = true;
                changes.replace(end - start, whole);
            } else {
                for (int i = start; i < end; i++) {
                    int len = utf8(text, i, i + 1, buffer);
                    String replacement = map.shortestMatch(buffer, 0, len);
                    if (replacement == null) {
                        changes.add(text.codePointAt(i), 0);
                    } else {
                        modified = true;
                        changes.replace(1, replacement);
                    }
                }
            }
            start = end;
        }
        return modified ? text.transform(changes.codePoints, changes.changes, changes.count) : text;
    }

    /**
     * The Rust normalizer's list of {@code (char, change)}, built as its {@code replace} builds it: the new
     * characters with change 0; if there are more of them than old ones, the last extra ones become
     * insertions (+1); if fewer, the last entry of the list (which is the previous chunk's when the
     * replacement is empty, or nothing at the very start) drops the difference. So a deletion at the
     * start of the text shifts the ranges of what follows, as in Rust.
     */
    private static final class Changes {
        int[] codePoints;
        int[] changes;
        int count;

        Changes(int capacity) {
            codePoints = new int[capacity];
            changes = new int[capacity];
        }

        void add(int codePoint, int change) {
            if (count == codePoints.length) {
                codePoints = java.util.Arrays.copyOf(codePoints, count * 2 + 8);
                changes = java.util.Arrays.copyOf(changes, count * 2 + 8);
            }
            codePoints[count] = codePoint;
            changes[count++] = change;
        }

        void replace(int oldCount, String replacement) {
            int newCount = 0;
            for (int k = 0; k < replacement.length(); ) {
                int cp = replacement.codePointAt(k);
                add(cp, 0);
                newCount++;
                k += Character.charCount(cp);
            }
            int diff = newCount - oldCount;
            if (diff > 0) {
                for (int k = count - diff; k < count; k++) {
                    changes[k] = 1;
                }
            } else if (diff < 0 && count > 0) {
                changes[count - 1] += diff;
            }
        }
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
