package dev.tokenlab.cli.input;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

/** The streaming strict decoder agrees with the whole-array one: same text, same error offset and line. */
class StrictUtf8ReaderTest {

    @Test
    void decodesExactlyTheBytes() throws IOException {
        String text = "\uFEFFHello\nwörld ✓ 😀\r\n東京" + "x".repeat(70_000) + "🎉";
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (int buffer : new int[] {1, 2, 3, 5, 8192, 100_000}) {
            assertEquals(text, readAll(new StrictUtf8Reader(new ByteArrayInputStream(bytes)), buffer), "buffer " + buffer);
            assertEquals(text, readAll(new StrictUtf8Reader(trickle(bytes)), buffer), "trickled, buffer " + buffer);
        }
        assertEquals("", readAll(new StrictUtf8Reader(new ByteArrayInputStream(new byte[0])), 10));
    }

    @Test
    void singleCharReadsKeepSurrogatePairs() throws IOException {
        Reader r = new StrictUtf8Reader(new ByteArrayInputStream("a😀b".getBytes(StandardCharsets.UTF_8)));
        StringBuilder sb = new StringBuilder();
        for (int c; (c = r.read()) >= 0; ) {
            sb.append((char) c);
        }
        assertEquals("a😀b", sb.toString());
    }

    @Test
    void reportsTheSameOffsetAndLineAsTheWholeArrayCheck() throws IOException {
        Random random = new Random(42);
        byte[][] pieces = {"a".getBytes(StandardCharsets.UTF_8), "\n".getBytes(StandardCharsets.UTF_8),
            "é".getBytes(StandardCharsets.UTF_8), "😀".getBytes(StandardCharsets.UTF_8), "東".getBytes(StandardCharsets.UTF_8),
            {(byte) 0xFF}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF0, (byte) 0x9F},
            {(byte) 0x80}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}};
        int invalid = 0;
        for (int n = 0; n < 2000; n++) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            int length = random.nextInt(60);
            for (int k = 0; k < length; k++) {
                // mostly valid pieces, so that errors come at varied offsets
                byte[] piece = pieces[random.nextInt(10) < 9 ? random.nextInt(5) : random.nextInt(pieces.length)];
                out.write(piece, 0, piece.length);
            }
            byte[] bytes = out.toByteArray();
            String expected = TextInput.invalidUtf8(bytes);
            int buffer = 1 + random.nextInt(9);
            try {
                String text = readAll(new StrictUtf8Reader(random.nextBoolean() ? trickle(bytes) : new ByteArrayInputStream(bytes)), buffer);
                if (expected != null) {
                    fail("no error for " + hex(bytes) + ", expected " + expected);
                }
                assertEquals(new String(bytes, StandardCharsets.UTF_8), text);
            } catch (StrictUtf8Reader.InvalidUtf8Exception e) {
                invalid++;
                assertEquals(expected, e.getMessage(), () -> hex(bytes));
                assertEquals(TextInput.firstInvalid(bytes), e.byteOffset());
            }
        }
        assertEquals(true, invalid > 200, "enough invalid cases: " + invalid);
    }

    @Test
    void truncatedCharacterAtTheEnd() {
        StrictUtf8Reader.InvalidUtf8Exception e = assertThrows(StrictUtf8Reader.InvalidUtf8Exception.class,
                () -> readAll(new StrictUtf8Reader(new ByteArrayInputStream(new byte[] {'h', '\n', 'i', (byte) 0xF0, (byte) 0x9F})), 64));
        assertEquals("invalid UTF-8 at byte 3 (line 2, byte 0xF0)", e.getMessage());
        assertEquals(2, e.line());
        assertEquals(0xF0, e.byteValue());
    }

    private static String readAll(Reader r, int buffer) throws IOException {
        StringBuilder sb = new StringBuilder();
        char[] buf = new char[buffer];
        for (int n; (n = r.read(buf, 0, buf.length)) >= 0; ) {
            sb.append(buf, 0, n);
        }
        return sb.toString();
    }

    /** A stream that gives at most 3 bytes per read, like a slow pipe. */
    private static InputStream trickle(byte[] bytes) {
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 3));
            }
        };
    }

    private static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) {
            sb.append(String.format("%02X ", b & 0xFF));
        }
        return sb.toString();
    }
}
