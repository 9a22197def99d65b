package dev.tokenlab.json;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Inputs built to find quadratic work: huge strings (plain, escaped, non-ASCII with a late escape),
 * tens of megabytes of input, 131,072 long keys with one and the same {@code String.hashCode}, a
 * ten-million-digit number, a million levels of nesting. Each takes well under a second; the
 * time limits are a hundred times that, so they fail only on work that grows faster than the input
 * (where the same inputs take minutes to hours), not on a slow machine.
 */
class JsonLimitsTest {
    private static final Duration GENEROUS = Duration.ofSeconds(60);

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void hugeStrings() {
        assertTimeoutPreemptively(GENEROUS, () -> {
            int n = 48_000_000;
            byte[] json = new byte[n + 2];
            Arrays.fill(json, (byte) 'a');
            json[0] = '"';
            json[n + 1] = '"';
            JsonString s = (JsonString) JsonReader.parse(json, "ascii.json");
            assertEquals(n, s.value().length());

            // 2,000,000 escapes.
            JsonString escaped = (JsonString) JsonReader.parse(utf8("\"" + "\\u00e9\\n".repeat(1_000_000) + "\""), "escapes.json");
            assertEquals("é\n".repeat(1_000_000), escaped.value());

            // Non-ASCII all the way, then an escape at the very end: the string is decoded again from its start, once.
            JsonString late = (JsonString) JsonReader.parse(utf8("\"" + "Ġ😀".repeat(4_000_000) + "\\t\""), "late.json");
            assertEquals(4_000_000 * 3 + 1, late.value().length());
            assertEquals('\t', late.value().charAt(late.value().length() - 1));

            // An unterminated 48 MB string: the error names the end and the start.
            JsonException e = assertThrows(JsonException.class, () -> JsonReader.parse(Arrays.copyOf(json, n + 1), "open.json"));
            assertEquals("open.json: line 1, column 48000002 (byte 48000001): expected '\"' to close the string that starts"
                    + " at line 1, column 1, found the end of the input", e.getMessage());
        });
    }

    @Test
    void keysWithOneHashCode() {
        // "Aa" and "BB" have the same hash code, so every key made of 17 of them does: 131,072 keys in one bucket.
        // A long common prefix makes each comparison of two keys cost ~300 bytes: a scan of the bucket would
        // take 131,072² / 2 of them, minutes; the reader takes O(n log n).
        List<String> keys = new ArrayList<>(List.of("k".repeat(300)));
        for (int i = 0; i < 17; i++) {
            List<String> longer = new ArrayList<>(keys.size() * 2);
            for (String k : keys) {
                longer.add(k + "Aa");
                longer.add(k + "BB");
            }
            keys = longer;
        }
        assertEquals(1, keys.stream().map(String::hashCode).distinct().count());
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        json.writeBytes(utf8("{"));
        for (int i = 0; i < keys.size(); i++) {
            json.writeBytes(utf8((i == 0 ? "\"" : ",\"") + keys.get(i) + "\":" + i));
        }
        byte[] object = utf8(json.toString(StandardCharsets.UTF_8) + "}");
        byte[] duplicate = utf8(json.toString(StandardCharsets.UTF_8) + ",\"" + keys.get(70_000) + "\":0}");
        List<String> allKeys = keys;
        assertTimeoutPreemptively(GENEROUS, () -> {
            JsonObject o = (JsonObject) JsonReader.parse(object, "collide.json");
            assertEquals(allKeys.size(), o.size());
            for (int i = 0; i < allKeys.size(); i += 997) {
                assertEquals(i, o.integer(allKeys.get(i)));
            }
            assertEquals(false, o.has("k".repeat(300) + "Aa".repeat(16) + "Ab"));
            JsonException e = assertThrows(JsonException.class, () -> JsonReader.parse(duplicate, "collide.json"));
            assertEquals(("collide.json: line 1, column %d (byte %d): expected a new key in the object at $, found the duplicate key"
                    + " \"%s…\" (first at line 1, column %d)").formatted(object.length + 1, object.length, "k".repeat(40),
                    column(object, allKeys.get(70_000))), e.getMessage());
        });
    }

    /** The column of {@code "key"} in a one-line document. */
    private static int column(byte[] json, String key) {
        String s = new String(json, StandardCharsets.US_ASCII);
        return s.indexOf("\"" + key + "\"") + 1;
    }

    @Test
    void manyValuesAndAHugeNumber() {
        assertTimeoutPreemptively(GENEROUS, () -> {
            // 2,000,000 small arrays, as a merges list holds.
            StringBuilder merges = new StringBuilder("[");
            for (int i = 0; i < 2_000_000; i++) {
                merges.append(i == 0 ? "" : ",").append("[\"a\",").append(i).append(']');
            }
            JsonArray a = (JsonArray) JsonReader.parse(utf8(merges.append(']').toString()), "merges.json");
            assertEquals(2_000_000, a.size());
            assertEquals(1_999_999, a.array(1_999_999).integer(1));

            // A ten-million-digit integer: read, compared, and refused as an int, a long and a double.
            byte[] digits = utf8("1" + "0".repeat(10_000_000));
            JsonNumber n = (JsonNumber) JsonReader.parse(digits, "n.json");
            assertEquals(10_000_001, n.text().length());
            assertEquals(n, JsonReader.parse(digits, "n.json"));
            assertThrows(JsonException.class, n::asInt);
            assertThrows(JsonException.class, n::asLong);
            assertThrows(JsonException.class, n::asDouble);
            JsonNumber tenth = (JsonNumber) JsonReader.parse(utf8("0." + "0".repeat(10_000_000) + "1e10000000"), "n.json");
            assertEquals(0.1, tenth.asDouble());
        });
    }

    @Test
    void aMillionLevels() {
        assertTimeoutPreemptively(GENEROUS, () -> {
            int levels = 1_000_000;
            byte[] json = utf8("[".repeat(levels) + "]".repeat(levels));
            JsonValue v = JsonReader.parse(json, "deep.json", levels);
            assertEquals(v, JsonReader.parse(json, "deep.json", levels));
            // The default limit stops at level 513, having read 513 bytes of the 2 MB.
            JsonException e = assertThrows(JsonException.class, () -> JsonReader.parse(json, "deep.json"));
            assertEquals(512, e.offset());
            // An error a million levels down.
            byte[] bad = utf8("[".repeat(levels) + "}");
            JsonException inner = assertThrows(JsonException.class, () -> JsonReader.parse(bad, "deep.json", levels));
            assertEquals("deep.json: line 1, column 1000001 (byte 1000000): expected a JSON value or ']', found '}'", inner.getMessage());
        });
    }
}
