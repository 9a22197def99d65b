package dev.tokenlab.internal;

import java.nio.charset.StandardCharsets;

/**
 * UTF-8 helpers shared by the encoders and decoders. Not public API.
 *
 * <p>Encoding follows tiktoken's rule for lone UTF-16 surrogates: each becomes U+FFFD (the bytes
 * {@code EF BF BD}), so every Java string has a well-defined byte form.
 */
public final class Utf8 {
    /** U+FFFD, what a lone surrogate becomes. */
    public static final char REPLACEMENT = '\uFFFD';

    private Utf8() {
    }

    /**
     * Encodes {@code text[from, to)} into {@code out} starting at {@code outPos}; lone surrogates
     * become U+FFFD. {@code out} must hold {@code 3 * (to - from)} bytes from {@code outPos}.
     *
     * @return the position after the last byte written
     */
    public static int encode(CharSequence text, int from, int to, byte[] out, int outPos) {
        int p = outPos;
        int i = from;
        while (i < to) {
            char c = text.charAt(i++);
            if (c < 0x80) {
                out[p++] = (byte) c;
            } else if (c < 0x800) {
                out[p++] = (byte) (0xC0 | (c >> 6));
                out[p++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i < to && Character.isLowSurrogate(text.charAt(i))) {
                int cp = Character.toCodePoint(c, text.charAt(i++));
                out[p++] = (byte) (0xF0 | (cp >> 18));
                out[p++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                out[p++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                out[p++] = (byte) (0x80 | (cp & 0x3F));
            } else {
                if (Character.isSurrogate(c)) {
                    c = REPLACEMENT;
                }
                out[p++] = (byte) (0xE0 | (c >> 12));
                out[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                out[p++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        return p;
    }

    /** The number of bytes {@link #encode} writes for {@code text[from, to)} (a lone surrogate takes 3, as U+FFFD). */
    public static long encodedLength(CharSequence text, int from, int to) {
        long n = to - from;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                if (c < 0x800) {
                    n += 1;
                } else if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(text.charAt(i + 1))) {
                    n += 2; // 4 bytes for 2 chars
                    i++;
                } else {
                    n += 2;
                }
            }
        }
        return n;
    }

    /** The number of UTF-8 bytes of one UTF-16 char at {@code text[i]} (4 for a surrogate pair's high half, 0 for its low half). */
    public static int byteLength(CharSequence text, int i, int end) {
        char c = text.charAt(i);
        if (c < 0x80) {
            return 1;
        }
        if (c < 0x800) {
            return 2;
        }
        if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(text.charAt(i + 1))) {
            return 4;
        }
        if (Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(text.charAt(i - 1))) {
            return 0;
        }
        return 3;
    }

    /** True when {@code text} has a lone surrogate (which encoding replaces by U+FFFD). */
    public static boolean hasLoneSurrogate(CharSequence text) {
        return firstLoneSurrogate(text) >= 0;
    }

    /** Index of the first lone surrogate, or -1. */
    public static int firstLoneSurrogate(CharSequence text) {
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    return i;
                }
            }
        }
        return -1;
    }

    /** Replaces each lone surrogate by U+FFFD; returns {@code text} itself when it has none. */
    public static String replaceLoneSurrogates(String text) {
        int first = firstLoneSurrogate(text);
        if (first < 0) {
            return text;
        }
        char[] chars = text.toCharArray();
        for (int i = first; i < chars.length; i++) {
            char c = chars[i];
            if (Character.isHighSurrogate(c) && i + 1 < chars.length && Character.isLowSurrogate(chars[i + 1])) {
                i++;
            } else if (Character.isSurrogate(c)) {
                chars[i] = REPLACEMENT;
            }
        }
        return new String(chars);
    }

    /**
     * Length of the valid UTF-8 sequence starting at {@code bytes[i]}, or 0 if the bytes there are not
     * the start of a complete, well-formed character (overlong forms, surrogates and values above
     * U+10FFFF are not well-formed).
     */
    public static int validSequenceLength(byte[] bytes, int i, int end) {
        int b0 = bytes[i] & 0xFF;
        if (b0 < 0x80) {
            return 1;
        }
        int need;
        int min;
        if (b0 >= 0xC2 && b0 <= 0xDF) {
            need = 1;
            min = 0x80;
        } else if (b0 >= 0xE0 && b0 <= 0xEF) {
            need = 2;
            min = 0x800;
        } else if (b0 >= 0xF0 && b0 <= 0xF4) {
            need = 3;
            min = 0x10000;
        } else {
            return 0;
        }
        if (i + need >= end) {
            return 0;
        }
        int cp = b0 & (0x3F >> need);
        for (int k = 1; k <= need; k++) {
            int b = bytes[i + k] & 0xFF;
            if ((b & 0xC0) != 0x80) {
                return 0;
            }
            cp = (cp << 6) | (b & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
            return 0;
        }
        return need + 1;
    }

    /** True when {@code bytes[from, to)} is well-formed UTF-8. */
    public static boolean isValid(byte[] bytes, int from, int to) {
        int i = from;
        while (i < to) {
            int n = validSequenceLength(bytes, i, to);
            if (n == 0) {
                return false;
            }
            i += n;
        }
        return true;
    }

    /**
     * Offset of the first byte that does not start a well-formed UTF-8 character, or -1 when all of
     * {@code bytes[from, to)} is well-formed.
     */
    public static long firstInvalid(byte[] bytes, int from, int to) {
        int i = from;
        while (i < to) {
            int n = validSequenceLength(bytes, i, to);
            if (n == 0) {
                return i;
            }
            i += n;
        }
        return -1;
    }

    /**
     * Length (≥ 1) of the maximal prefix of an ill-formed sequence at {@code i} that could start a
     * character: the unit that one U+FFFD replaces (Unicode's "maximal subparts" practice).
     */
    public static int maximalInvalidSubpart(byte[] bytes, int i, int end) {
        int b0 = bytes[i] & 0xFF;
        int need;
        int lo = 0x80;
        int hi = 0xBF;
        if (b0 >= 0xC2 && b0 <= 0xDF) {
            need = 1;
        } else if (b0 >= 0xE0 && b0 <= 0xEF) {
            need = 2;
            if (b0 == 0xE0) {
                lo = 0xA0;
            } else if (b0 == 0xED) {
                hi = 0x9F;
            }
        } else if (b0 >= 0xF0 && b0 <= 0xF4) {
            need = 3;
            if (b0 == 0xF0) {
                lo = 0x90;
            } else if (b0 == 0xF4) {
                hi = 0x8F;
            }
        } else {
            return 1;
        }
        int k = 1;
        while (k <= need && i + k < end) {
            int b = bytes[i + k] & 0xFF;
            boolean ok = k == 1 ? (b >= lo && b <= hi) : (b & 0xC0) == 0x80;
            if (!ok) {
                break;
            }
            k++;
        }
        return k;
    }

    /** A readable quoted form of token bytes: the text where it is UTF-8, {@code <F0>}-style hex where not. */
    public static String quote(byte[] bytes) {
        StringBuilder sb = new StringBuilder("\"");
        int i = 0;
        while (i < bytes.length) {
            int n = validSequenceLength(bytes, i, bytes.length);
            if (n == 0) {
                sb.append(String.format("<%02X>", bytes[i] & 0xFF));
                i++;
                continue;
            }
            String s = new String(bytes, i, n, StandardCharsets.UTF_8);
            switch (s) {
                case "\n" -> sb.append("\\n");
                case "\r" -> sb.append("\\r");
                case "\t" -> sb.append("\\t");
                case "\"" -> sb.append("\\\"");
                case "\\" -> sb.append("\\\\");
                default -> sb.append(s);
            }
            i += n;
        }
        return sb.append('"').toString();
    }
}
