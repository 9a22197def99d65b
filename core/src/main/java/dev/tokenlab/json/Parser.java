package dev.tokenlab.json;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;

/**
 * The parse behind {@link JsonReader}: one pass over the bytes with an explicit stack of open arrays
 * and objects instead of recursion, so nesting costs heap (up to the depth limit), never Java stack.
 * Not thread-safe; one per parse.
 *
 * <p>Why it is linear: every byte is looked at a bounded number of times (a string with escapes at
 * most twice); the members of an open container wait on one shared stack and are copied once, when
 * it closes; duplicate keys are found by a scan in objects of up to {@link JsonObject#SCAN_LIMIT}
 * members and by a {@link HashMap} beyond (whose tree bins hold even keys crafted to collide at
 * O(log n) a lookup). Buffers grow by doubling with what the input actually holds, never by a size
 * read from it.
 */
final class Parser {
    /** Where a value is expected, for the message when there is none. */
    private static final int TOP = 0;
    private static final int FIRST_ELEMENT = 1;
    private static final int AFTER_COMMA = 2;
    private static final int AFTER_COLON = 3;

    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};

    /** An open array or object. Frames are reused as the depth goes up and down. */
    private static final class Frame {
        boolean object;
        /** Where the container's members start on the shared stack. */
        int start;
        /** Where the container is: as {@link JsonObject} and {@link JsonArray} keep it. */
        JsonPath parent;
        String key;
        int index;
        /** The container's own path, made only when a container inside it needs it. */
        JsonPath path;
        /** Key to member index once an object has more than {@link JsonObject#SCAN_LIMIT} members. */
        HashMap<String, Integer> lookup;

        JsonPath path() {
            if (path == null) {
                path = key != null ? parent.member(key) : index >= 0 ? parent.element(index) : parent;
            }
            return path;
        }
    }

    private final byte[] in;
    private final int end;
    private final String source;
    private final int maxDepth;
    private int pos;

    private Frame[] frames = new Frame[16];
    private int depth;

    /**
     * Members of the open containers: value, key (objects) and the key's byte offset, by stack slot.
     * An object member takes its slot when its key is read; an array element when it is complete.
     */
    private JsonValue[] stackValues = new JsonValue[64];
    private String[] stackKeys = new String[64];
    private int[] stackKeyOffsets = new int[64];
    private int top;

    /** Scratch for strings with escapes. */
    private char[] chars = new char[64];

    Parser(byte[] in, String source, int maxDepth) {
        this.in = in;
        this.end = in.length;
        this.source = source;
        this.maxDepth = maxDepth;
    }

    JsonValue parse() {
        if (end >= 3 && (in[0] & 0xFF) == 0xEF && (in[1] & 0xFF) == 0xBB && (in[2] & 0xFF) == 0xBF) {
            throw error(0, "expected a JSON value, found a UTF-8 byte order mark (JSON text must not start with one)");
        }
        pos = skipWhitespace(0);
        int context = TOP;
        JsonValue v;
        next:
        while (true) {
            int p = pos;
            if (p >= end) {
                throw expectedValue(p, context);
            }
            int c = in[p];
            if (c == '"') {
                v = readString();
            } else if (c == '{') {
                open(p, true);
                p = skipWhitespace(p + 1);
                if (p < end && in[p] == '}') {
                    pos = p + 1;
                    v = closeObject();
                } else {
                    pos = p;
                    readKey(false);
                    context = AFTER_COLON;
                    continue;
                }
            } else if (c == '[') {
                open(p, false);
                p = skipWhitespace(p + 1);
                if (p < end && in[p] == ']') {
                    pos = p + 1;
                    v = closeArray();
                } else {
                    pos = p;
                    context = FIRST_ELEMENT;
                    continue;
                }
            } else if (c == '-' || (c >= '0' && c <= '9')) {
                v = readNumber(p);
            } else if (c == 't') {
                v = readLiteral(p, TRUE, JsonBoolean.TRUE);
            } else if (c == 'f') {
                v = readLiteral(p, FALSE, JsonBoolean.FALSE);
            } else if (c == 'n') {
                v = readLiteral(p, NULL, JsonNull.NULL);
            } else {
                throw expectedValue(p, context);
            }
            // A value is complete: hand it to the container it is in, closing containers as they end.
            while (true) {
                if (depth == 0) {
                    int q = skipWhitespace(pos);
                    if (q < end) {
                        throw error(q, "expected the end of the input after the JSON value, found " + Text.found(in, q));
                    }
                    return v;
                }
                Frame f = frames[depth - 1];
                int q = skipWhitespace(pos);
                int d = q < end ? in[q] : -1;
                if (f.object) {
                    stackValues[top - 1] = v; // the slot its key took
                    if (d == ',') {
                        pos = skipWhitespace(q + 1);
                        readKey(true);
                        context = AFTER_COLON;
                        continue next;
                    }
                    if (d == '}') {
                        pos = q + 1;
                        v = closeObject();
                        continue;
                    }
                    throw error(q, "expected ',' or '}' after an object member, found " + Text.found(in, q));
                }
                stackValues[top++] = v;
                if (d == ',') {
                    ensureStack();
                    pos = skipWhitespace(q + 1);
                    context = AFTER_COMMA;
                    continue next;
                }
                if (d == ']') {
                    pos = q + 1;
                    v = closeArray();
                    continue;
                }
                throw error(q, "expected ',' or ']' after an array element, found " + Text.found(in, q));
            }
        }
    }

    private int skipWhitespace(int p) {
        final byte[] b = in;
        final int e = end;
        while (p < e) {
            int c = b[p];
            if (c > ' ' || (c != ' ' && c != '\n' && c != '\r' && c != '\t')) {
                break;
            }
            p++;
        }
        return p;
    }

    // ---- containers ----

    private void open(int p, boolean object) {
        if (depth == maxDepth) {
            throw error(p, "expected at most " + maxDepth + " levels of nested arrays and objects, found "
                    + Text.found(in, p) + " opening level " + (maxDepth + 1L));
        }
        if (depth == frames.length) {
            frames = Arrays.copyOf(frames, depth * 2);
        }
        Frame f = frames[depth];
        if (f == null) {
            f = frames[depth] = new Frame();
        }
        f.object = object;
        f.start = top;
        f.path = null;
        f.lookup = null;
        if (depth == 0) {
            f.parent = JsonPath.root(source);
            f.key = null;
            f.index = -1;
        } else {
            Frame outer = frames[depth - 1];
            f.parent = outer.path();
            f.key = outer.object ? stackKeys[top - 1] : null;
            f.index = outer.object ? -1 : top - outer.start;
        }
        depth++;
        ensureStack();
    }

    /** Room on the stack for one more member at {@link #top}. */
    private void ensureStack() {
        if (top == stackValues.length) {
            int n = stackValues.length * 2;
            stackValues = Arrays.copyOf(stackValues, n);
            stackKeys = Arrays.copyOf(stackKeys, n);
            stackKeyOffsets = Arrays.copyOf(stackKeyOffsets, n);
        }
    }

    private JsonObject closeObject() {
        Frame f = frames[--depth];
        String[] keys = Arrays.copyOfRange(stackKeys, f.start, top);
        JsonValue[] values = Arrays.copyOfRange(stackValues, f.start, top);
        top = f.start;
        JsonObject o = new JsonObject(f.parent, f.key, f.index, keys, values, f.lookup);
        f.parent = null;
        f.path = null;
        f.lookup = null;
        return o;
    }

    private JsonArray closeArray() {
        Frame f = frames[--depth];
        JsonValue[] values = Arrays.copyOfRange(stackValues, f.start, top);
        top = f.start;
        JsonArray a = new JsonArray(f.parent, f.key, f.index, values);
        f.parent = null;
        f.path = null;
        return a;
    }

    /** Reads {@code "key" :} at {@link #pos} (whitespace skipped) into a new stack slot, and the whitespace after. */
    private void readKey(boolean afterComma) {
        int p = pos;
        if (p >= end || in[p] != '"') {
            if (afterComma) {
                throw error(p, "expected a string key after ',', found " + Text.found(in, p)
                        + (p < end && in[p] == '}' ? " (trailing commas are not allowed)" : hint(p)));
            }
            throw error(p, "expected a string key or '}', found " + Text.found(in, p) + hint(p));
        }
        String key = readString().value();
        ensureStack();
        Frame f = frames[depth - 1];
        int count = top - f.start;
        if (f.lookup != null) {
            Integer first = f.lookup.putIfAbsent(key, count);
            if (first != null) {
                throw duplicate(p, key, f, first);
            }
        } else {
            for (int i = f.start; i < top; i++) {
                if (stackKeys[i].equals(key)) {
                    throw duplicate(p, key, f, i - f.start);
                }
            }
            if (count == JsonObject.SCAN_LIMIT) {
                f.lookup = new HashMap<>();
                for (int i = f.start; i < top; i++) {
                    f.lookup.put(stackKeys[i], i - f.start);
                }
                f.lookup.put(key, count);
            }
        }
        // The key takes its slot now, so that a container in its value opens above it.
        stackKeys[top] = key;
        stackKeyOffsets[top] = p;
        top++;
        int q = skipWhitespace(pos);
        if (q >= end || in[q] != ':') {
            throw error(q, "expected ':' after an object key, found " + Text.found(in, q));
        }
        pos = skipWhitespace(q + 1);
    }

    private JsonException duplicate(int p, String key, Frame f, int firstMember) {
        return error(p, "expected a new key in the object at " + f.path() + ", found the duplicate key " + Text.quote(key)
                + " (first at " + Text.lineAndColumn(in, stackKeyOffsets[f.start + firstMember]) + ")");
    }

    // ---- scalars ----

    private JsonValue readLiteral(int p, byte[] word, JsonValue value) {
        if (p + word.length <= end) {
            boolean same = true;
            for (int i = 1; i < word.length; i++) {
                same &= in[p + i] == word[i];
            }
            if (same) {
                pos = p + word.length;
                return value;
            }
        }
        throw error(p, "expected '" + new String(word, StandardCharsets.US_ASCII) + "', found " + Text.found(in, p));
    }

    private JsonValue readNumber(int start) {
        final byte[] b = in;
        final int e = end;
        int p = start;
        boolean negative = false;
        if (b[p] == '-') {
            negative = true;
            p++;
            if (p >= e || b[p] < '0' || b[p] > '9') {
                throw error(p, "expected a digit after '-', found " + Text.found(in, p) + hint(p));
            }
        }
        int digitsStart = p;
        long value = 0;
        if (b[p] == '0') {
            p++;
            if (p < e && b[p] >= '0' && b[p] <= '9') {
                int q = p;
                while (q < e && b[q] >= '0' && b[q] <= '9' && q - start < Text.MAX_QUOTED) {
                    q++;
                }
                throw error(start, "expected a number without leading zeros, found '"
                        + new String(b, start, q - start, StandardCharsets.US_ASCII) + (q < e && b[q] >= '0' && b[q] <= '9' ? "…'" : "'"));
            }
        } else {
            while (p < e && b[p] >= '0' && b[p] <= '9') {
                value = value * 10 + (b[p] - '0'); // overflows past 18 digits, but is then not used
                p++;
            }
        }
        int intDigits = p - digitsStart;
        boolean integral = true;
        if (p < e && b[p] == '.') {
            integral = false;
            p++;
            if (p >= e || b[p] < '0' || b[p] > '9') {
                throw error(p, "expected a digit after the decimal point, found " + Text.found(in, p, false));
            }
            while (p < e && b[p] >= '0' && b[p] <= '9') {
                p++;
            }
        }
        if (p < e && (b[p] == 'e' || b[p] == 'E')) {
            integral = false;
            p++;
            if (p < e && (b[p] == '+' || b[p] == '-')) {
                p++;
            }
            if (p >= e || b[p] < '0' || b[p] > '9') {
                throw error(p, "expected a digit in the exponent, found " + Text.found(in, p, false));
            }
            while (p < e && b[p] >= '0' && b[p] <= '9') {
                p++;
            }
        }
        pos = p;
        if (integral && intDigits <= JsonNumber.LONG_DIGITS && !(negative && value == 0)) {
            return JsonNumber.ofLong(negative ? -value : value);
        }
        return JsonNumber.ofLiteral(new String(b, start, p - start, StandardCharsets.ISO_8859_1), integral);
    }

    /** Reads the string whose opening quote is at {@link #pos}; leaves {@link #pos} after the closing one. */
    private JsonString readString() {
        final byte[] b = in;
        final int e = end;
        int start = pos + 1;
        int p = start;
        // Fast path: ASCII without escapes, one byte per char.
        while (p < e) {
            int c = b[p];
            if (c == '"') {
                pos = p + 1;
                return new JsonString(new String(b, start, p - start, StandardCharsets.ISO_8859_1));
            }
            if (c < 0x20 || c == '\\') { // below 0x20: a control character, or (negative) a non-ASCII byte
                break;
            }
            p++;
        }
        // Non-ASCII without escapes: check the UTF-8, then let the JDK decode it.
        while (true) {
            if (p >= e) {
                throw unterminated(start - 1);
            }
            int c = b[p];
            if (c >= 0x20) {
                if (c == '"') {
                    pos = p + 1;
                    return new JsonString(new String(b, start, p - start, StandardCharsets.UTF_8));
                }
                if (c == '\\') {
                    return readEscaped(start, p);
                }
                p++;
            } else if (c >= 0) {
                throw controlCharacter(p, c);
            } else {
                int n = Utf8Check.sequenceLength(b, p, e);
                if (n < 0) {
                    throw notUtf8(p, -n);
                }
                p += n;
            }
        }
    }

    /** Goes on with a string from its first escape at {@code p}; {@code b[start, p)} is checked UTF-8 without escapes. */
    private JsonString readEscaped(int start, int p) {
        final byte[] b = in;
        final int e = end;
        String before = new String(b, start, p - start, StandardCharsets.UTF_8);
        int n = before.length();
        char[] out = room(n + 2);
        before.getChars(0, n, out, 0);
        while (true) {
            if (p >= e) {
                throw unterminated(start - 1);
            }
            if (out.length - n < 2) {
                out = room(n + 2);
            }
            int c = b[p];
            if (c >= 0x20) {
                if (c == '"') {
                    pos = p + 1;
                    return new JsonString(new String(out, 0, n));
                }
                if (c != '\\') {
                    out[n++] = (char) c;
                    p++;
                    continue;
                }
                if (p + 1 >= e) {
                    throw unterminated(start - 1);
                }
                int x = b[p + 1];
                p += 2;
                switch (x) {
                    case '"' -> out[n++] = '"';
                    case '\\' -> out[n++] = '\\';
                    case '/' -> out[n++] = '/';
                    case 'b' -> out[n++] = '\b';
                    case 'f' -> out[n++] = '\f';
                    case 'n' -> out[n++] = '\n';
                    case 'r' -> out[n++] = '\r';
                    case 't' -> out[n++] = '\t';
                    case 'u' -> {
                        int unit = hex4(p);
                        if (unit >= 0xD800 && unit <= 0xDBFF) {
                            int q = p + 4;
                            if (q + 1 < e && b[q] == '\\' && b[q + 1] == 'u') {
                                int low = hex4(q + 2);
                                if (low < 0xDC00 || low > 0xDFFF) {
                                    throw error(q, "expected a low surrogate escape (\\uDC00 to \\uDFFF) after " + escapeAt(p - 2)
                                            + ", found " + escapeAt(q));
                                }
                                out[n++] = (char) unit;
                                out[n++] = (char) low;
                                p = q + 6;
                            } else {
                                throw error(q, "expected a low surrogate escape (\\uDC00 to \\uDFFF) after " + escapeAt(p - 2)
                                        + ", found " + Text.found(in, q));
                            }
                        } else if (unit >= 0xDC00 && unit <= 0xDFFF) {
                            throw error(p - 2, "expected a character or a high surrogate escape, found the lone low surrogate "
                                    + escapeAt(p - 2));
                        } else {
                            out[n++] = (char) unit;
                            p += 4;
                        }
                    }
                    default -> throw error(p - 1, "expected one of \" \\ / b f n r t u after '\\' in a string, found "
                            + Text.found(in, p - 1, false));
                }
            } else if (c >= 0) {
                throw controlCharacter(p, c);
            } else {
                int len = Utf8Check.sequenceLength(b, p, e);
                if (len < 0) {
                    throw notUtf8(p, -len);
                }
                int cp = b[p] & (0x7F >> len);
                for (int k = 1; k < len; k++) {
                    cp = (cp << 6) | (b[p + k] & 0x3F);
                }
                if (cp >= 0x10000) {
                    out[n++] = Character.highSurrogate(cp);
                    out[n++] = Character.lowSurrogate(cp);
                } else {
                    out[n++] = (char) cp;
                }
                p += len;
            }
        }
    }

    /** The scratch char buffer, grown to hold at least {@code size} chars. */
    private char[] room(int size) {
        if (chars.length < size) {
            chars = Arrays.copyOf(chars, Math.max(size, chars.length * 2));
        }
        return chars;
    }

    /** The value of the 4 hex digits at {@code p}. */
    private int hex4(int p) {
        int v = 0;
        for (int i = p; i < p + 4; i++) {
            int c = i < end ? in[i] : -1;
            int d;
            if (c >= '0' && c <= '9') {
                d = c - '0';
            } else if (c >= 'a' && c <= 'f') {
                d = c - 'a' + 10;
            } else if (c >= 'A' && c <= 'F') {
                d = c - 'A' + 10;
            } else {
                throw error(i, "expected 4 hex digits after \\u, found " + Text.found(in, i, false));
            }
            v = (v << 4) | d;
        }
        return v;
    }

    /** The {@code \}{@code uXXXX} escape at {@code p}, as written. */
    private String escapeAt(int p) {
        return new String(in, p, 6, StandardCharsets.US_ASCII);
    }

    // ---- errors ----

    private JsonException error(int offset, String message) {
        return JsonException.syntax(source, in, offset, message);
    }

    private JsonException expectedValue(int p, int context) {
        String expected = switch (context) {
            case FIRST_ELEMENT -> "expected a JSON value or ']'";
            case AFTER_COMMA -> "expected a JSON value after ','";
            case AFTER_COLON -> "expected a JSON value after ':'";
            default -> "expected a JSON value";
        };
        String hint = context == AFTER_COMMA && p < end && in[p] == ']' ? " (trailing commas are not allowed)" : hint(p);
        return error(p, expected + ", found " + Text.found(in, p) + hint);
    }

    /** A reason for the common mistakes: comments, single quotes, NaN and Infinity. */
    private String hint(int p) {
        if (p >= end) {
            return "";
        }
        if (in[p] == '/') {
            return " (comments are not allowed)";
        }
        if (in[p] == '\'') {
            return " (strings take double quotes)";
        }
        if (startsWith(p, "NaN") || startsWith(p, "Infinity")) {
            return " (NaN and Infinity are not JSON)";
        }
        return "";
    }

    private boolean startsWith(int p, String word) {
        if (p + word.length() > end) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if (in[p + i] != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private JsonException unterminated(int quote) {
        return error(end, "expected '\"' to close the string that starts at " + Text.lineAndColumn(in, quote)
                + ", found the end of the input");
    }

    private JsonException controlCharacter(int p, int c) {
        String escape = switch (c) {
            case '\b' -> "\\b";
            case '\f' -> "\\f";
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            default -> String.format("\\u%04X", c);
        };
        return error(p, "expected a string character, found the control character " + Text.codePoint(c) + " (escape it as " + escape + ")");
    }

    /** {@code bad} bytes from {@code p} are the ill-formed start of a UTF-8 sequence (the last one, or the end, is wrong). */
    private JsonException notUtf8(int p, int bad) {
        StringBuilder bytes = new StringBuilder();
        int shown = 0;
        for (int i = p; i < p + bad && i < end; i++) {
            bytes.append(shown++ == 0 ? "" : " ").append(Text.hexByte(in[i]));
        }
        String what = shown == 1 ? "the byte " + bytes : "the bytes " + bytes;
        if (p + bad > end) {
            what += " and the end of the input";
        }
        return error(p, "expected UTF-8, found " + what + " (not UTF-8)");
    }
}
