package dev.tokenlab.json;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

import static dev.tokenlab.json.JsonTrees.num;
import static dev.tokenlab.json.JsonTrees.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The typed accessors a loader uses: the values they give, and errors that name the JSON path. */
class JsonAccessorsTest {
    private static final String TOKENIZER = """
            {
              "version": "1.0",
              "added_tokens": [{"id": 151643, "content": "<|endoftext|>", "special": true}],
              "normalizer": null,
              "model": {
                "type": "BPE",
                "dropout": null,
                "unk_token": null,
                "byte_fallback": false,
                "fuse_unk": true,
                "scale": 0.5,
                "vocab": {"abc": "x", "a b": 1.5, "Ġthe": 279, "big": 3000000000, "huge": 1e400, "neg": -7, "exp": 1e2},
                "merges": [["Ġ", "t"], ["a", 1], "x y", []]
              }
            }
            """;

    private static final JsonObject ROOT = JsonReader.parseObject(TOKENIZER.getBytes(StandardCharsets.UTF_8), "tokenizer.json");
    private static final JsonObject MODEL = ROOT.object("model");
    private static final JsonObject VOCAB = MODEL.object("vocab");
    private static final JsonArray MERGES = MODEL.array("merges");

    private static void fails(String message, Executable accessor) {
        JsonException e = assertThrows(JsonException.class, accessor);
        assertEquals(message, e.getMessage());
        assertEquals(-1, e.offset());
    }

    @Test
    void valuesOfTheRightKind() {
        assertEquals("1.0", ROOT.string("version"));
        assertEquals("BPE", MODEL.string("type"));
        assertEquals(279, VOCAB.integer("Ġthe"));
        assertEquals(-7, VOCAB.integer("neg"));
        assertEquals(0.5, MODEL.number("scale"));
        assertEquals(279.0, VOCAB.number("Ġthe"));
        assertEquals(1.5, VOCAB.number("a b"));
        assertEquals(100.0, VOCAB.number("exp"));
        assertEquals(false, MODEL.bool("byte_fallback"));
        assertEquals(true, MODEL.bool("fuse_unk", false));
        assertEquals(true, MODEL.bool("absent", true));
        assertEquals(false, MODEL.bool("absent", false));
        assertEquals(151643, ROOT.array("added_tokens").object(0).integer("id"));
        assertEquals("<|endoftext|>", ROOT.array("added_tokens").object(0).string("content"));
        assertEquals(List.of(str("Ġ"), str("t")), MERGES.array(0).values());
        assertEquals("Ġ", MERGES.array(0).string(0));
        assertEquals(1, MERGES.array(1).integer(1));
        assertEquals(1.0, MERGES.array(1).number(1));
        assertEquals("x y", MERGES.string(2));
        assertEquals(0, MERGES.array(3).size());
        assertEquals(Optional.of(num("279")), VOCAB.get("Ġthe"));
        assertEquals(Optional.empty(), VOCAB.get("absent"));
    }

    @Test
    void optionalMembersTakeAbsentAndNullAlike() {
        assertEquals(Optional.empty(), MODEL.optionalString("unk_token"));
        assertEquals(Optional.empty(), MODEL.optionalString("absent"));
        assertEquals(Optional.of("BPE"), MODEL.optionalString("type"));
        assertEquals(Optional.empty(), ROOT.optionalObject("normalizer"));
        assertEquals(Optional.of(MODEL), ROOT.optionalObject("model"));
        assertEquals(Optional.empty(), ROOT.optionalArray("absent"));
        assertEquals(Optional.of(MERGES), MODEL.optionalArray("merges"));
        assertEquals(OptionalDouble.empty(), MODEL.optionalNumber("dropout"));
        assertEquals(OptionalDouble.of(0.5), MODEL.optionalNumber("scale"));
        assertEquals(OptionalInt.empty(), MODEL.optionalInteger("dropout"));
        assertEquals(OptionalInt.of(279), VOCAB.optionalInteger("Ġthe"));
        assertEquals(true, MODEL.has("dropout"));
        assertEquals(false, MODEL.has("absent"));
    }

    @Test
    void wrongKindsNameThePath() {
        fails("tokenizer.json: $.model.vocab.abc: expected an integer, found a string", () -> VOCAB.integer("abc"));
        fails("tokenizer.json: $.model.vocab[\"a b\"]: expected an integer, found the number 1.5", () -> VOCAB.integer("a b"));
        fails("tokenizer.json: $.model.vocab[\"Ġthe\"]: expected a string, found the number 279", () -> VOCAB.string("Ġthe"));
        fails("tokenizer.json: $.model.vocab.exp: expected an integer, found the number 1e2", () -> VOCAB.integer("exp"));
        fails("tokenizer.json: $.model.type: expected an object, found a string", () -> MODEL.object("type"));
        fails("tokenizer.json: $.model.type: expected an array, found a string", () -> MODEL.array("type"));
        fails("tokenizer.json: $.model.type: expected true or false, found a string", () -> MODEL.bool("type"));
        fails("tokenizer.json: $.model.type: expected true or false, found a string", () -> MODEL.bool("type", false));
        fails("tokenizer.json: $.model.unk_token: expected true or false, found null", () -> MODEL.bool("unk_token", false));
        fails("tokenizer.json: $.model.unk_token: expected a string, found null", () -> MODEL.string("unk_token"));
        fails("tokenizer.json: $.model.vocab: expected a number, found an object", () -> MODEL.number("vocab"));
        fails("tokenizer.json: $.model.merges: expected a string or null, found an array", () -> MODEL.optionalString("merges"));
        fails("tokenizer.json: $.model.byte_fallback: expected an object or null, found false", () -> MODEL.optionalObject("byte_fallback"));
        fails("tokenizer.json: $.model.fuse_unk: expected an array or null, found true", () -> MODEL.optionalArray("fuse_unk"));
        fails("tokenizer.json: $.model.type: expected an integer or null, found a string", () -> MODEL.optionalInteger("type"));
        fails("tokenizer.json: $.model.type: expected a number or null, found a string", () -> MODEL.optionalNumber("type"));
        fails("tokenizer.json: $.version: expected an integer, found a string", () -> ROOT.integer("version"));
    }

    @Test
    void missingMembersAndElements() {
        fails("tokenizer.json: $.model.pattern: expected a string, found no such key", () -> MODEL.string("pattern"));
        fails("tokenizer.json: $.model[\"end of word\"]: expected an object, found no such key", () -> MODEL.object("end of word"));
        fails("tokenizer.json: $.model.merges[0][2]: expected a string, found no such element (the array has 2 elements)",
                () -> MERGES.array(0).string(2));
        fails("tokenizer.json: $.model.merges[3][0]: expected an integer, found no such element (the array has 0 elements)",
                () -> MERGES.array(3).integer(0));
        fails("tokenizer.json: $.model.merges[-1]: expected an element, found no such element (the array has 4 elements)",
                () -> MERGES.get(-1));
        fails("tokenizer.json: $.added_tokens[0].id: expected true or false, found the number 151643",
                () -> ROOT.array("added_tokens").object(0).bool("id"));
        fails("tokenizer.json: $.added_tokens[1]: expected an object, found no such element (the array has 1 element)",
                () -> ROOT.array("added_tokens").object(1));
    }

    @Test
    void wrongKindsInArrays() {
        fails("tokenizer.json: $.model.merges[1][1]: expected a string, found the number 1", () -> MERGES.array(1).string(1));
        fails("tokenizer.json: $.model.merges[2]: expected an array, found a string", () -> MERGES.array(2));
        fails("tokenizer.json: $.model.merges[0]: expected an object, found an array", () -> MERGES.object(0));
        fails("tokenizer.json: $.model.merges[0][0]: expected an integer, found a string", () -> MERGES.array(0).integer(0));
        fails("tokenizer.json: $.model.merges[0][0]: expected a number, found a string", () -> MERGES.array(0).number(0));
    }

    @Test
    void numbersOutOfRange() {
        fails("tokenizer.json: $.model.vocab.big: expected an integer from -2147483648 to 2147483647, found the number 3000000000",
                () -> VOCAB.integer("big"));
        fails("tokenizer.json: $.model.vocab.huge: expected a number within the range of a double, found the number 1e400",
                () -> VOCAB.number("huge"));
        fails("tokenizer.json: $.model.vocab.huge: expected a number within the range of a double, found the number 1e400",
                () -> VOCAB.optionalNumber("huge"));
        JsonArray a = (JsonArray) JsonReader.parse("[-1e400, 99999999999]".getBytes(StandardCharsets.UTF_8), "a.json");
        fails("a.json: $[0]: expected a number within the range of a double, found the number -1e400", () -> a.number(0));
        fails("a.json: $[1]: expected an integer from -2147483648 to 2147483647, found the number 99999999999", () -> a.integer(1));
    }

    @Test
    void numbersOnTheirOwn() {
        JsonArray a = (JsonArray) JsonReader.parse(("[2147483648, -2147483649, 9223372036854775808, -9223372036854775809,"
                + " 1.0, 1e400, " + "9".repeat(60) + "]").getBytes(StandardCharsets.UTF_8), "n.json");
        JsonNumber overInt = (JsonNumber) a.get(0);
        fails("JSON number: expected an integer from -2147483648 to 2147483647, found the number 2147483648", overInt::asInt);
        assertEquals(2147483648L, overInt.asLong());
        fails("JSON number: expected an integer from -2147483648 to 2147483647, found the number -2147483649",
                ((JsonNumber) a.get(1))::asInt);
        fails("JSON number: expected an integer from -9223372036854775808 to 9223372036854775807, found the number 9223372036854775808",
                ((JsonNumber) a.get(2))::asLong);
        fails("JSON number: expected an integer from -9223372036854775808 to 9223372036854775807, found the number -9223372036854775809",
                ((JsonNumber) a.get(3))::asLong);
        fails("JSON number: expected an integer from -2147483648 to 2147483647, found the number -9223372036854775809",
                ((JsonNumber) a.get(3))::asInt);
        fails("JSON number: expected an integer, found the number 1.0", ((JsonNumber) a.get(4))::asInt);
        fails("JSON number: expected an integer, found the number 1.0", ((JsonNumber) a.get(4))::asLong);
        assertEquals(1.0, ((JsonNumber) a.get(4)).asDouble());
        fails("JSON number: expected a number within the range of a double, found the number 1e400", ((JsonNumber) a.get(5))::asDouble);
        fails("JSON number: expected an integer from -9223372036854775808 to 9223372036854775807, found the number " + "9".repeat(40) + "…",
                ((JsonNumber) a.get(6))::asLong);
        assertEquals(1e60, ((JsonNumber) a.get(6)).asDouble());
    }

    @Test
    void pathsShowKeysOnOneLine() {
        JsonObject o = (JsonObject) JsonReader.parse(("{\"_x9\": {\"9x\": {\"\": {\"a\\nb\\u2028\\\"\": {\"" + "k".repeat(50)
                + "\": {\"" + "k".repeat(40) + "\": {\"😀\": [1]}}}}}}}").getBytes(StandardCharsets.UTF_8), "p.json");
        JsonObject inner = o.object("_x9").object("9x").object("").object("a\nb\u2028\"").object("k".repeat(50)).object("k".repeat(40));
        assertEquals("$._x9[\"9x\"][\"\"][\"a\\nb\\u2028\\\"\"][\"" + "k".repeat(40) + "…\"]." + "k".repeat(40), inner.path());
        fails("p.json: " + inner.path() + "[\"😀\"][0]: expected a string, found the number 1", () -> inner.array("😀").string(0));
    }

    @Test
    void deepPathsLeaveOutTheMiddle() {
        JsonValue v = JsonReader.parse(("[".repeat(100) + "]".repeat(100)).getBytes(StandardCharsets.UTF_8), "d.json");
        JsonArray a = (JsonArray) v;
        for (int i = 0; i < 98; i++) {
            a = a.array(0);
        }
        assertEquals("$" + "[0]".repeat(20) + "…" + "[0]".repeat(20), a.path());
        JsonArray deepest = a;
        fails("d.json: $" + "[0]".repeat(20) + "…" + "[0]".repeat(20) + "[0]: expected an array, found no such element (the array has 0 elements)",
                () -> deepest.array(0).array(0));
    }

    @Test
    void callersMakeTheirOwnErrorsWithThePath() {
        JsonException e = MODEL.error("type", "expected BPE, Unigram, WordLevel or WordPiece, found \"Foo\"");
        assertEquals("tokenizer.json: $.model.type: expected BPE, Unigram, WordLevel or WordPiece, found \"Foo\"", e.getMessage());
        assertEquals("tokenizer.json", e.source());
        assertEquals("tokenizer.json: $.model.merges[1]: expected two strings", MERGES.error(1, "expected two strings").getMessage());
        assertEquals("$.model", MODEL.path());
        assertEquals("$.model.merges", MERGES.path());
        assertEquals("$", ROOT.path());
    }

    @Test
    void keysAndValuesAreReadOnly() {
        assertThrows(UnsupportedOperationException.class, () -> VOCAB.keys().set(0, "x"));
        assertThrows(UnsupportedOperationException.class, () -> MERGES.values().set(0, JsonNull.NULL));
        assertEquals(List.of("abc", "a b", "Ġthe", "big", "huge", "neg", "exp"), VOCAB.keys());
    }
}
