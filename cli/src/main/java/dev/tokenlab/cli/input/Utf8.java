package dev.tokenlab.cli.input;

import dev.tokenlab.Decoded;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Byte-level UTF-8 checks for the CLI: where the first invalid byte is, how long a well-formed
 * character or a maximal invalid subpart is, and a walk over bytes as text runs and invalid
 * subparts. {@link Decoded#of(byte[])} is the whole-array decode; this is for the places
 * that need positions (strict errors naming a byte offset, the streaming reader's {@code --lenient},
 * {@code <F0><9F>} in the token views).
 *
 * <p><b>Why hand-written:</b> core has the same helpers, but in {@code dev.tokenlab.internal}, which its
 * module does not export, so the CLI keeps its own. It is built on the JDK's strict
 * {@link CharsetDecoder} (which rejects overlong forms, encoded surrogates and values above U+10FFFF)
 * with one correction: the JDK reports an encoded surrogate ({@code ED A0..BF xx}) as one malformed
 * sequence, where Unicode's "maximal subpart" practice (and {@code Decoded.of}, and Python's
 * {@code errors="replace"}) counts {@code ED} alone, since no well-formed sequence continues
 * {@code ED} with {@code A0..BF}. A property test checks that replacing each invalid subpart by U+FFFD
 * gives exactly {@code Decoded.of}'s text and count.
 *
 * <pre>{@code
 * byte[] b = {'a', (byte) 0xF0, (byte) 0x9F, 'b'};
 * Utf8.firstInvalid(b, 0, b.length);            // 1
 * Utf8.validSequenceLength(b, 0, b.length);     // 1 ('a')
 * Utf8.maximalInvalidSubpart(b, 1, b.length);   // 2 (F0 9F: the start of a 4-byte character)
 * }</pre>
 */
public final class Utf8 {
    private Utf8() {
    }

    /** What {@link #walk} finds, in order. */
    public interface Visitor {
        /** Well-formed text (at least one char; a buffer that is reused after the call returns). */
        void text(CharSequence text);

        /** One maximal invalid subpart, {@code bytes[from, to)}: what one U+FFFD replaces. */
        void invalid(byte[] bytes, int from, int to);
    }

    /** A fresh strict decoder: malformed input is reported, never replaced. */
    public static CharsetDecoder strictDecoder() {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /** Offset (into {@code bytes}) of the first byte in {@code [from, to)} that starts no well-formed character, or -1. */
    public static int firstInvalid(byte[] bytes, int from, int to) {
        CharsetDecoder decoder = strictDecoder();
        ByteBuffer in = ByteBuffer.wrap(bytes, from, to - from);
        CharBuffer out = CharBuffer.allocate(Math.max(2, Math.min(8192, to - from)));
        while (true) {
            CoderResult r = decoder.decode(in, out, true);
            if (r.isError()) {
                return in.position();
            }
            if (r.isUnderflow()) {
                return -1;
            }
            out.clear(); // overflow: only validity matters here, so drop the chars
        }
    }

    /** Whether {@code bytes[from, to)} is well-formed UTF-8. */
    public static boolean isValid(byte[] bytes, int from, int to) {
        return firstInvalid(bytes, from, to) < 0;
    }

    /**
     * Length (1 to 4) of the well-formed character that starts at {@code bytes[at]} and ends by
     * {@code to}, or 0 if none does there.
     */
    public static int validSequenceLength(byte[] bytes, int at, int to) {
        ByteBuffer in = ByteBuffer.wrap(bytes, at, Math.min(4, to - at));
        CharBuffer out = CharBuffer.allocate(2); // room for one character, even a surrogate pair
        strictDecoder().decode(in, out, true);
        if (out.position() == 0) {
            return 0;
        }
        int cp = out.position() == 2 && Character.isHighSurrogate(out.get(0)) ? Character.toCodePoint(out.get(0), out.get(1))
                : out.get(0);
        return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    }

    /**
     * Length (1 to 3) of the maximal invalid subpart at {@code bytes[at]}: the longest run there that
     * starts a well-formed character but is cut short, or 1. Call it only where
     * {@link #validSequenceLength} is 0.
     */
    public static int maximalInvalidSubpart(byte[] bytes, int at, int to) {
        ByteBuffer in = ByteBuffer.wrap(bytes, at, Math.min(4, to - at));
        CoderResult r = strictDecoder().decode(in, CharBuffer.allocate(2), true);
        if (!r.isError() || in.position() != at) {
            throw new IllegalArgumentException("a well-formed character starts at byte " + at);
        }
        return corrected(bytes, at, to, r.length());
    }

    /**
     * Walks {@code bytes[from, to)}: runs of well-formed text and, between them, each maximal invalid
     * subpart on its own.
     */
    public static void walk(byte[] bytes, int from, int to, Visitor visitor) {
        CharsetDecoder decoder = strictDecoder();
        ByteBuffer in = ByteBuffer.wrap(bytes, from, to - from);
        CharBuffer out = CharBuffer.allocate(Math.max(2, Math.min(8192, to - from)));
        while (true) {
            CoderResult r = decoder.decode(in, out, true);
            if (out.position() > 0) {
                visitor.text(out.flip());
                out.clear();
            }
            if (r.isUnderflow()) {
                return;
            }
            if (r.isError()) {
                int at = in.position();
                int n = corrected(bytes, at, to, r.length());
                visitor.invalid(bytes, at, at + n);
                in.position(at + n);
            }
        }
    }

    /** The JDK's malformed length, corrected to the maximal subpart for an encoded surrogate (see the class comment). */
    private static int corrected(byte[] bytes, int at, int to, int jdkLength) {
        if (bytes[at] == (byte) 0xED && at + 1 < to && (bytes[at + 1] & 0xE0) == 0xA0) {
            return 1;
        }
        return jdkLength;
    }
}
