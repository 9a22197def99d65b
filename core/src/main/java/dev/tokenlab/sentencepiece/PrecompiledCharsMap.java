package dev.tokenlab.sentencepiece;

import dev.tokenlab.TokenizerFormatException;

import java.util.Arrays;

/**
 * A normalization rule compiled by SentencePiece's builder ({@code NormalizerSpec.precompiled_charsmap}):
 * a little-endian 32-bit size, a darts-clone double-array trie of that many bytes whose keys are
 * UTF-8 source strings, then a blob of NUL-terminated replacement strings the trie's values point into.
 *
 * <p>Double-array units are 32-bit: bit 8 says a key ends below this node ({@code has_leaf}), the low
 * 31 bits of a leaf unit are its value, {@code unit & 0x800000FF} is the label a transition must
 * match, and {@code (unit >>> 10) << ((unit & 0x200) >>> 6)} is the offset to the children. Every
 * index is checked, so a damaged map finds no rule instead of failing. Immutable and thread-safe.
 */
public final class PrecompiledCharsMap {
    private final int[] units;
    private final byte[] replacements;

    private PrecompiledCharsMap(int[] units, byte[] replacements) {
        this.units = units;
        this.replacements = replacements;
    }

    /** Decodes the blob, or fails as the C++ library does ("Blob for normalization rule is broken."). */
    public static PrecompiledCharsMap decode(byte[] blob, String source) {
        if (blob.length <= 4) {
            throw new TokenizerFormatException(source, "precompiled_charsmap is " + blob.length
                    + " bytes; expected a 4-byte trie size and the trie");
        }
        long trieSize = (blob[0] & 0xFFL) | (blob[1] & 0xFFL) << 8 | (blob[2] & 0xFFL) << 16 | (blob[3] & 0xFFL) << 24;
        if (trieSize >= blob.length || trieSize > blob.length - 4L) {
            throw new TokenizerFormatException(source, "precompiled_charsmap declares a " + trieSize + "-byte trie but holds only "
                    + (blob.length - 4) + " bytes after the size");
        }
        if (trieSize % 4 != 0 || trieSize == 0) {
            throw new TokenizerFormatException(source, "precompiled_charsmap declares a " + trieSize
                    + "-byte trie; expected a non-zero multiple of 4");
        }
        int[] units = new int[(int) (trieSize / 4)];
        for (int i = 0; i < units.length; i++) {
            int p = 4 + 4 * i;
            units[i] = (blob[p] & 0xFF) | (blob[p + 1] & 0xFF) << 8 | (blob[p + 2] & 0xFF) << 16 | (blob[p + 3] & 0xFF) << 24;
        }
        byte[] replacements = Arrays.copyOfRange(blob, 4 + (int) trieSize, blob.length);
        return new PrecompiledCharsMap(units, replacements);
    }

    /**
     * The longest rule whose source is a prefix of {@code in[from, to)}, as darts-clone's
     * {@code commonPrefixSearch} finds it.
     *
     * @return {@code -1} when no rule matches, else {@code (long) replacementOffset << 32 | matchLength}
     */
    long longestMatch(byte[] in, int from, int to) {
        int[] u = units;
        int n = u.length;
        long best = -1;
        int nodePos = 0;
        nodePos ^= offset(u[0]);
        for (int i = from; i < to; i++) {
            int label = in[i] & 0xFF;
            nodePos ^= label;
            if (nodePos < 0 || nodePos >= n) {
                return best;
            }
            int unit = u[nodePos];
            if ((unit & 0x800000FF) != label) {
                return best;
            }
            nodePos ^= offset(unit);
            if (((unit >>> 8) & 1) == 1) {
                if (nodePos < 0 || nodePos >= n) {
                    return best;
                }
                int value = u[nodePos] & 0x7FFFFFFF;
                best = ((long) value << 32) | (i + 1 - from);
            }
        }
        return best;
    }

    /**
     * Whether no rule matches where the ASCII byte {@code c} is followed by another ASCII byte or by
     * the end: no rule's source is {@code c} alone or {@code c} and then an ASCII byte. (nmt_nfkc has
     * rules that start with letters, such as "A" + U+0301 → "Á", but none of those.)
     */
    boolean copiesAscii(int c) {
        int[] u = units;
        int n = u.length;
        int nodePos = offset(u[0]) ^ c;
        if (nodePos < 0 || nodePos >= n || (u[nodePos] & 0x800000FF) != c) {
            return true;
        }
        int unit = u[nodePos];
        if (((unit >>> 8) & 1) == 1) {
            return false;
        }
        int base = nodePos ^ offset(unit);
        for (int d = 0; d < 0x80; d++) {
            int next = base ^ d;
            if (next >= 0 && next < n && (u[next] & 0x800000FF) == d) {
                return false;
            }
        }
        return true;
    }

    private static int offset(int unit) {
        return (unit >>> 10) << ((unit & (1 << 9)) >>> 6);
    }

    /** The replacement blob; replacement {@code v} runs from {@code v} to the next NUL (or the end). */
    byte[] replacements() {
        return replacements;
    }

    /** End (exclusive) of the NUL-terminated replacement starting at {@code value}, clipped to the blob. */
    int replacementEnd(int value) {
        int i = value;
        while (i < replacements.length && replacements[i] != 0) {
            i++;
        }
        return i;
    }

    /**
     * The shortest rule whose source is a prefix of {@code in[from, to)}, as the Rust
     * {@code spm_precompiled} crate takes it (the first result of its common prefix search, which stops
     * at a NUL byte).
     *
     * @return the replacement, or null when no rule matches
     */
    public String shortestMatch(byte[] in, int from, int to) {
        int[] u = units;
        int n = u.length;
        int nodePos = offset(u[0]);
        for (int i = from; i < to; i++) {
            int label = in[i] & 0xFF;
            if (label == 0) {
                return null;
            }
            nodePos ^= label;
            if (nodePos < 0 || nodePos >= n) {
                return null;
            }
            int unit = u[nodePos];
            if ((unit & 0x800000FF) != label) {
                return null;
            }
            nodePos ^= offset(unit);
            if (((unit >>> 8) & 1) == 1) {
                if (nodePos < 0 || nodePos >= n) {
                    return null;
                }
                int value = u[nodePos] & 0x7FFFFFFF;
                int end = replacementEnd(value);
                return value >= replacements.length ? "" : new String(replacements, value, end - value, java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
