package dev.tokenlab.gguf;

import dev.tokenlab.TokenizerFormatException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the header and the metadata of a GGUF file (versions 2 and 3, little-endian), and nothing after them:
 * the tensor descriptions and the tensor data — gigabytes in a real model — are never read or mapped, so a
 * 40 GB model opens as fast as a 5 MB vocabulary-only file.
 *
 * <p>The file is read through a channel in bounded chunks (64 KiB). Every count and length in the file is
 * checked against the bytes left before anything is allocated for it: a string of {@code n} bytes needs
 * {@code n} bytes left, an array of {@code n} {@code uint32} values {@code 4n}, an array of {@code n} strings
 * {@code 8n} (each has an 8-byte length), so a corrupt or hostile length fails in one line instead of asking
 * for gigabytes. What ggml's own reader ({@code gguf.cpp}) refuses is refused too: version 1, a big-endian
 * file, an empty or duplicate key, an unknown type, an array of arrays.
 *
 * <p>Errors are {@link TokenizerFormatException}s of one line: the file, the byte offset and what was
 * expected there, for example {@code model.gguf: byte 24: expected the length of key 0 (8 bytes), but the
 * file ends at byte 30}.
 *
 * <pre>{@code
 * GgufFile f = GgufReader.read(Path.of("llama3.gguf"));
 * f.string("tokenizer.ggml.model");                        // Optional[gpt2]
 * f.array("tokenizer.ggml.tokens").orElseThrow().length(); // 128256
 * }</pre>
 */
public final class GgufReader {
    /** The first four bytes of every GGUF file. */
    public static final byte[] MAGIC = {'G', 'G', 'U', 'F'};

    private static final int CHUNK = 1 << 16;
    /** The fewest bytes one key/value pair takes: key length, type, a one-byte value. */
    private static final int MIN_KV_BYTES = 8 + 4 + 1;
    /** The fewest bytes one tensor description takes: name length and one byte, dimension count, one dimension, type, offset. */
    private static final int MIN_TENSOR_INFO_BYTES = 8 + 1 + 4 + 8 + 4 + 8;

    private final SeekableByteChannel channel;
    private final String location;
    private final long size;
    private final ByteBuffer buffer = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
    /** File offset of {@code buffer}'s index 0. */
    private long bufferStart;

    private GgufReader(SeekableByteChannel channel, String location) throws IOException {
        this.channel = channel;
        this.location = location;
        this.size = channel.size();
        channel.position(0);
        buffer.limit(0);
    }

    /** Reads the file at {@code path}, named by its path in messages. */
    public static GgufFile read(Path path) {
        return read(path, path.toString());
    }

    /**
     * Reads the header and metadata of the GGUF file at {@code path}.
     *
     * @param location how messages name the file
     * @throws TokenizerFormatException if it is missing, unreadable, not GGUF, or corrupt
     */
    public static GgufFile read(Path path, String location) {
        if (Files.isDirectory(path)) {
            throw new TokenizerFormatException(location, "is a directory, not a GGUF file");
        }
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            return read(ch, location);
        } catch (NoSuchFileException e) {
            throw new TokenizerFormatException(location, "no such file");
        } catch (AccessDeniedException e) {
            throw new TokenizerFormatException(location, "permission denied");
        } catch (IOException e) {
            throw new TokenizerFormatException(location, "cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * Reads the header and metadata from {@code channel}, from its start; the channel is not closed.
     *
     * @throws TokenizerFormatException if it is not GGUF or is corrupt
     * @throws IOException              if reading fails
     */
    public static GgufFile read(SeekableByteChannel channel, String location) throws IOException {
        return new GgufReader(channel, location).file();
    }

    /** Whether {@code head} starts with the GGUF magic. */
    public static boolean hasMagic(byte[] head) {
        if (head.length < MAGIC.length) {
            return false;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (head[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    private GgufFile file() throws IOException {
        need(4, "the magic \"GGUF\"");
        byte[] magic = new byte[4];
        buffer.get(magic);
        if (!hasMagic(magic)) {
            throw error(0, "expected the magic \"GGUF\", found " + quote(magic) + "; not a GGUF file");
        }
        long versionAt = position();
        int version = u32("the version");
        if (version != 2 && version != 3) {
            int swapped = Integer.reverseBytes(version);
            if ((version & 0xFFFF) == 0 && swapped >= 1 && swapped <= 3) {
                throw error(versionAt, "a big-endian GGUF file (version " + swapped + " byte-swapped); only little-endian"
                        + " GGUF files are supported, as llama.cpp on x86 and ARM reads them");
            }
            throw error(versionAt, "expected GGUF version 2 or 3, found " + Integer.toUnsignedString(version)
                    + (version == 1 ? " (version 1 is no longer read by llama.cpp)" : ""));
        }
        long countAt = position();
        long tensorCount = u64("the tensor count");
        if (tensorCount < 0) {
            throw error(countAt, "expected a tensor count, found " + Long.toUnsignedString(tensorCount));
        }
        long kvAt = position();
        long kvCount = u64("the metadata key/value count");
        if (kvCount < 0 || kvCount > (size - position()) / MIN_KV_BYTES) {
            throw error(kvAt, "the header announces " + Long.toUnsignedString(kvCount) + " metadata key/value pairs, but only "
                    + (size - position()) + " bytes follow (each pair takes at least " + MIN_KV_BYTES + ")");
        }
        Map<String, GgufValue> metadata = new LinkedHashMap<>();
        for (long i = 0; i < kvCount; i++) {
            long keyAt = position();
            String key = new String(bytes("the length of key " + i, "key " + i), StandardCharsets.UTF_8);
            if (key.isEmpty()) {
                throw error(keyAt, "key " + i + " is empty");
            }
            if (metadata.containsKey(key)) {
                throw error(keyAt, "key " + i + " (" + key + ") is a duplicate");
            }
            GgufType type = type("the type of " + key);
            Object value = type == GgufType.ARRAY ? array(key) : scalar(type, key);
            metadata.put(key, new GgufValue(type, value));
        }
        long end = position();
        if (tensorCount > (size - end) / MIN_TENSOR_INFO_BYTES) {
            throw error(countAt, "the header announces " + tensorCount + " tensors, but only " + (size - end)
                    + " bytes follow the metadata (each tensor description takes at least " + MIN_TENSOR_INFO_BYTES + ")");
        }
        return new GgufFile(location, version, tensorCount, metadata, end, size);
    }

    private GgufType type(String what) throws IOException {
        long at = position();
        long id = Integer.toUnsignedLong(u32(what));
        GgufType type = GgufType.of(id);
        if (type == null) {
            throw error(at, "expected " + what + " (0 to 12), found " + id);
        }
        return type;
    }

    private Object scalar(GgufType type, String key) throws IOException {
        String what = "the " + type.label() + " value of " + key;
        return switch (type) {
            case UINT8 -> (long) (u8(what) & 0xFF);
            case INT8 -> (long) u8(what);
            case UINT16 -> (long) (u16(what) & 0xFFFF);
            case INT16 -> (long) u16(what);
            case UINT32 -> Integer.toUnsignedLong(u32(what));
            case INT32 -> (long) u32(what);
            case UINT64, INT64 -> u64(what);
            case FLOAT32 -> Float.intBitsToFloat(u32(what));
            case FLOAT64 -> Double.longBitsToDouble(u64(what));
            case BOOL -> u8(what) != 0;
            case STRING -> new String(bytes("the length of the string " + key, "the string " + key), StandardCharsets.UTF_8);
            case ARRAY -> throw new IllegalStateException();
        };
    }

    private GgufArray array(String key) throws IOException {
        long typeAt = position();
        GgufType type = type("the element type of the array " + key);
        if (type == GgufType.ARRAY) {
            throw error(typeAt, key + " is an array of arrays, which GGUF readers (ggml's gguf.cpp) refuse");
        }
        long countAt = position();
        long count = u64("the length of the array " + key);
        long left = size - position();
        long minBytes = type == GgufType.STRING ? 8 : type.size();
        if (count < 0 || count > left / minBytes || count > Integer.MAX_VALUE - 8) {
            throw error(countAt, "the array " + key + " announces " + Long.toUnsignedString(count) + " " + type.label()
                    + " values, but only " + left + " bytes are left in the file (each takes at least " + minBytes + ")");
        }
        int n = (int) count;
        String what = "element of " + key;
        Object data;
        switch (type) {
            case UINT8, INT8, BOOL -> {
                byte[] a = new byte[n];
                fill(a, what);
                data = a;
            }
            case UINT16, INT16 -> {
                short[] a = new short[n];
                for (int i = 0; i < n; i++) {
                    a[i] = u16(what);
                }
                data = a;
            }
            case UINT32, INT32, FLOAT32 -> {
                int[] a = new int[n];
                for (int i = 0; i < n; i++) {
                    a[i] = u32(what);
                }
                if (type == GgufType.FLOAT32) {
                    float[] f = new float[n];
                    for (int i = 0; i < n; i++) {
                        f[i] = Float.intBitsToFloat(a[i]);
                    }
                    data = f;
                } else {
                    data = a;
                }
            }
            case UINT64, INT64, FLOAT64 -> {
                long[] a = new long[n];
                for (int i = 0; i < n; i++) {
                    a[i] = u64(what);
                }
                if (type == GgufType.FLOAT64) {
                    double[] d = new double[n];
                    for (int i = 0; i < n; i++) {
                        d[i] = Double.longBitsToDouble(a[i]);
                    }
                    data = d;
                } else {
                    data = a;
                }
            }
            case STRING -> {
                byte[][] a = new byte[n][];
                for (int i = 0; i < n; i++) {
                    a[i] = bytes("the length of string " + i + " of " + key, "string " + i + " of " + key);
                }
                data = a;
            }
            default -> throw new IllegalStateException();
        }
        return new GgufArray(type, n, data);
    }

    /** A length-prefixed byte string (u64 length, then the bytes), checked against the bytes left. */
    private byte[] bytes(String lengthWhat, String what) throws IOException {
        long at = position();
        long n = u64(lengthWhat);
        long left = size - position();
        if (n < 0 || n > left || n > Integer.MAX_VALUE - 8) {
            throw error(at, "expected " + lengthWhat + ", found " + Long.toUnsignedString(n) + " but only " + left
                    + " bytes are left in the file");
        }
        byte[] out = new byte[(int) n];
        fill(out, what);
        return out;
    }

    private void fill(byte[] out, String what) throws IOException {
        int done = 0;
        while (done < out.length) {
            if (!buffer.hasRemaining()) {
                need(1, what);
            }
            int k = Math.min(buffer.remaining(), out.length - done);
            buffer.get(out, done, k);
            done += k;
        }
    }

    private byte u8(String what) throws IOException {
        need(1, what);
        return buffer.get();
    }

    private short u16(String what) throws IOException {
        need(2, what);
        return buffer.getShort();
    }

    private int u32(String what) throws IOException {
        need(4, what);
        return buffer.getInt();
    }

    private long u64(String what) throws IOException {
        need(8, what);
        return buffer.getLong();
    }

    private long position() {
        return bufferStart + buffer.position();
    }

    /** Makes {@code n} (at most one chunk) bytes available in the buffer, or fails naming {@code what}. */
    private void need(int n, String what) throws IOException {
        if (buffer.remaining() >= n) {
            return;
        }
        long at = position();
        if (size - at < n) {
            throw error(at, "expected " + what + " (" + n + " byte" + (n == 1 ? "" : "s") + "), but the file ends at byte " + size);
        }
        bufferStart = at;
        buffer.compact();
        while (buffer.position() < n) {
            if (channel.read(buffer) < 0) {
                throw error(at, "expected " + what + ", but the file ended while reading it");
            }
        }
        buffer.flip();
    }

    private TokenizerFormatException error(long at, String message) {
        return new TokenizerFormatException(location, "byte " + at + ": " + message);
    }

    private static String quote(byte[] bytes) {
        StringBuilder sb = new StringBuilder("\"");
        for (byte b : bytes) {
            int c = b & 0xFF;
            if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
                sb.append((char) c);
            } else {
                sb.append(String.format("\\x%02X", c));
            }
        }
        return sb.append('"').toString();
    }
}
