package dev.tokenlab.gguf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes GGUF files for tests: any version, any key/value of any type (arrays included, nested ones too, which
 * readers must refuse), a tensor count, and optionally a sparse "tensor region" of any size after the metadata
 * (a file whose length is set with {@link RandomAccessFile#setLength}, so a multi-gigabyte model costs no disk).
 * Values are written exactly as given: a test can write a corrupt length or an unknown type on purpose.
 */
public final class GgufWriter {
    /** An array value: element type and elements (Java forms as for scalars, or nested {@code Arr}). */
    public record Arr(GgufType elementType, List<?> elements) {
    }

    private record Entry(String key, int type, Object value) {
    }

    private int version = 3;
    private long tensorCount;
    private final List<Entry> entries = new ArrayList<>();
    private boolean bigEndian;

    public GgufWriter version(int v) {
        version = v;
        return this;
    }

    public GgufWriter tensorCount(long n) {
        tensorCount = n;
        return this;
    }

    public GgufWriter bigEndian() {
        bigEndian = true;
        return this;
    }

    /** A key/value pair; {@code value}: a Number for integer and float types, Boolean, String, or {@link Arr}. */
    public GgufWriter put(String key, GgufType type, Object value) {
        entries.add(new Entry(key, type.id(), value));
        return this;
    }

    /** A key/value pair with a raw type number (to write an unknown type). */
    public GgufWriter putRaw(String key, int type, Object value) {
        entries.add(new Entry(key, type, value));
        return this;
    }

    public GgufWriter string(String key, String value) {
        return put(key, GgufType.STRING, value);
    }

    public GgufWriter u32(String key, long value) {
        return put(key, GgufType.UINT32, value);
    }

    public GgufWriter bool(String key, boolean value) {
        return put(key, GgufType.BOOL, value);
    }

    public GgufWriter strings(String key, List<String> values) {
        return put(key, GgufType.ARRAY, new Arr(GgufType.STRING, values));
    }

    public GgufWriter ints(String key, int... values) {
        List<Integer> l = new ArrayList<>();
        for (int v : values) {
            l.add(v);
        }
        return put(key, GgufType.ARRAY, new Arr(GgufType.INT32, l));
    }

    public GgufWriter floats(String key, float... values) {
        List<Float> l = new ArrayList<>();
        for (float v : values) {
            l.add(v);
        }
        return put(key, GgufType.ARRAY, new Arr(GgufType.FLOAT32, l));
    }

    public byte[] bytes() {
        Out out = new Out(bigEndian);
        out.raw("GGUF".getBytes(StandardCharsets.US_ASCII));
        out.u32(version);
        out.u64(tensorCount);
        out.u64(entries.size());
        for (Entry e : entries) {
            out.string(e.key());
            out.u32(e.type());
            GgufType t = GgufType.of(e.type());
            if (t == null) {
                out.u32(0);
            } else {
                out.value(t, e.value());
            }
        }
        return out.toByteArray();
    }

    /** Writes the file; then makes it {@code tensorBytes} longer, sparsely (a tensor region of zeros that takes no disk). */
    public Path write(Path file, long tensorBytes) throws IOException {
        byte[] b = bytes();
        Files.write(file, b);
        if (tensorBytes > 0) {
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
                raf.setLength(b.length + tensorBytes);
            }
        }
        return file;
    }

    public Path write(Path file) throws IOException {
        return write(file, 0);
    }

    /** A little-endian (or big-endian) byte sink. */
    public static final class Out {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final ByteOrder order;

        public Out(boolean bigEndian) {
            order = bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        }

        public void raw(byte[] b) {
            bytes.writeBytes(b);
        }

        public void u8(int v) {
            bytes.write(v);
        }

        public void u16(int v) {
            raw(ByteBuffer.allocate(2).order(order).putShort((short) v).array());
        }

        public void u32(long v) {
            raw(ByteBuffer.allocate(4).order(order).putInt((int) v).array());
        }

        public void u64(long v) {
            raw(ByteBuffer.allocate(8).order(order).putLong(v).array());
        }

        public void string(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            u64(b.length);
            raw(b);
        }

        public void value(GgufType t, Object v) {
            switch (t) {
                case UINT8, INT8 -> u8(((Number) v).intValue());
                case BOOL -> u8((Boolean) v ? 1 : 0);
                case UINT16, INT16 -> u16(((Number) v).intValue());
                case UINT32, INT32 -> u32(((Number) v).longValue());
                case UINT64, INT64 -> u64(((Number) v).longValue());
                case FLOAT32 -> u32(Float.floatToRawIntBits(((Number) v).floatValue()));
                case FLOAT64 -> u64(Double.doubleToRawLongBits(((Number) v).doubleValue()));
                case STRING -> string((String) v);
                case ARRAY -> {
                    Arr a = (Arr) v;
                    u32(a.elementType().id());
                    u64(a.elements().size());
                    for (Object e : a.elements()) {
                        value(a.elementType(), e);
                    }
                }
            }
        }

        public byte[] toByteArray() {
            return bytes.toByteArray();
        }
    }

    /**
     * A toy byte-level vocabulary: ids 0..255 the bytes (byte-level spellings), 256 "ab", 257 "abc", 258 "<|bos|>"
     * (CONTROL), 259 "xy" and 260 "yzw" (USER_DEFINED); merges "a b", "ab c" (and "a b" again); BOS 258, added;
     * architecture llama with a context length of 4096; two chat templates.
     */
    public static GgufWriter toyByteLevel(String pre) {
        List<String> tokens = new ArrayList<>();
        List<Integer> types = new ArrayList<>();
        for (int b = 0; b < 256; b++) {
            tokens.add(String.valueOf(dev.tokenlab.hf.pipeline.ByteLevelAlphabet.charOf(b)));
            types.add(1);
        }
        tokens.addAll(List.of("ab", "abc", "<|bos|>", "xy", "yzw"));
        types.addAll(List.of(1, 1, 3, 4, 4));
        GgufWriter w = new GgufWriter().string("general.architecture", "llama").u32("llama.context_length", 4096)
                .string("tokenizer.ggml.model", "gpt2").strings("tokenizer.ggml.tokens", tokens)
                .ints("tokenizer.ggml.token_type", types.stream().mapToInt(Integer::intValue).toArray())
                .strings("tokenizer.ggml.merges", List.of("a b", "ab c", "a b"))
                .u32("tokenizer.ggml.bos_token_id", 258).bool("tokenizer.ggml.add_bos_token", true)
                .string("tokenizer.chat_template", "{{ messages }}").string("tokenizer.chat_template.tool_use", "{{ tools }}");
        if (pre != null) {
            w.string("tokenizer.ggml.pre", pre);
        }
        return w;
    }
}
