package dev.tokenlab.json;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static dev.tokenlab.json.JsonTrees.array;
import static dev.tokenlab.json.JsonTrees.num;
import static dev.tokenlab.json.JsonTrees.object;
import static dev.tokenlab.json.JsonTrees.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the reader makes of valid JSON: every kind of value, escapes, numbers, whitespace, nesting. */
class JsonReaderTest {

    static JsonValue parse(String json) {
        return JsonReader.parse(json.getBytes(StandardCharsets.UTF_8), "test.json");
    }

    @Test
    void scalarsAtTheTop() {
        assertSame(JsonNull.NULL, parse("null"));
        assertSame(JsonBoolean.TRUE, parse("true"));
        assertSame(JsonBoolean.TRUE, JsonBoolean.of(true));
        assertSame(JsonBoolean.FALSE, JsonBoolean.of(false));
        assertSame(JsonBoolean.FALSE, parse(" \t\r\nfalse\n"));
        assertEquals(str("hi"), parse("\"hi\""));
        assertEquals(num("-12.5e+3"), parse("-12.5e+3"));
        assertEquals(str(""), parse("\"\""));
    }

    @Test
    void containersKeepDocumentOrder() {
        JsonValue v = parse("{\"z\": 1, \"a\": [true, null, \"x\", {}], \"m\": {\"k\": []}}");
        assertEquals(object("z", num("1"), "a", array(JsonBoolean.TRUE, JsonNull.NULL, str("x"), object()),
                "m", object("k", array())), v);
        JsonObject o = (JsonObject) v;
        assertEquals(List.of("z", "a", "m"), o.keys());
        assertEquals(3, o.size());
        assertEquals(4, o.array("a").size());
        assertEquals(List.of(JsonBoolean.TRUE, JsonNull.NULL, str("x"), object()), o.array("a").values());
    }

    @Test
    void escapesAreDecoded() {
        assertEquals(str("\" \\ / \b \f \n \r \t"), parse("\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t\""));
        assertEquals(str("é€A\u0000\u001f"), parse("\"\\u00e9\\u20AC\\u0041\\u0000\\u001F\""));
        assertEquals(str("a😀b"), parse("\"a\\ud83d\\ude00b\""));
        assertEquals(str("😀"), parse("\"\\uD83D\\uDE00\""));
        assertEquals(str("\uFFFF\uFFFE\u2028"), parse("\"\\uffff\\ufffe\\u2028\""));
        // Escapes after raw UTF-8 in the same string.
        assertEquals(str("Ġthe\n▁😀x"), parse("\"Ġthe\\n▁😀\\u0078\""));
    }

    @Test
    void rawUtf8IsDecoded() {
        assertEquals(str("é€😀Ġ▁\u007f\u0080\uffff\udbff\udfff"), parse("\"é€😀Ġ▁\u007f\u0080\uffff\udbff\udfff\""));
        assertEquals(str("ü"), JsonReader.parse(new byte[] {'"', (byte) 0xC3, (byte) 0xBC, '"'}, "t"));
    }

    @Test
    void keysAreDecodedLikeStrings() {
        JsonObject o = (JsonObject) parse("{\"\\u0061b\": 1, \"Ġ\": 2, \"\": 3}");
        assertEquals(List.of("ab", "Ġ", ""), o.keys());
        assertEquals(2, o.integer("Ġ"));
        assertEquals(3, o.integer(""));
    }

    @Test
    void numbersKeepTheirLiteral() {
        JsonArray a = (JsonArray) parse("[0, -0, 7, -7, 123456789012345678, 1234567890123456789, -99999999999999999999999,"
                + " 0.5, -0.0, 1e3, 1E-3, 2.50e+10, 1e400]");
        String[] literals = {"0", "-0", "7", "-7", "123456789012345678", "1234567890123456789", "-99999999999999999999999",
                "0.5", "-0.0", "1e3", "1E-3", "2.50e+10", "1e400"};
        assertEquals(literals.length, a.size());
        for (int i = 0; i < literals.length; i++) {
            JsonNumber n = assertInstanceOf(JsonNumber.class, a.get(i));
            assertEquals(literals[i], n.text());
            assertEquals(num(literals[i]), n);
            assertEquals(num(literals[i]).hashCode(), n.hashCode());
            assertEquals(i < 7, n.isIntegral(), literals[i]);
        }
    }

    @Test
    void integersAreExact() {
        assertEquals(0, ((JsonNumber) parse("-0")).asInt());
        assertEquals(Integer.MAX_VALUE, ((JsonNumber) parse("2147483647")).asInt());
        assertEquals(Integer.MIN_VALUE, ((JsonNumber) parse("-2147483648")).asInt());
        assertEquals(Long.MAX_VALUE, ((JsonNumber) parse("9223372036854775807")).asLong());
        assertEquals(Long.MIN_VALUE, ((JsonNumber) parse("-9223372036854775808")).asLong());
        assertEquals(123456789012345678L, ((JsonNumber) parse("123456789012345678")).asLong());
        assertEquals(9.223372036854776E18, ((JsonNumber) parse("9223372036854775807")).asDouble());
        assertEquals(-0.0, ((JsonNumber) parse("-0.0")).asDouble());
        assertEquals(0.1, ((JsonNumber) parse("1e-1")).asDouble());
        assertEquals(0.0, ((JsonNumber) parse("1e-400")).asDouble());
        assertEquals(1e308, ((JsonNumber) parse("1e308")).asDouble());
    }

    @Test
    void numbersEqualByLiteral() {
        assertNotEquals(parse("1"), parse("1.0"));
        assertNotEquals(parse("1"), parse("1e0"));
        assertNotEquals(parse("0"), parse("-0"));
        assertEquals(parse("123"), num("123"));
        assertEquals("123", parse("123").toString());
    }

    @Test
    void parseObjectWantsAnObject() {
        JsonObject o = JsonReader.parseObject("{\"a\":1}".getBytes(StandardCharsets.UTF_8), "tokenizer.json");
        assertEquals(1, o.integer("a"));
        JsonException e = assertThrows(JsonException.class,
                () -> JsonReader.parseObject("[1]".getBytes(StandardCharsets.UTF_8), "tokenizer.json"));
        assertEquals("tokenizer.json: $: expected an object, found an array", e.getMessage());
        assertEquals(-1, e.offset());
        assertEquals("tokenizer.json", e.source());
    }

    @Test
    void bigObjectsFindEveryKey() {
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < 1000; i++) {
            json.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
        }
        JsonObject o = (JsonObject) parse(json.append('}').toString());
        for (int i = 0; i < 1000; i++) {
            assertEquals(i, o.integer("k" + i));
            assertEquals("k" + i, o.keys().get(i));
        }
        assertFalse(o.has("k1000"));
        assertTrue(o.has("k999"));
    }

    @Test
    void nestingUpToTheLimitIsFine() {
        String deep = "[".repeat(512) + "]".repeat(512);
        JsonValue v = parse(deep);
        int depth = 0;
        while (v instanceof JsonArray a && a.size() > 0) {
            v = a.get(0);
            depth++;
        }
        assertEquals(511, depth);
        assertEquals(array(array()), JsonReader.parse("[[]]".getBytes(StandardCharsets.UTF_8), "t", 2));
        assertEquals(num("5"), JsonReader.parse("5".getBytes(StandardCharsets.UTF_8), "t", 1));
    }

    @Test
    void deepTreesNeedNoStack() {
        // With the limit raised, 200,000 levels parse, compare and hash without recursion.
        int levels = 200_000;
        byte[] json = ("{\"a\":".repeat(levels / 2) + "[".repeat(levels / 2) + "1" + "]".repeat(levels / 2)
                + "}".repeat(levels / 2)).getBytes(StandardCharsets.UTF_8);
        JsonValue a = JsonReader.parse(json, "deep.json", levels);
        JsonValue b = JsonReader.parse(json, "deep.json", levels);
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        byte[] other = json.clone();
        int one = 5 * (levels / 2) + levels / 2;
        assertEquals('1', other[one]);
        other[one] = '2';
        assertNotEquals(a, JsonReader.parse(other, "deep.json", levels));
        JsonException e = assertThrows(JsonException.class, () -> JsonReader.parse(json, "deep.json", levels - 1));
        assertEquals("deep.json: line 1, column 600000 (byte 599999): expected at most 199999 levels of nested arrays"
                + " and objects, found '[' opening level 200000", e.getMessage());
    }

    @Test
    void theMaxDepthMustBePositive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JsonReader.parse(new byte[] {'1'}, "t", 0));
        assertEquals("maxDepth must be at least 1, not 0", e.getMessage());
        assertEquals(512, JsonReader.DEFAULT_MAX_DEPTH);
    }

    @Test
    void equalityIgnoresWhereAValueSits() {
        JsonObject o = (JsonObject) parse("{\"a\": [1, {\"b\": 2}], \"c\": [1, {\"b\": 2}]}");
        assertEquals(o.array("a"), o.array("c"));
        assertEquals(o.array("a").hashCode(), o.array("c").hashCode());
        assertEquals("$.a", o.array("a").path());
        assertEquals("$.c", o.array("c").path());
        assertNotEquals(parse("{\"a\":1,\"b\":2}"), parse("{\"b\":2,\"a\":1}"), "member order counts");
        assertNotEquals(parse("[1,2]"), parse("[2,1]"));
        assertNotEquals(parse("[]"), parse("{}"));
        assertNotEquals(parse("\"1\""), parse("1"));
    }

    @Test
    void summariesNotContent() {
        JsonObject o = (JsonObject) parse("{\"model\": {\"merges\": [[\"a\", \"b\"]], \"x\": {\"y\": 1}}}");
        assertEquals("JSON object at $, 1 member", o.toString());
        assertEquals("JSON object at $.model, 2 members", o.object("model").toString());
        assertEquals("JSON array at $.model.merges, 1 element", o.object("model").array("merges").toString());
        assertEquals("JSON array at $.model.merges[0], 2 elements", o.object("model").array("merges").array(0).toString());
        assertEquals("JsonString[value=a]", o.object("model").array("merges").array(0).get(0).toString());
        assertEquals("null", JsonNull.NULL.toString());
    }
}
