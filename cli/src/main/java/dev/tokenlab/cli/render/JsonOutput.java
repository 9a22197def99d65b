package dev.tokenlab.cli.render;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.json.JsonWriteFeature;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * The {@code --format json} outputs: Jackson's {@link JsonGenerator} (jackson-core, already the chat
 * reader's parser), set up once for every command, behind a fluent face that adds the CLI's number
 * forms and turns {@link IOException} into {@link UncheckedIOException}. Compact, keys in the order
 * written, one value per generator; the writer is flushed when the outermost object or array ends.
 *
 * <p>Strings: RFC 8259 escapes ({@code \"}, {@code \\}, {@code \n} …), other control characters, DEL,
 * U+2028 and U+2029 as {@code \\u} with lowercase hex (so the output is also safe inside JavaScript);
 * all other characters, non-ASCII and non-BMP included, as they are (the output is UTF-8). A lone
 * surrogate, which has no UTF-8 form, is written as its {@code \\u} escape: Jackson's writer would pass
 * it through and the UTF-8 encoder would turn it into {@code ?}.
 *
 * <pre>{@code
 * StringWriter sb = new StringWriter();
 * new JsonOutput(sb).beginObject().name("ids").beginArray().value(9906).value(1917).endArray().endObject();
 * // {"ids":[9906,1917]}
 * }</pre>
 */
public final class JsonOutput {
    private static final JsonFactory FACTORY = new JsonFactoryBuilder()
            .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .characterEscapes(new Escapes())
            .build();

    private final JsonGenerator gen;
    /** Open objects and arrays; at 0 again the value is complete and flushed. */
    private int depth;

    public JsonOutput(Writer out) {
        try {
            this.gen = FACTORY.createGenerator(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What Jackson escapes beyond its standard set: DEL, U+2028 and U+2029. */
    private static final class Escapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private static final SerializableString LINE_SEPARATOR = new SerializedString("\\u2028");
        private static final SerializableString PARAGRAPH_SEPARATOR = new SerializedString("\\u2029");
        private final int[] ascii = standardAsciiEscapesForJSON();

        Escapes() {
            ascii[0x7F] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return ch == '\u2028' ? LINE_SEPARATOR : ch == '\u2029' ? PARAGRAPH_SEPARATOR : null;
        }
    }

    public JsonOutput beginObject() {
        return write(() -> gen.writeStartObject(), +1);
    }

    public JsonOutput endObject() {
        return write(() -> gen.writeEndObject(), -1);
    }

    public JsonOutput beginArray() {
        return write(() -> gen.writeStartArray(), +1);
    }

    public JsonOutput endArray() {
        return write(() -> gen.writeEndArray(), -1);
    }

    public JsonOutput name(String name) {
        return write(() -> gen.writeFieldName(name), 0);
    }

    /** A string, or {@code null}. */
    public JsonOutput value(String s) {
        return write(() -> {
            if (s == null) {
                gen.writeNull();
            } else {
                writeString(gen, s);
            }
        }, 0);
    }

    public JsonOutput value(long n) {
        return write(() -> gen.writeNumber(n), 0);
    }

    public JsonOutput value(boolean b) {
        return write(() -> gen.writeBoolean(b), 0);
    }

    /** A number, or {@code null} when absent. */
    public JsonOutput value(Integer n) {
        return write(() -> {
            if (n == null) {
                gen.writeNull();
            } else {
                gen.writeNumber(n.intValue());
            }
        }, 0);
    }

    /** A number, or {@code null} when absent. */
    public JsonOutput value(Long n) {
        return write(() -> {
            if (n == null) {
                gen.writeNull();
            } else {
                gen.writeNumber(n.longValue());
            }
        }, 0);
    }

    /**
     * A decimal number rounded to 4 places without trailing zeros ({@code 4.8}, {@code 1.2346}), or
     * {@code null} when absent or not finite (see {@link Numbers#decimal}).
     */
    public JsonOutput value(Double d) {
        return write(() -> {
            if (d == null || d.isNaN() || d.isInfinite()) {
                gen.writeNull();
            } else {
                gen.writeNumber(Numbers.decimal(d));
            }
        }, 0);
    }

    /**
     * A number exactly as stored, for model scores and sums a reader may recompute (see
     * {@link Numbers#exact}); {@code null} when not finite.
     */
    public JsonOutput exact(double d) {
        return write(() -> {
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                gen.writeNull();
            } else {
                gen.writeNumber(Numbers.exact(d));
            }
        }, 0);
    }

    /** {@code s} as a JSON string literal, quotes included, escaped as every output is. */
    public static String quote(String s) {
        StringWriter sb = new StringWriter(s.length() + 2);
        new JsonOutput(sb).value(s).flush();
        return sb.toString();
    }

    /** Writes what is buffered; done by itself when the outermost object or array ends. */
    public void flush() {
        write(gen::flush, 0);
    }

    /** One generator call. */
    private interface Step {
        void run() throws IOException;
    }

    private JsonOutput write(Step step, int nesting) {
        try {
            step.run();
            depth += nesting;
            if (nesting < 0 && depth == 0) {
                gen.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Jackson's string writing, except for strings with a lone surrogate (see the class comment). */
    private static void writeString(JsonGenerator gen, String s) throws IOException {
        int lone = firstLoneSurrogate(s, 0);
        if (lone < 0) {
            gen.writeString(s);
            return;
        }
        StringBuilder literal = new StringBuilder(s.length() + 16).append('"');
        int start = 0;
        for (; lone >= 0; lone = firstLoneSurrogate(s, start)) {
            literal.append(escaped(s.substring(start, lone))).append(String.format("\\u%04x", (int) s.charAt(lone)));
            start = lone + 1;
        }
        literal.append(escaped(s.substring(start))).append('"');
        gen.writeRawValue(literal.toString());
    }

    /** {@code part} (no lone surrogate) escaped by Jackson, without the quotes. */
    private static String escaped(String part) throws IOException {
        if (part.isEmpty()) {
            return part;
        }
        StringWriter sb = new StringWriter(part.length() + 2);
        try (JsonGenerator g = FACTORY.createGenerator(sb)) {
            g.writeString(part);
        }
        return sb.getBuffer().substring(1, sb.getBuffer().length() - 1);
    }

    /** Index of the first surrogate at or after {@code from} that is not half of a pair, or -1. */
    private static int firstLoneSurrogate(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }
}
