package dev.tokenlab.cli.input;

import dev.tokenlab.cli.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** TEXT, -f FILE and stdin, read as strict UTF-8. */
class InputTest {
    @TempDir
    Path dir;

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    @Test
    void file() throws IOException {
        Path f = write("hello.txt", "Hello world".getBytes(StandardCharsets.UTF_8));
        assertEquals(new Cli.Result(0, "9906 1917\n", ""), Cli.run("encode", "-f", f.toString()));
        assertEquals("2\n", Cli.run("count", "--file", f.toString()).out());
    }

    @Test
    void stdinWhenNoTextOrDash() {
        assertEquals("9906 1917\n", Cli.runWithStdin("Hello world", "encode").out());
        assertEquals("9906 1917\n", Cli.runWithStdin("Hello world", "encode", "-").out());
        assertEquals("9906 1917\n", Cli.runWithStdin("Hello world", "encode", "-f", "-").out());
    }

    @Test
    void invalidUtf8IsAnErrorNamingTheByteOffset() throws IOException {
        byte[] bytes = "Hello\nwörld ".getBytes(StandardCharsets.UTF_8); // ö is two bytes: 13 bytes in all
        byte[] bad = new byte[bytes.length + 2];
        System.arraycopy(bytes, 0, bad, 0, bytes.length);
        bad[bytes.length] = (byte) 0xC3; // a lead byte ...
        bad[bytes.length + 1] = 'x';     // ... without its continuation
        Path f = write("bad.txt", bad);
        Cli.Result r = Cli.run("encode", "-f", f.toString());
        assertEquals(1, r.exitCode());
        assertEquals("", r.out());
        assertEquals("tokenlab: " + f + ": invalid UTF-8 at byte 13 (line 2, byte 0xC3)\n", r.err());
    }

    @Test
    void invalidUtf8OnStdin() {
        Cli.Result r = Cli.runWithStdin(new byte[] {'o', 'k', (byte) 0xFF}, "count");
        assertEquals(new Cli.Result(1, "", "tokenlab: stdin: invalid UTF-8 at byte 2 (line 1, byte 0xFF)\n"), r);
    }

    @Test
    void surrogatesAndOverlongFormsAreInvalid() throws IOException {
        Path surrogate = write("s.txt", new byte[] {'a', (byte) 0xED, (byte) 0xA0, (byte) 0x80});
        assertTrue(Cli.run("encode", "-f", surrogate.toString()).err().endsWith("invalid UTF-8 at byte 1 (line 1, byte 0xED)\n"));
        Path overlong = write("o.txt", new byte[] {(byte) 0xC0, (byte) 0xAF});
        assertEquals(1, Cli.run("encode", "-f", overlong.toString()).exitCode());
    }

    @Test
    void truncatedCharacterAtTheEndIsInvalid() throws IOException {
        Path f = write("t.txt", new byte[] {'h', 'i', (byte) 0xF0, (byte) 0x9F});
        assertTrue(Cli.run("count", "-f", f.toString()).err().endsWith("invalid UTF-8 at byte 2 (line 1, byte 0xF0)\n"));
    }

    @Test
    void byteOrderMarkIsKeptAsText() throws IOException {
        byte[] hi = "Hello world".getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[hi.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(hi, 0, withBom, 3, hi.length);
        Path f = write("bom.txt", withBom);
        Cli.Result r = Cli.run("encode", "-f", f.toString());
        assertEquals(0, r.exitCode());
        assertNotEquals("9906 1917\n", r.out());
        assertTrue(r.out().startsWith("3305 "), r.out());
        assertEquals("3305\t<U+FEFF>\n9906\tHello\n1917\t·world\n",
                Cli.run("encode", "-f", f.toString(), "--format", "tokens").out());
        assertEquals("\uFEFFHello world", Cli.runWithStdin(r.out(), "decode", "-n").out());
    }

    @Test
    void directoryIsAClearError() {
        Cli.Result r = Cli.run("encode", "-f", dir.toString());
        assertEquals(new Cli.Result(1, "", "tokenlab: " + dir + ": is a directory; give a file (or '-' for stdin)\n"), r);
    }

    @Test
    void missingFileIsAClearError() {
        Path missing = dir.resolve("missing.txt");
        assertEquals(new Cli.Result(1, "", "tokenlab: " + missing + ": no such file\n"),
                Cli.run("count", "-f", missing.toString()));
    }

    @Test
    void emptyFile() throws IOException {
        Path f = write("empty.txt", new byte[0]);
        assertEquals(new Cli.Result(0, "\n", ""), Cli.run("encode", "-f", f.toString()));
        assertEquals(new Cli.Result(0, "0\n", ""), Cli.run("count", "-f", f.toString()));
        assertTrue(Cli.run("encode", "-f", f.toString(), "--format", "json").out().contains("\"count\":0,\"ids\":[],\"tokens\":[]}"));
        assertEquals("", Cli.run("encode", "-f", f.toString(), "--format", "tokens").out());
    }

    @Test
    void textAndFileTogetherIsAUsageError() throws IOException {
        Path f = write("a.txt", new byte[] {'a'});
        assertEquals(new Cli.Result(2, "", "tokenlab: give TEXT or --file, not both\n"),
                Cli.run("encode", "-f", f.toString(), "hello"));
    }
}
