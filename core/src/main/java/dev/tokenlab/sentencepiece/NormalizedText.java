package dev.tokenlab.sentencepiece;

import dev.tokenlab.TokenizerException;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The output of {@link Normalizer}: normalized UTF-8 bytes and, for each byte position (and the end),
 * the UTF-16 offset in the original text it came from, so tokens can report where they are in the
 * caller's string. A reusable per-call buffer; not thread-safe.
 */
final class NormalizedText {
    byte[] bytes;
    /** {@code toOrig[i]} = original UTF-16 offset of normalized byte {@code i}; valid for {@code 0..length}. */
    int[] toOrig;
    int length;

    NormalizedText(int capacity) {
        bytes = new byte[Math.max(16, capacity)];
        toOrig = new int[bytes.length + 1];
    }

    void clear() {
        length = 0;
    }

    /** The most bytes a normalized text may have (an array's limit, less the end sentinel). */
    static final int MAX_BYTES = Integer.MAX_VALUE - 16;

    /**
     * Makes room for {@code extra} more bytes.
     *
     * @throws TokenizerException when the text would pass {@link #MAX_BYTES}
     */
    void reserve(int extra) {
        long need = (long) length + extra;
        if (need > bytes.length) {
            if (need > MAX_BYTES) {
                throw new TokenizerException("the normalized text would pass 2 GB (" + need
                        + " bytes); encode the text in parts");
            }
            int capacity = (int) Math.min(MAX_BYTES, Math.max(need, bytes.length + (long) (bytes.length >> 1)));
            bytes = Arrays.copyOf(bytes, capacity);
            toOrig = Arrays.copyOf(toOrig, capacity + 1);
        }
    }

    void append(byte b, int orig) {
        bytes[length] = b;
        toOrig[length++] = orig;
    }

    /** Sets the end sentinel: the original offset just past the normalized text. */
    void finish(int orig) {
        toOrig[length] = orig;
    }

    @Override
    public String toString() {
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }
}
