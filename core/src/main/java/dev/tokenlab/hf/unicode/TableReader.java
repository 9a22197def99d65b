package dev.tokenlab.hf.unicode;

import dev.tokenlab.TokenizerFormatException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

/**
 * Reads one of the Unicode tables bundled under {@code dev/tokenlab/hf/unicode/} (written by
 * {@code tools/GenerateHfUnicodeTables.java}, whose header documents the formats), checking as it goes:
 * the magic, the Unicode version, every count and code point against its bounds, the {@code END} marker and
 * that nothing follows it. A damaged or mismatched jar therefore fails with a {@link TokenizerFormatException}
 * naming the resource and the byte offset, never with wrong tokens.
 */
final class TableReader {
    /** Largest decompressed table accepted (the biggest is about 60 KB). */
    private static final int MAX_BYTES = 1 << 20;

    private final String name;
    private final byte[] data;
    private int pos;

    private TableReader(String name, byte[] data) {
        this.name = name;
        this.data = data;
    }

    /** Opens the bundled resource {@code name} and checks its magic and Unicode version. */
    static TableReader open(String name, String magic, String version) {
        try (InputStream raw = TableReader.class.getResourceAsStream(name)) {
            if (raw == null) {
                throw new TokenizerFormatException(name, "bundled Unicode table is missing from the jar");
            }
            return parse(name, raw.readAllBytes(), magic, version);
        } catch (IOException e) {
            throw new TokenizerFormatException(name, "cannot read the bundled Unicode table", e);
        }
    }

    /** Reads gzip-compressed table bytes (tests hand in damaged copies here). */
    static TableReader parse(String name, byte[] gzipped, String magic, String version) {
        byte[] data;
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
            data = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw new TokenizerFormatException(name, "not a gzip stream: " + e.getMessage(), e);
        }
        if (data.length > MAX_BYTES) {
            throw new TokenizerFormatException(name, "larger than " + MAX_BYTES + " bytes");
        }
        TableReader r = new TableReader(name, data);
        r.expect(magic);
        String v = r.string();
        if (!v.equals(version)) {
            throw r.error("Unicode " + v + ", expected " + version);
        }
        return r;
    }

    int u8() {
        if (pos >= data.length) {
            throw error("truncated");
        }
        return data[pos++] & 0xFF;
    }

    int u16() {
        return u8() << 8 | u8();
    }

    /** An unsigned LEB128 value of at most {@code max}. */
    int varint(int max) {
        int at = pos;
        long v = 0;
        for (int shift = 0; ; shift += 7) {
            int b = u8();
            v |= (long) (b & 0x7F) << shift;
            if (v > max) {
                pos = at;
                throw error("value above " + max);
            }
            if (b < 0x80) {
                return (int) v;
            }
        }
    }

    /** A zigzag-encoded signed value in {@code [-max, max]}. */
    int zigzag(int max) {
        int z = varint(2 * max + 1);
        return (z >>> 1) ^ -(z & 1);
    }

    /** A varint code point. */
    int codePoint() {
        return varint(Character.MAX_CODE_POINT);
    }

    /** A u8-length ASCII string. */
    String string() {
        int n = u8();
        if (pos + n > data.length) {
            throw error("truncated");
        }
        String s = new String(data, pos, n, StandardCharsets.US_ASCII);
        pos += n;
        return s;
    }

    /** A block table: one byte per code point. */
    BlockTable blockTable() {
        int blocks = u16();
        if (blocks == 0) {
            throw error("no blocks");
        }
        short[] index = new short[BlockTable.BLOCKS];
        for (int i = 0; i < index.length; i++) {
            int b = u16();
            if (b >= blocks) {
                throw error("block index " + b + " of " + blocks);
            }
            index[i] = (short) b;
        }
        if (pos + blocks * 256L > data.length) {
            throw error("truncated: " + blocks + " blocks announced");
        }
        byte[][] values = new byte[blocks][];
        for (int i = 0; i < blocks; i++) {
            values[i] = java.util.Arrays.copyOfRange(data, pos, pos + 256);
            pos += 256;
        }
        return new BlockTable(index, values);
    }

    /** Mappings: u16 count, then (varint code point delta, u8 length, code points), in code point order. */
    int[][] mappings(int[] keysOut) {
        int n = keysOut.length;
        int[][] values = new int[n][];
        int previous = 0;
        for (int i = 0; i < n; i++) {
            int key = previous + varint(Character.MAX_CODE_POINT - previous);
            if (i > 0 && key <= previous) {
                throw error("code points out of order");
            }
            keysOut[i] = key;
            previous = key;
            int length = u8();
            if (length == 0) {
                throw error("empty mapping of U+" + Integer.toHexString(key));
            }
            values[i] = new int[length];
            for (int k = 0; k < length; k++) {
                values[i][k] = codePoint();
            }
        }
        return values;
    }

    /** The {@code END} marker, then the end of the data. */
    void end() {
        expect("END");
        finish();
    }

    /** The end of the data (formats without an end marker). */
    void finish() {
        if (pos != data.length) {
            throw error((data.length - pos) + " bytes after the end of the table");
        }
    }

    private void expect(String marker) {
        byte[] m = marker.getBytes(StandardCharsets.US_ASCII);
        for (byte b : m) {
            if (pos >= data.length || data[pos] != b) {
                throw error("expected \"" + marker + "\"");
            }
            pos++;
        }
    }

    TokenizerFormatException error(String message) {
        return new TokenizerFormatException(name, "byte " + pos + ": " + message);
    }
}
