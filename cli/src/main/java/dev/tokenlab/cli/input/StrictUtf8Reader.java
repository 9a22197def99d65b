package dev.tokenlab.cli.input;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.util.Objects;

/**
 * The streaming form of {@link TextInput#decodeStrict}: a {@link Reader} over strict UTF-8 bytes, for
 * inputs too big to hold in memory. Text is exactly the bytes (a leading BOM stays as U+FEFF); the
 * first byte that does not start a well-formed character (overlong forms, surrogates, values above
 * U+10FFFF, a character cut off by the end of input) ends reading with an {@link InvalidUtf8Exception}
 * that names its byte offset from 0 and its line, as {@code decodeStrict} does.
 *
 * <pre>{@code
 * try (Reader r = new StrictUtf8Reader(Files.newInputStream(file))) {
 *     long tokens = StreamingCounter.count(tokenizer, r);
 * } catch (StrictUtf8Reader.InvalidUtf8Exception e) {
 *     e.byteOffset();   // 1234
 * }
 * }</pre>
 */
public final class StrictUtf8Reader extends Reader {
    private static final int BYTE_BUFFER = 64 * 1024;

    private final InputStream in;
    private final CharsetDecoder decoder = Utf8.strictDecoder();
    /** Bytes read but not yet decoded; in read mode between calls. */
    private final ByteBuffer bytes = ByteBuffer.allocate(BYTE_BUFFER).flip();
    /** Bytes taken from the stream before the ones now in {@link #bytes}. */
    private long bytesBefore;
    /** Line feeds decoded so far: the error's line is one more. */
    private long lineFeeds;
    private boolean endOfInput;
    private boolean done;
    /** The low surrogate left over when a caller asked for one char and got a pair's first half; -1 if none. */
    private int pending = -1;

    /** With {@code lenient}, invalid sequences become U+FFFD instead of failing; {@link #replaced()} counts them. */
    private final boolean lenient;
    private long replaced;

    public StrictUtf8Reader(InputStream in) {
        this(in, false);
    }

    public StrictUtf8Reader(InputStream in, boolean lenient) {
        this.in = Objects.requireNonNull(in, "in");
        this.lenient = lenient;
    }

    /** Invalid sequences replaced so far (lenient mode). */
    public long replaced() {
        return replaced;
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, cbuf.length);
        if (len == 0) {
            return 0;
        }
        if (pending >= 0) {
            cbuf[off] = (char) pending;
            pending = -1;
            return 1;
        }
        if (len == 1) {
            // A supplementary character needs two chars: decode into a pair and keep the second.
            char[] pair = new char[2];
            int n = read(pair, 0, 2);
            if (n == 2) {
                pending = pair[1];
            }
            if (n > 0) {
                cbuf[off] = pair[0];
                return 1;
            }
            return n;
        }
        if (done) {
            return -1;
        }
        CharBuffer out = CharBuffer.wrap(cbuf, off, len);
        while (out.position() == off) {
            if (!bytes.hasRemaining() || !endOfInput && needsMoreBytes()) {
                fill();
            }
            CoderResult r = decoder.decode(bytes, out, endOfInput);
            if (r.isError() && lenient) {
                if (!out.hasRemaining()) {
                    break; // room for U+FFFD next time
                }
                out.put('\uFFFD');
                // One U+FFFD per maximal invalid subpart, as TextInput.decodeLenient (and Python) count them.
                int at = bytes.position();
                bytes.position(at + Utf8.maximalInvalidSubpart(bytes.array(), at, bytes.limit()));
                replaced++;
                continue;
            }
            if (r.isError()) {
                countLineFeeds(cbuf, off, out.position());
                long at = bytesBefore + bytes.position();
                throw new InvalidUtf8Exception(at, lineFeeds + 1, bytes.get(bytes.position()) & 0xFF);
            }
            if (endOfInput && !bytes.hasRemaining()) {
                decoder.flush(out); // nothing for UTF-8, but the decoder's contract asks for it
                done = true;
                if (out.position() == off) {
                    return -1;
                }
                break;
            }
        }
        countLineFeeds(cbuf, off, out.position());
        return out.position() - off;
    }

    /** Whether the bytes left are at most the start of one character: decode needs more to go on. */
    private boolean needsMoreBytes() {
        return bytes.remaining() < 4;
    }

    /** Moves the undecoded bytes to the front and reads more; notes the end of input. */
    private void fill() throws IOException {
        bytesBefore += bytes.position();
        bytes.compact();
        try {
            while (bytes.hasRemaining()) {
                int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
                if (n < 0) {
                    endOfInput = true;
                    break;
                }
                bytes.position(bytes.position() + n);
                if (n > 0 && bytes.position() >= 4) {
                    break; // enough to decode; do not wait for a slow pipe to fill the buffer
                }
            }
        } finally {
            bytes.flip();
        }
    }

    private void countLineFeeds(char[] cbuf, int from, int to) {
        for (int i = from; i < to; i++) {
            if (cbuf[i] == '\n') {
                lineFeeds++;
            }
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** Invalid UTF-8 in the stream, with where it is. */
    public static final class InvalidUtf8Exception extends IOException {
        private static final long serialVersionUID = 1L;

        private final long byteOffset;
        private final long line;
        private final int byteValue;

        InvalidUtf8Exception(long byteOffset, long line, int byteValue) {
            super(TextInput.invalidUtf8(byteOffset, line, byteValue));
            this.byteOffset = byteOffset;
            this.line = line;
            this.byteValue = byteValue;
        }

        /** Offset of the first invalid byte, from 0. */
        public long byteOffset() {
            return byteOffset;
        }

        /** Line of the first invalid byte, from 1. */
        public long line() {
            return line;
        }

        /** The first invalid byte, 0..255. */
        public int byteValue() {
            return byteValue;
        }
    }
}
