package dev.tokenlab.json;

/**
 * How the messages of {@link JsonException} show positions, input bytes, strings and values: always
 * on one line, always short (a long string or number is cut), whatever the input holds.
 */
final class Text {
    /** Longest piece of input text a message quotes before cutting it with "…". */
    static final int MAX_QUOTED = 40;

    private Text() {
    }

    /**
     * {@code line L, column C (byte B)} of byte {@code offset}: lines are counted by {@code \n}, columns
     * in characters (code points) from 1; the byte offset counts from 0. Computed only for an error,
     * in one pass over the bytes before it.
     */
    static String position(byte[] json, int offset) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (json[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        int column = 1;
        for (int i = lineStart; i < offset; i++) {
            if ((json[i] & 0xC0) != 0x80) {
                column++;
            }
        }
        return "line " + line + ", column " + column + " (byte " + offset + ")";
    }

    /** {@code line L, column C} of byte {@code offset}, for pointing back to an earlier place. */
    static String lineAndColumn(byte[] json, int offset) {
        String p = position(json, offset);
        return p.substring(0, p.indexOf(" (byte "));
    }

    /**
     * What the input holds at {@code offset}: {@code the end of the input}, {@code ']'}, {@code 'é' (U+00E9)},
     * {@code the control character U+000A}, {@code the byte 0xFF (not UTF-8)}; a word of letters is
     * shown whole ({@code 'NaN'}), up to {@link #MAX_QUOTED} characters.
     */
    static String found(byte[] json, int offset) {
        return found(json, offset, true);
    }

    /** As {@link #found(byte[], int)}, but one character only when {@code words} is false (inside a hex escape, say). */
    static String found(byte[] json, int offset, boolean words) {
        if (offset >= json.length) {
            return "the end of the input";
        }
        int c = json[offset] & 0xFF;
        if (words && isLetter(c)) {
            int end = offset;
            while (end < json.length && end - offset <= MAX_QUOTED && (isLetter(json[end] & 0xFF) || isDigit(json[end] & 0xFF))) {
                end++;
            }
            String word = new String(json, offset, Math.min(end - offset, MAX_QUOTED), java.nio.charset.StandardCharsets.US_ASCII);
            return "'" + word + (end - offset > MAX_QUOTED ? "…" : "") + "'";
        }
        if (c < 0x20 || c == 0x7F) {
            return "the control character " + codePoint(c);
        }
        if (c == '\'') {
            return "\"'\"";
        }
        if (c < 0x80) {
            return "'" + (char) c + "'";
        }
        int cp = codePointAt(json, offset);
        if (cp < 0) {
            return "the byte " + hexByte(c) + " (not UTF-8)";
        }
        if (Character.getType(cp) == Character.FORMAT || Character.isWhitespace(cp) || Character.isISOControl(cp)
                || cp == 0x2028 || cp == 0x2029 || cp == 0x85 || cp == 0xA0) {
            return "the character " + codePoint(cp);
        }
        return "'" + new String(Character.toChars(cp)) + "' (" + codePoint(cp) + ")";
    }

    /** {@code U+00E9}. */
    static String codePoint(int cp) {
        return String.format("U+%04X", cp);
    }

    /** {@code 0xFF}. */
    static String hexByte(int b) {
        return String.format("0x%02X", b & 0xFF);
    }

    /** The code point of the well-formed UTF-8 sequence at {@code offset}, or -1 when there is none. */
    static int codePointAt(byte[] b, int offset) {
        int n = Utf8Check.sequenceLength(b, offset, b.length);
        if (n <= 0) {
            return -1;
        }
        int b0 = b[offset] & 0xFF;
        if (n == 1) {
            return b0;
        }
        int cp = b0 & (0x7F >> n);
        for (int k = 1; k < n; k++) {
            cp = (cp << 6) | (b[offset + k] & 0x3F);
        }
        return cp;
    }

    /**
     * {@code s} as a JSON string literal for a message: quoted, escaped so it stays on one line
     * (control characters, line and paragraph separators, lone surrogates as {@code \}{@code uXXXX}),
     * cut after {@link #MAX_QUOTED} characters with "…".
     */
    static String quote(String s) {
        StringBuilder out = new StringBuilder(Math.min(s.length(), MAX_QUOTED) + 8).append('"');
        int n = Math.min(s.length(), MAX_QUOTED);
        if (n < s.length() && Character.isHighSurrogate(s.charAt(n - 1))) {
            n--; // do not cut a surrogate pair in two
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7F || c == 0x85 || c == 0x2028 || c == 0x2029 || Character.isSurrogate(c)
                            && !(Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1)))
                            && !(Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(s.charAt(i - 1)))) {
                        out.append(String.format("\\u%04X", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        if (s.length() > n) {
            out.append('…');
        }
        return out.append('"').toString();
    }

    /** A number's literal for a message, cut after {@link #MAX_QUOTED} characters with "…". */
    static String cut(String literal) {
        return literal.length() <= MAX_QUOTED ? literal : literal.substring(0, MAX_QUOTED) + "…";
    }

    /**
     * What a value is, as the "found" part of a message: {@code an object}, {@code an array},
     * {@code a string}, {@code the number 1.5}, {@code true}, {@code false}, {@code null}.
     */
    static String describe(JsonValue value) {
        if (value instanceof JsonObject) {
            return "an object";
        }
        if (value instanceof JsonArray) {
            return "an array";
        }
        if (value instanceof JsonString) {
            return "a string";
        }
        if (value instanceof JsonNumber n) {
            return "the number " + cut(n.text());
        }
        if (value instanceof JsonBoolean b) {
            return String.valueOf(b.value());
        }
        return "null";
    }

    static boolean isLetter(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }
}
