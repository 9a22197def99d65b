package dev.tokenlab.json;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The exact message for each kind of input the reader rejects: where (line, column, byte) and what
 * was expected and found, on one line.
 */
class JsonSyntaxErrorsTest {

    /** An input (as UTF-8, or raw bytes) and the message it must fail with, after "t.json: ". */
    private record Case(String name, byte[] input, String message) {
        static Case of(String json, String message) {
            return new Case(json, json.getBytes(StandardCharsets.UTF_8), message);
        }

        static Case bytes(String name, String message, int... bytes) {
            byte[] b = new byte[bytes.length];
            for (int i = 0; i < bytes.length; i++) {
                b[i] = (byte) bytes[i];
            }
            return new Case(name, b, message);
        }
    }

    private static Stream<Case> cases() {
        return Stream.of(
                // The whole input
                Case.of("", "line 1, column 1 (byte 0): expected a JSON value, found the end of the input"),
                Case.of(" \n\t ", "line 2, column 3 (byte 4): expected a JSON value, found the end of the input"),
                Case.of("{} x", "line 1, column 4 (byte 3): expected the end of the input after the JSON value, found 'x'"),
                Case.of("1 2", "line 1, column 3 (byte 2): expected the end of the input after the JSON value, found '2'"),
                Case.of("[1]]", "line 1, column 4 (byte 3): expected the end of the input after the JSON value, found ']'"),
                Case.bytes("byte order mark", "line 1, column 1 (byte 0): expected a JSON value, found a UTF-8 byte order mark"
                        + " (JSON text must not start with one)", 0xEF, 0xBB, 0xBF, '{', '}'),
                Case.of("\u00a0{}", "line 1, column 1 (byte 0): expected a JSON value, found the character U+00A0"),
                Case.of("é", "line 1, column 1 (byte 0): expected a JSON value, found 'é' (U+00E9)"),
                Case.bytes("0xFF at the top", "line 1, column 1 (byte 0): expected a JSON value, found the byte 0xFF (not UTF-8)", 0xFF),
                Case.bytes("NUL at the top", "line 1, column 1 (byte 0): expected a JSON value, found the control character U+0000", 0),
                // Objects
                Case.of("{\n  \"version\": \"1.0\", \"extra\": 123,\n  \"padding\": 123]\n}",
                        "line 3, column 17 (byte 52): expected ',' or '}' after an object member, found ']'"),
                Case.of("{", "line 1, column 2 (byte 1): expected a string key or '}', found the end of the input"),
                Case.of("{a:1}", "line 1, column 2 (byte 1): expected a string key or '}', found 'a'"),
                Case.of("{'a':1}", "line 1, column 2 (byte 1): expected a string key or '}', found \"'\" (strings take double quotes)"),
                Case.of("{\"a\":1,}", "line 1, column 8 (byte 7): expected a string key after ',', found '}' (trailing commas are not allowed)"),
                Case.of("{\"a\":1,,}", "line 1, column 8 (byte 7): expected a string key after ',', found ','"),
                Case.of("{\"a\" 1}", "line 1, column 6 (byte 5): expected ':' after an object key, found '1'"),
                Case.of("{\"a\"", "line 1, column 5 (byte 4): expected ':' after an object key, found the end of the input"),
                Case.of("{\"a\":}", "line 1, column 6 (byte 5): expected a JSON value after ':', found '}'"),
                Case.of("{\"a\":1 \"b\":2}", "line 1, column 8 (byte 7): expected ',' or '}' after an object member, found '\"'"),
                Case.of("{\"a\":1", "line 1, column 7 (byte 6): expected ',' or '}' after an object member, found the end of the input"),
                Case.of("{\"a\":1]", "line 1, column 7 (byte 6): expected ',' or '}' after an object member, found ']'"),
                // Duplicate keys: small objects (a scan) and big ones (a hash map); the first one's place is named.
                Case.of("{\"a\":1,\"b\":2,\"a\":3}",
                        "line 1, column 14 (byte 13): expected a new key in the object at $, found the duplicate key \"a\" (first at line 1, column 2)"),
                Case.of("{\"k1\":1,\"k2\":1,\"k3\":1,\"k4\":1,\"k5\":1,\"k6\":1,\"k7\":1,\"k8\":1,\"k9\":1,\"k10\":1,\"k5\":2}",
                        "line 1, column 73 (byte 72): expected a new key in the object at $, found the duplicate key \"k5\" (first at line 1, column 30)"),
                Case.of("{\"model\": {\"vocab\": {\n\"a\": 0,\n\"\\u0061\": 1}}}",
                        "line 3, column 1 (byte 30): expected a new key in the object at $.model.vocab, found the duplicate key \"a\" (first at line 2, column 1)"),
                Case.of("[{}, {\"x\": [{\"a\\nb\": 1, \"a\\nb\": 2}]}]",
                        "line 1, column 25 (byte 24): expected a new key in the object at $[1].x[0], found the duplicate key \"a\\nb\" (first at line 1, column 14)"),
                // Arrays
                Case.of("[", "line 1, column 2 (byte 1): expected a JSON value or ']', found the end of the input"),
                Case.of("[1,]", "line 1, column 4 (byte 3): expected a JSON value after ',', found ']' (trailing commas are not allowed)"),
                Case.of("[,1]", "line 1, column 2 (byte 1): expected a JSON value or ']', found ','"),
                Case.of("[1 2]", "line 1, column 4 (byte 3): expected ',' or ']' after an array element, found '2'"),
                Case.of("[1", "line 1, column 3 (byte 2): expected ',' or ']' after an array element, found the end of the input"),
                Case.of("[1}", "line 1, column 3 (byte 2): expected ',' or ']' after an array element, found '}'"),
                Case.of("[1,\n", "line 2, column 1 (byte 4): expected a JSON value after ',', found the end of the input"),
                // Comments, quotes, NaN and Infinity
                Case.of("// a comment\n{}", "line 1, column 1 (byte 0): expected a JSON value, found '/' (comments are not allowed)"),
                Case.of("[1, /* c */ 2]", "line 1, column 5 (byte 4): expected a JSON value after ',', found '/' (comments are not allowed)"),
                Case.of("['a']", "line 1, column 2 (byte 1): expected a JSON value or ']', found \"'\" (strings take double quotes)"),
                Case.of("NaN", "line 1, column 1 (byte 0): expected a JSON value, found 'NaN' (NaN and Infinity are not JSON)"),
                Case.of("[Infinity]", "line 1, column 2 (byte 1): expected a JSON value or ']', found 'Infinity' (NaN and Infinity are not JSON)"),
                Case.of("-Infinity", "line 1, column 2 (byte 1): expected a digit after '-', found 'Infinity' (NaN and Infinity are not JSON)"),
                Case.of("undefined", "line 1, column 1 (byte 0): expected a JSON value, found 'undefined'"),
                Case.of("x".repeat(100), "line 1, column 1 (byte 0): expected a JSON value, found '" + "x".repeat(40) + "…'"),
                // Literals
                Case.of("tru", "line 1, column 1 (byte 0): expected 'true', found 'tru'"),
                Case.of("[trUe]", "line 1, column 2 (byte 1): expected 'true', found 'trUe'"),
                Case.of("fals", "line 1, column 1 (byte 0): expected 'false', found 'fals'"),
                Case.of("nul", "line 1, column 1 (byte 0): expected 'null', found 'nul'"),
                Case.of("True", "line 1, column 1 (byte 0): expected a JSON value, found 'True'"),
                Case.of("nulll", "line 1, column 5 (byte 4): expected the end of the input after the JSON value, found 'l'"),
                Case.of("[true1]", "line 1, column 6 (byte 5): expected ',' or ']' after an array element, found '1'"),
                // Numbers
                Case.of("01", "line 1, column 1 (byte 0): expected a number without leading zeros, found '01'"),
                Case.of("[-007]", "line 1, column 2 (byte 1): expected a number without leading zeros, found '-007'"),
                Case.of("0" + "1".repeat(60), "line 1, column 1 (byte 0): expected a number without leading zeros, found '0" + "1".repeat(39) + "…'"),
                Case.of("-", "line 1, column 2 (byte 1): expected a digit after '-', found the end of the input"),
                Case.of("- 1", "line 1, column 2 (byte 1): expected a digit after '-', found ' '"),
                Case.of("+1", "line 1, column 1 (byte 0): expected a JSON value, found '+'"),
                Case.of(".5", "line 1, column 1 (byte 0): expected a JSON value, found '.'"),
                Case.of("1.", "line 1, column 3 (byte 2): expected a digit after the decimal point, found the end of the input"),
                Case.of("1.e3", "line 1, column 3 (byte 2): expected a digit after the decimal point, found 'e'"),
                Case.of("1e", "line 1, column 3 (byte 2): expected a digit in the exponent, found the end of the input"),
                Case.of("1e+", "line 1, column 4 (byte 3): expected a digit in the exponent, found the end of the input"),
                Case.of("1E-x", "line 1, column 4 (byte 3): expected a digit in the exponent, found 'x'"),
                Case.of("0x10", "line 1, column 2 (byte 1): expected the end of the input after the JSON value, found 'x10'"),
                Case.of("1.5.3", "line 1, column 4 (byte 3): expected the end of the input after the JSON value, found '.'"),
                // Strings
                Case.of("\"abc", "line 1, column 5 (byte 4): expected '\"' to close the string that starts at line 1, column 1, found the end of the input"),
                Case.of("[\n  \"é😀", "line 2, column 6 (byte 11): expected '\"' to close the string that starts at line 2, column 3, found the end of the input"),
                Case.of("\"ab\\", "line 1, column 5 (byte 4): expected '\"' to close the string that starts at line 1, column 1, found the end of the input"),
                Case.of("\"ab\\\"", "line 1, column 6 (byte 5): expected '\"' to close the string that starts at line 1, column 1, found the end of the input"),
                Case.of("\"a\nb\"", "line 1, column 3 (byte 2): expected a string character, found the control character U+000A (escape it as \\n)"),
                Case.of("\"a\tb\"", "line 1, column 3 (byte 2): expected a string character, found the control character U+0009 (escape it as \\t)"),
                Case.of("\"\u0000\"", "line 1, column 2 (byte 1): expected a string character, found the control character U+0000 (escape it as \\u0000)"),
                Case.of("\"é\u001f\"", "line 1, column 3 (byte 3): expected a string character, found the control character U+001F (escape it as \\u001F)"),
                Case.of("\"\\n\u001b\"", "line 1, column 4 (byte 3): expected a string character, found the control character U+001B (escape it as \\u001B)"),
                Case.of("\"\\x\"", "line 1, column 3 (byte 2): expected one of \" \\ / b f n r t u after '\\' in a string, found 'x'"),
                Case.of("\"\\U0041\"", "line 1, column 3 (byte 2): expected one of \" \\ / b f n r t u after '\\' in a string, found 'U'"),
                Case.of("\"\\é\"", "line 1, column 3 (byte 2): expected one of \" \\ / b f n r t u after '\\' in a string, found 'é' (U+00E9)"),
                Case.of("\"\\u12g4\"", "line 1, column 6 (byte 5): expected 4 hex digits after \\u, found 'g'"),
                Case.of("\"\\u12\"", "line 1, column 6 (byte 5): expected 4 hex digits after \\u, found '\"'"),
                Case.of("\"\\u12", "line 1, column 6 (byte 5): expected 4 hex digits after \\u, found the end of the input"),
                // Lone surrogates, as serde_json rejects them
                Case.of("\"\\ud800\"", "line 1, column 8 (byte 7): expected a low surrogate escape (\\uDC00 to \\uDFFF) after \\ud800, found '\"'"),
                Case.of("\"\\uD83Dx\"", "line 1, column 8 (byte 7): expected a low surrogate escape (\\uDC00 to \\uDFFF) after \\uD83D, found 'x'"),
                Case.of("\"\\uD83D\\n\"", "line 1, column 8 (byte 7): expected a low surrogate escape (\\uDC00 to \\uDFFF) after \\uD83D, found '\\'"),
                Case.of("\"\\uD83D\\u0041\"", "line 1, column 8 (byte 7): expected a low surrogate escape (\\uDC00 to \\uDFFF) after \\uD83D, found \\u0041"),
                Case.of("\"\\uD83D\\uD83D\"", "line 1, column 8 (byte 7): expected a low surrogate escape (\\uDC00 to \\uDFFF) after \\uD83D, found \\uD83D"),
                Case.of("\"\\uD83D\\uDE0\"", "line 1, column 13 (byte 12): expected 4 hex digits after \\u, found '\"'"),
                Case.of("\"\\uD83D", "line 1, column 8 (byte 7): expected a low surrogate escape (\\uDC00 to \\uDFFF) after \\uD83D, found the end of the input"),
                Case.of("\"x\\udc00\"", "line 1, column 3 (byte 2): expected a character or a high surrogate escape, found the lone low surrogate \\udc00"),
                Case.of("{\"\\uDFFF\": 1}", "line 1, column 3 (byte 2): expected a character or a high surrogate escape, found the lone low surrogate \\uDFFF"),
                // Invalid UTF-8, in a string and outside
                Case.bytes("0xFF", "line 1, column 2 (byte 1): expected UTF-8, found the byte 0xFF (not UTF-8)", '"', 0xFF, '"'),
                Case.bytes("lone continuation byte", "line 1, column 3 (byte 2): expected UTF-8, found the byte 0x80 (not UTF-8)", '"', 'a', 0x80, '"'),
                Case.bytes("overlong NUL", "line 1, column 2 (byte 1): expected UTF-8, found the byte 0xC0 (not UTF-8)", '"', 0xC0, 0x80, '"'),
                Case.bytes("overlong 3 bytes", "line 1, column 2 (byte 1): expected UTF-8, found the bytes 0xE0 0x80 (not UTF-8)", '"', 0xE0, 0x80, 0x80, '"'),
                Case.bytes("overlong 4 bytes", "line 1, column 2 (byte 1): expected UTF-8, found the bytes 0xF0 0x8F (not UTF-8)", '"', 0xF0, 0x8F, 0xBF, 0xBF, '"'),
                Case.bytes("UTF-8 surrogate", "line 1, column 2 (byte 1): expected UTF-8, found the bytes 0xED 0xA0 (not UTF-8)", '"', 0xED, 0xA0, 0x80, '"'),
                Case.bytes("beyond U+10FFFF", "line 1, column 2 (byte 1): expected UTF-8, found the bytes 0xF4 0x90 (not UTF-8)", '"', 0xF4, 0x90, 0x80, 0x80, '"'),
                Case.bytes("0xF5", "line 1, column 2 (byte 1): expected UTF-8, found the byte 0xF5 (not UTF-8)", '"', 0xF5, 0x80, 0x80, 0x80, '"'),
                Case.bytes("cut short by the quote", "line 1, column 2 (byte 1): expected UTF-8, found the bytes 0xE2 0x82 0x22 (not UTF-8)", '"', 0xE2, 0x82, '"'),
                Case.bytes("cut short by the end", "line 1, column 2 (byte 1): expected UTF-8, found the bytes 0xF0 0x9F 0x98 and the end of the input (not UTF-8)",
                        '"', 0xF0, 0x9F, 0x98),
                Case.bytes("after an escape", "line 1, column 4 (byte 3): expected UTF-8, found the byte 0xFE (not UTF-8)", '"', '\\', 'n', 0xFE, '"'),
                Case.bytes("in a key", "line 1, column 3 (byte 2): expected UTF-8, found the byte 0xC1 (not UTF-8)", '{', '"', 0xC1, 0xBF, '"', ':', '1', '}'),
                Case.bytes("between values", "line 1, column 4 (byte 3): expected ',' or ']' after an array element, found the byte 0xC3 (not UTF-8)",
                        '[', '1', ' ', 0xC3, ']'));
    }

    @TestFactory
    Stream<DynamicTest> eachBadInputHasItsMessage() {
        return cases().map(c -> DynamicTest.dynamicTest(c.name().isBlank() ? "(blank: " + c.name().length() + ")" : c.name(), () -> {
            JsonException e = assertThrows(JsonException.class, () -> JsonReader.parse(c.input(), "t.json"));
            assertEquals("t.json: " + c.message(), e.getMessage());
            String byteOffset = c.message().replaceFirst("^.*?\\(byte (\\d+)\\).*$", "$1");
            assertEquals(Integer.parseInt(byteOffset), e.offset());
            assertEquals("t.json", e.source());
        }));
    }

    @Test
    void deepNestingIsAnErrorNotAStackOverflow() {
        for (String open : List.of("[", "{\"a\":", "[{\"k\":")) {
            ByteArrayOutputStream json = new ByteArrayOutputStream();
            for (int i = 0; i < 100_000; i++) {
                json.writeBytes(open.getBytes(StandardCharsets.UTF_8));
            }
            JsonException e = assertThrows(JsonException.class, () -> JsonReader.parse(json.toByteArray(), "deep.json"));
            int at = switch (open) {
                case "[" -> 512;
                case "{\"a\":" -> 512 * 5;
                default -> 256 * 6; // level 513 is the '[' of the 257th "[{\"k\":"
            };
            assertEquals("deep.json: line 1, column " + (at + 1) + " (byte " + at + "): expected at most 512 levels of nested"
                    + " arrays and objects, found '" + open.charAt(0) + "' opening level 513", e.getMessage());
        }
        JsonException e = assertThrows(JsonException.class,
                () -> JsonReader.parse("[[[1]]]".getBytes(StandardCharsets.UTF_8), "t.json", 2));
        assertEquals("t.json: line 1, column 3 (byte 2): expected at most 2 levels of nested arrays and objects, found '['"
                + " opening level 3", e.getMessage());
    }

    @Test
    void positionsCountCharactersNotBytes() {
        // "é" is 2 bytes and "😀" 4, but one column each; "\r" ends no line (only "\n" does, as in serde_json).
        JsonException e = assertThrows(JsonException.class,
                () -> JsonReader.parse("[\r\n\"é😀\",\r ?]".getBytes(StandardCharsets.UTF_8), "t.json"));
        assertEquals("t.json: line 2, column 8 (byte 14): expected a JSON value after ',', found '?'", e.getMessage());
    }
}
