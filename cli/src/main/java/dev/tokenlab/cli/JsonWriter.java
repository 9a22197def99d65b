package dev.tokenlab.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A small streaming JSON writer for the {@code --format json} outputs: compact, keys in the order
 * written, strings escaped per RFC 8259. Non-ASCII text is written as is (the output is UTF-8);
 * control characters, U+2028/U+2029 and lone surrogates are written as {@code \\uXXXX}, so the output
 * is valid JSON, valid UTF-8 and safe inside JavaScript.
 *
 * <pre>{@code
 * StringBuilder sb = new StringBuilder();
 * new JsonWriter(sb).beginObject().name("ids").beginArray().value(9906).value(1917).endArray().endObject();
 * // {"ids":[9906,1917]}
 * }</pre>
 */
final class JsonWriter {
    private final Appendable out;
    /** One entry per open object or array: true until its first member is written. */
    private final Deque<Boolean> first = new ArrayDeque<>();
    /** True right after {@link #name}: the next value needs no comma. */
    private boolean afterName;

    JsonWriter(Appendable out) {
        this.out = out;
    }

    JsonWriter beginObject() {
        separate();
        write("{");
        first.push(true);
        return this;
    }

    JsonWriter endObject() {
        first.pop();
        write("}");
        return this;
    }

    JsonWriter beginArray() {
        separate();
        write("[");
        first.push(true);
        return this;
    }

    JsonWriter endArray() {
        first.pop();
        write("]");
        return this;
    }

    JsonWriter name(String name) {
        separate();
        writeString(name);
        write(":");
        afterName = true;
        return this;
    }

    JsonWriter value(String s) {
        separate();
        if (s == null) {
            write("null");
        } else {
            writeString(s);
        }
        return this;
    }

    JsonWriter value(long n) {
        separate();
        write(Long.toString(n));
        return this;
    }

    JsonWriter value(boolean b) {
        separate();
        write(b ? "true" : "false");
        return this;
    }

    /** A number, or {@code null} when absent. */
    JsonWriter value(Integer n) {
        separate();
        write(n == null ? "null" : n.toString());
        return this;
    }

    /**
     * A decimal number rounded to 4 places without trailing zeros ({@code 4.8}, {@code 1.2346}), or
     * {@code null} when absent or not finite.
     */
    JsonWriter value(Double d) {
        separate();
        write(d == null || d.isNaN() || d.isInfinite() ? "null" : decimal(d));
        return this;
    }

    /**
     * A number exactly as stored, for model scores and sums that a reader may want to recompute: the
     * shortest decimal that reads back as the same {@code float} when {@code d} is one (a piece score,
     * {@code -7.1302285}), else as the same {@code double}; plain notation ({@code -1000000000.0}, not
     * {@code -1.0E9}); {@code null} when not finite.
     */
    JsonWriter exact(double d) {
        separate();
        write(Double.isNaN(d) || Double.isInfinite(d) ? "null" : exactDecimal(d));
        return this;
    }

    /** The text of {@link #exact(double)}. */
    static String exactDecimal(double d) {
        String shortest = (double) (float) d == d ? Float.toString((float) d) : Double.toString(d);
        String plain = new java.math.BigDecimal(shortest).toPlainString();
        return plain.contains(".") ? plain : plain + ".0";
    }

    /** {@code d} rounded to 4 decimal places, plain notation, no trailing zeros. */
    static String decimal(double d) {
        java.math.BigDecimal b = java.math.BigDecimal.valueOf(d).setScale(4, java.math.RoundingMode.HALF_UP).stripTrailingZeros();
        return b.scale() < 0 ? b.setScale(0).toPlainString() : b.toPlainString();
    }

    /** {@code s} as a JSON string literal, quotes included. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2);
        new JsonWriter(sb).writeString(s);
        return sb.toString();
    }

    private void separate() {
        if (afterName) {
            afterName = false;
            return;
        }
        if (!first.isEmpty()) {
            if (first.peek()) {
                first.pop();
                first.push(false);
            } else {
                write(",");
            }
        }
    }

    private void writeString(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20 || c == 0x7F || c == '\u2028' || c == '\u2029') {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                        sb.append(c).append(s.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        sb.append(String.format("\\u%04x", (int) c)); // lone: not encodable as UTF-8
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        write(sb.append('"'));
    }

    private void write(CharSequence s) {
        try {
            out.append(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
