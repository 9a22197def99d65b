package dev.tokenlab.gguf;

import dev.tokenlab.TokenizerFormatException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

/**
 * The character data llama.cpp's tokenizers classify text with (its {@code src/unicode-data.cpp}: Unicode 15.1),
 * so that GGUF tokenizers split, lowercase and strip accents exactly as llama.cpp does, whatever Unicode version
 * the JVM or core's other tables know: llama.cpp's category flag of every code point (its mapping of the General
 * Categories onto {@code \p{N}}, {@code \p{L}}, {@code \p{Z}}, {@code \p{M}}, {@code \p{P}}, {@code \p{S}},
 * {@code \p{C}} and "undefined"), its whitespace set (White_Space), its simple lowercase mappings, and the first
 * code point of each character's NFD (what llama.cpp's {@code unicode_cpts_normalize_nfd} maps a character to).
 *
 * <p>Data: {@code llamacpp-unicode-15.1.bin.gz} (8 KB), written by {@code tools/GenerateLlamaCppUnicodeTable.java}
 * from the npm package {@code @unicode/unicode-15.1.0}; it equals llama.cpp's own tables for every code point
 * (checked when it was generated). Read on first use. Immutable and thread-safe.
 */
final class LlamaUnicode {
    static final int UNDEFINED = 0;
    static final int NUMBER = 1;
    static final int LETTER = 2;
    static final int SEPARATOR = 3;
    static final int ACCENT_MARK = 4;
    static final int PUNCTUATION = 5;
    static final int SYMBOL = 6;
    static final int CONTROL = 7;

    private static final String RESOURCE = "llamacpp-unicode-15.1.bin.gz";
    private static final int BLOCKS = 0x1100;

    private static volatile LlamaUnicode instance;

    private final short[] index = new short[BLOCKS];
    private final byte[][] blocks;
    private final int[][] lower = new int[BLOCKS][];
    private final int[][] nfd = new int[BLOCKS][];

    private LlamaUnicode(byte[] data) {
        Reader in = new Reader(data);
        in.expect("TLLCU1");
        int n = in.u8();
        String version = in.ascii(n);
        if (!version.equals("15.1")) {
            throw in.error("Unicode " + version + ", expected 15.1");
        }
        int count = in.u16();
        if (count == 0) {
            throw in.error("no blocks");
        }
        for (int i = 0; i < BLOCKS; i++) {
            int b = in.u16();
            if (b >= count) {
                throw in.error("block index " + b + " of " + count);
            }
            index[i] = (short) b;
        }
        blocks = new byte[count][];
        for (int i = 0; i < count; i++) {
            blocks[i] = in.bytes(256);
        }
        readMap(in, lower, true);
        readMap(in, nfd, false);
        in.expect("END");
        if (in.pos != data.length) {
            throw in.error("bytes after the end of the table");
        }
    }

    private static void readMap(Reader in, int[][] target, boolean zigzag) {
        int n = in.u16();
        int cp = 0;
        for (int i = 0; i < n; i++) {
            int next = cp + in.varint();
            if ((i > 0 && next <= cp) || next > Character.MAX_CODE_POINT) {
                throw in.error("code points out of order");
            }
            cp = next;
            int v = in.varint();
            int mapped = zigzag ? cp + ((v >>> 1) ^ -(v & 1)) : v;
            if (mapped < 0 || mapped > Character.MAX_CODE_POINT) {
                throw in.error("bad mapping of U+" + Integer.toHexString(cp));
            }
            int[] block = target[cp >>> 8];
            if (block == null) {
                block = target[cp >>> 8] = new int[256];
                java.util.Arrays.fill(block, -1);
            }
            block[cp & 0xFF] = mapped;
        }
    }

    /** The table (read on first call). */
    static LlamaUnicode get() {
        LlamaUnicode t = instance;
        if (t == null) {
            synchronized (LlamaUnicode.class) {
                t = instance;
                if (t == null) {
                    instance = t = load();
                }
            }
        }
        return t;
    }

    private static LlamaUnicode load() {
        try (InputStream raw = LlamaUnicode.class.getResourceAsStream(RESOURCE)) {
            if (raw == null) {
                throw new TokenizerFormatException(RESOURCE, "bundled Unicode table is missing from the jar");
            }
            byte[] gz = raw.readAllBytes();
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
                return new LlamaUnicode(in.readNBytes(1 << 20));
            }
        } catch (IOException e) {
            throw new TokenizerFormatException(RESOURCE, "cannot read the bundled Unicode table: " + e.getMessage(), e);
        }
    }

    /** llama.cpp's category of a code point ({@link #UNDEFINED} … {@link #CONTROL}); undefined outside the code space. */
    int category(int cp) {
        if (cp < 0 || cp > Character.MAX_CODE_POINT) {
            return UNDEFINED;
        }
        return blocks[index[cp >>> 8]][cp & 0xFF] & 7;
    }

    /** Whether llama.cpp counts the code point as whitespace (White_Space). */
    boolean isWhitespace(int cp) {
        return cp >= 0 && cp <= Character.MAX_CODE_POINT && (blocks[index[cp >>> 8]][cp & 0xFF] & 8) != 0;
    }

    /** llama.cpp's {@code unicode_tolower}: the simple lowercase, or the code point itself. */
    int toLower(int cp) {
        return mapped(lower, cp);
    }

    /** The first code point of the NFD of {@code cp}, as llama.cpp's {@code unicode_cpts_normalize_nfd} maps it. */
    int nfdFirst(int cp) {
        return mapped(nfd, cp);
    }

    private static int mapped(int[][] table, int cp) {
        if (cp < 0 || cp > Character.MAX_CODE_POINT) {
            return cp;
        }
        int[] block = table[cp >>> 8];
        if (block == null) {
            return cp;
        }
        int m = block[cp & 0xFF];
        return m < 0 ? cp : m;
    }

    private static final class Reader {
        final byte[] data;
        int pos;

        Reader(byte[] data) {
            this.data = data;
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

        int varint() {
            long v = 0;
            for (int shift = 0; shift < 35; shift += 7) {
                int b = u8();
                v |= (long) (b & 0x7F) << shift;
                if (b < 0x80) {
                    if (v > Integer.MAX_VALUE) {
                        throw error("value too large");
                    }
                    return (int) v;
                }
            }
            throw error("varint too long");
        }

        byte[] bytes(int n) {
            if (pos + n > data.length) {
                throw error("truncated");
            }
            byte[] b = java.util.Arrays.copyOfRange(data, pos, pos + n);
            pos += n;
            return b;
        }

        String ascii(int n) {
            return new String(bytes(n), StandardCharsets.US_ASCII);
        }

        void expect(String marker) {
            if (!ascii(marker.length()).equals(marker)) {
                throw error("expected \"" + marker + "\"");
            }
        }

        TokenizerFormatException error(String message) {
            return new TokenizerFormatException(RESOURCE, "byte " + pos + ": " + message);
        }
    }
}
