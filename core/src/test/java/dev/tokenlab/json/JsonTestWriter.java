package dev.tokenlab.json;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Writes a tree back to JSON, for the round-trip tests (the reader itself writes nothing). With a
 * {@link Random} it varies everything JSON lets vary: whitespace between tokens (space, tab, CR,
 * LF), escapes ({@code \n} or {@code \u000A}, hex digits in either case, {@code \/}, any character as
 * a {@code \}{@code u} escape, supplementary characters as escaped surrogate pairs or raw UTF-8).
 * Recursive: for trees of ordinary depth.
 */
public final class JsonTestWriter {
    private static final String[] WHITESPACE = {"", "", "", " ", "  ", "\n", "\t", "\r\n", "\n    ", " \t\r\n "};

    private final Random random;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private JsonTestWriter(Random random) {
        this.random = random;
    }

    /** Compact JSON with only the escapes JSON requires (short forms where there are some). */
    public static byte[] write(JsonValue value) {
        JsonTestWriter w = new JsonTestWriter(null);
        w.value(value);
        return w.out.toByteArray();
    }

    /** JSON with random whitespace and random escapes, the same tree for every {@code random}. */
    public static byte[] write(JsonValue value, Random random) {
        JsonTestWriter w = new JsonTestWriter(random);
        w.space();
        w.value(value);
        w.space();
        return w.out.toByteArray();
    }

    private void value(JsonValue value) {
        if (value instanceof JsonObject o) {
            ascii("{");
            space();
            boolean first = true;
            for (String key : o.keys()) {
                if (!first) {
                    ascii(",");
                    space();
                }
                first = false;
                string(key);
                space();
                ascii(":");
                space();
                value(o.get(key).orElseThrow());
                space();
            }
            ascii("}");
        } else if (value instanceof JsonArray a) {
            ascii("[");
            space();
            boolean first = true;
            for (JsonValue v : a.values()) {
                if (!first) {
                    ascii(",");
                    space();
                }
                first = false;
                value(v);
                space();
            }
            ascii("]");
        } else if (value instanceof JsonString s) {
            string(s.value());
        } else if (value instanceof JsonNumber n) {
            ascii(n.text());
        } else if (value instanceof JsonBoolean b) {
            ascii(b.value() ? "true" : "false");
        } else {
            ascii("null");
        }
    }

    private void string(String s) {
        ascii("\"");
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            String shortEscape = switch (cp) {
                case '"' -> "\\\"";
                case '\\' -> "\\\\";
                case '\b' -> "\\b";
                case '\f' -> "\\f";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\t' -> "\\t";
                case '/' -> random != null && random.nextInt(4) == 0 ? "\\/" : null;
                default -> null;
            };
            boolean mustEscape = cp < 0x20 || cp == '"' || cp == '\\';
            if (random != null && random.nextInt(mustEscape ? 3 : 8) == 0) {
                if (cp >= 0x10000) {
                    hex(Character.highSurrogate(cp));
                    hex(Character.lowSurrogate(cp));
                } else {
                    hex(cp);
                }
            } else if (shortEscape != null) {
                ascii(shortEscape);
            } else if (cp < 0x20) {
                hex(cp);
            } else {
                out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
            }
        }
        ascii("\"");
    }

    private void hex(int unit) {
        String h = String.format("\\u%04x", unit);
        ascii(random != null && random.nextBoolean() ? h.toUpperCase().replace("\\U", "\\u") : h);
    }

    private void space() {
        if (random != null) {
            ascii(WHITESPACE[random.nextInt(WHITESPACE.length)]);
        }
    }

    private void ascii(String s) {
        out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
    }
}
