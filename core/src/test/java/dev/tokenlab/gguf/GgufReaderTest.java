package dev.tokenlab.gguf;

import dev.tokenlab.TokenizerFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GgufReaderTest {
    @TempDir
    Path dir;

    private GgufFile read(GgufWriter w) throws IOException {
        return GgufReader.read(w.write(dir.resolve("m.gguf")), "m.gguf");
    }

    private String error(byte[] bytes) throws IOException {
        Path p = dir.resolve("bad.gguf");
        Files.write(p, bytes);
        TokenizerFormatException e = assertThrows(TokenizerFormatException.class, () -> GgufReader.read(p, "bad.gguf"));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        return e.getMessage();
    }

    @Test
    void readsEveryValueType() throws IOException {
        GgufWriter w = new GgufWriter()
                .put("u8", GgufType.UINT8, 200).put("i8", GgufType.INT8, -5).put("u16", GgufType.UINT16, 65535)
                .put("i16", GgufType.INT16, -300).put("u32", GgufType.UINT32, 4_000_000_000L).put("i32", GgufType.INT32, -7)
                .put("f32", GgufType.FLOAT32, 1.5f).put("bool", GgufType.BOOL, true).put("str", GgufType.STRING, "héllo")
                .put("u64", GgufType.UINT64, -1L).put("i64", GgufType.INT64, -9_000_000_000L).put("f64", GgufType.FLOAT64, 2.25)
                .put("a.u8", GgufType.ARRAY, new GgufWriter.Arr(GgufType.UINT8, List.of(1, 255)))
                .put("a.i16", GgufType.ARRAY, new GgufWriter.Arr(GgufType.INT16, List.of(-1, 2)))
                .put("a.u32", GgufType.ARRAY, new GgufWriter.Arr(GgufType.UINT32, List.of(3_000_000_000L)))
                .put("a.i64", GgufType.ARRAY, new GgufWriter.Arr(GgufType.INT64, List.of(-2L, 5L)))
                .put("a.f32", GgufType.ARRAY, new GgufWriter.Arr(GgufType.FLOAT32, List.of(0.5f, -1f)))
                .put("a.f64", GgufType.ARRAY, new GgufWriter.Arr(GgufType.FLOAT64, List.of(0.25)))
                .put("a.bool", GgufType.ARRAY, new GgufWriter.Arr(GgufType.BOOL, List.of(true, false)))
                .put("a.str", GgufType.ARRAY, new GgufWriter.Arr(GgufType.STRING, List.of("a", "", "▁b")))
                .put("a.empty", GgufType.ARRAY, new GgufWriter.Arr(GgufType.INT32, List.of()));
        GgufFile f = read(w);
        assertEquals(3, f.version());
        assertEquals(200L, f.integer("u8").getAsLong());
        assertEquals(-5L, f.integer("i8").getAsLong());
        assertEquals(65535L, f.integer("u16").getAsLong());
        assertEquals(-300L, f.integer("i16").getAsLong());
        assertEquals(4_000_000_000L, f.integer("u32").getAsLong());
        assertEquals(-7L, f.integer("i32").getAsLong());
        assertEquals(1.5f, f.get("f32").orElseThrow().value());
        assertEquals(true, f.bool("bool").orElseThrow());
        assertEquals("héllo", f.string("str").orElseThrow());
        assertEquals(-1L, f.integer("u64").getAsLong());
        assertEquals(-9_000_000_000L, f.integer("i64").getAsLong());
        assertEquals(2.25, f.get("f64").orElseThrow().value());
        assertEquals(255L, f.array("a.u8").orElseThrow().integer(1));
        assertArrayEquals(new short[] {-1, 2}, f.array("a.i16").orElseThrow().shorts());
        assertEquals(3_000_000_000L, f.array("a.u32").orElseThrow().integer(0));
        assertArrayEquals(new long[] {-2, 5}, f.array("a.i64").orElseThrow().longs());
        assertArrayEquals(new float[] {0.5f, -1f}, f.array("a.f32").orElseThrow().floats());
        assertArrayEquals(new double[] {0.25}, f.array("a.f64").orElseThrow().doubles());
        assertArrayEquals(new byte[] {1, 0}, f.array("a.bool").orElseThrow().bytes());
        GgufArray s = f.array("a.str").orElseThrow();
        assertEquals(List.of("a", "", "▁b"), List.of(s.string(0), s.string(1), s.string(2)));
        assertEquals(0, f.array("a.empty").orElseThrow().length());
        assertEquals(List.of("u8", "i8", "u16"), f.metadata().keySet().stream().limit(3).toList());
        assertEquals("[string × 3: \"a\", …]", s.toString());
    }

    @Test
    void readsVersionTwo() throws IOException {
        assertEquals(2, read(new GgufWriter().version(2).string("k", "v")).version());
    }

    /**
     * A multi-gigabyte (sparse) tensor region after the metadata is never read: the reader stops where the
     * metadata ends (time and allocation are measured in the benchmark module: {@code benchmarks/run gguf}).
     */
    @Test
    void readsOnlyTheMetadataOfAHugeFile() throws IOException {
        GgufWriter w = new GgufWriter().tensorCount(291).string("general.architecture", "llama")
                .u32("llama.context_length", 131072).strings("tokenizer.ggml.tokens", List.of("a", "b"));
        long tensorBytes = 8L << 30;
        Path p = w.write(dir.resolve("big.gguf"), tensorBytes);
        assertEquals(w.bytes().length + tensorBytes, Files.size(p));
        GgufFile f = GgufReader.read(p);
        assertEquals(291, f.tensorCount());
        assertEquals(w.bytes().length, f.metadataEnd());
        assertEquals(131072L, f.integer("llama.context_length").getAsLong());
    }

    @Test
    void refusesWhatIsNotGguf() throws IOException {
        assertEquals("bad.gguf: byte 0: expected the magic \"GGUF\", found \"PK\\x03\\x04\"; not a GGUF file",
                error(new byte[] {'P', 'K', 3, 4, 0, 0, 0, 0}));
        assertEquals("bad.gguf: byte 0: expected the magic \"GGUF\" (4 bytes), but the file ends at byte 2", error(new byte[] {'G', 'G'}));
    }

    @Test
    void refusesTruncatedHeaders() throws IOException {
        byte[] good = new GgufWriter().string("general.name", "x").bytes();
        assertEquals("bad.gguf: byte 4: expected the version (4 bytes), but the file ends at byte 6", error(Arrays.copyOf(good, 6)));
        assertEquals("bad.gguf: byte 8: expected the tensor count (8 bytes), but the file ends at byte 12", error(Arrays.copyOf(good, 12)));
        assertEquals("bad.gguf: byte 16: expected the metadata key/value count (8 bytes), but the file ends at byte 20",
                error(Arrays.copyOf(good, 20)));
        // every shorter prefix fails in one line
        for (int n = 0; n < good.length; n++) {
            assertTrue(error(Arrays.copyOf(good, n)).startsWith("bad.gguf: byte "));
        }
    }

    @Test
    void refusesBigEndianAndOtherVersions() throws IOException {
        assertEquals("bad.gguf: byte 4: a big-endian GGUF file (version 3 byte-swapped); only little-endian GGUF files are"
                + " supported, as llama.cpp on x86 and ARM reads them", error(new GgufWriter().bigEndian().string("k", "v").bytes()));
        assertEquals("bad.gguf: byte 4: expected GGUF version 2 or 3, found 1 (version 1 is no longer read by llama.cpp)",
                error(new GgufWriter().version(1).bytes()));
        assertEquals("bad.gguf: byte 4: expected GGUF version 2 or 3, found 4", error(new GgufWriter().version(4).bytes()));
    }

    @Test
    void refusesAbsurdCountsBeforeAllocating() throws IOException {
        GgufWriter.Out out = new GgufWriter.Out(false);
        out.raw("GGUF".getBytes());
        out.u32(3);
        out.u64(0);
        out.u64(1);
        out.string("tokenizer.ggml.tokens");
        out.u32(GgufType.ARRAY.id());
        out.u32(GgufType.STRING.id());
        out.u64(1L << 40);
        assertEquals("bad.gguf: byte 61: the array tokenizer.ggml.tokens announces 1099511627776 string values, but only 0 bytes"
                + " are left in the file (each takes at least 8)", error(out.toByteArray()));

        out = new GgufWriter.Out(false);
        out.raw("GGUF".getBytes());
        out.u32(3);
        out.u64(0);
        out.u64(1);
        out.u64(-2); // key length 2^64 - 2
        out.raw(new byte[16]);
        assertEquals("bad.gguf: byte 24: expected the length of key 0, found 18446744073709551614 but only 16 bytes are left in the file",
                error(out.toByteArray()));

        out = new GgufWriter.Out(false);
        out.raw("GGUF".getBytes());
        out.u32(3);
        out.u64(0);
        out.u64(1_000_000_000_000L);
        assertEquals("bad.gguf: byte 16: the header announces 1000000000000 metadata key/value pairs, but only 0 bytes follow"
                + " (each pair takes at least 13)", error(out.toByteArray()));

        assertEquals("bad.gguf: byte 8: the header announces 9000000000 tensors, but only 0 bytes follow the metadata (each"
                + " tensor description takes at least 33)", error(new GgufWriter().tensorCount(9_000_000_000L).bytes()));
    }

    @Test
    void refusesWhatGgmlRefuses() throws IOException {
        assertEquals("bad.gguf: byte 41: key 1 (k) is a duplicate", error(new GgufWriter().u32("k", 1).u32("k", 2).bytes()));
        assertEquals("bad.gguf: byte 24: key 0 is empty", error(new GgufWriter().u32("", 1).bytes()));
        assertEquals("bad.gguf: byte 33: expected the type of k (0 to 12), found 13", error(new GgufWriter().putRaw("k", 13, 0).bytes()));
        assertEquals("bad.gguf: byte 37: k is an array of arrays, which GGUF readers (ggml's gguf.cpp) refuse",
                error(new GgufWriter().put("k", GgufType.ARRAY, new GgufWriter.Arr(GgufType.ARRAY, List.of())).bytes()));
    }

    @Test
    void namesMissingFilesAndDirectories() {
        assertEquals("nope.gguf: no such file", assertThrows(TokenizerFormatException.class,
                () -> GgufReader.read(dir.resolve("nope.gguf"), "nope.gguf")).getMessage());
        assertEquals("d: is a directory, not a GGUF file", assertThrows(TokenizerFormatException.class,
                () -> GgufReader.read(dir, "d")).getMessage());
    }
}
