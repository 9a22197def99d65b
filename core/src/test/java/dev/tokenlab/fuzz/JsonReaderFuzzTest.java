package dev.tokenlab.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tokenlab.json.JsonArray;
import dev.tokenlab.json.JsonException;
import dev.tokenlab.json.JsonNumber;
import dev.tokenlab.json.JsonObject;
import dev.tokenlab.json.JsonReader;
import dev.tokenlab.json.JsonTestWriter;
import dev.tokenlab.json.JsonValue;
import org.junit.jupiter.api.function.Executable;

import java.util.ArrayDeque;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Coverage-guided fuzzing of the JSON reader: any bytes either parse or fail with a
 * {@link JsonException} whose message is one line and whose offset is inside the input; anything
 * else (a StackOverflowError, an ArrayIndexOutOfBounds, a hang past Jazzer's timeout) is a finding.
 * What parses must write back and read back the same; the typed accessors, asked for every kind of
 * every member, fail only with a {@link JsonException} naming the path.
 *
 * <p>A normal build replays the seeds and past crash inputs in {@code testdata/fuzz}; fuzzing for real:
 * {@code JAZZER_FUZZ=1 mvn -o -pl core surefire:test -Dtest=JsonReaderFuzzTest#parse} (see testdata/README.md).
 */
class JsonReaderFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void parse(byte[] data) {
        JsonValue v;
        try {
            v = JsonReader.parse(data, "fuzz.json");
        } catch (JsonException e) {
            assertTrue(e.getMessage().startsWith("fuzz.json: line "), e.getMessage());
            assertFalse(e.getMessage().contains("\n") || e.getMessage().contains("\r"), e.getMessage());
            assertTrue(e.offset() >= 0 && e.offset() <= data.length, e.getMessage());
            return;
        }
        assertEquals(v, JsonReader.parse(JsonTestWriter.write(v), "again.json"));
    }

    @FuzzTest(maxDuration = "10s")
    void typedAccessors(byte[] data) {
        JsonValue root;
        try {
            root = JsonReader.parse(data, "fuzz.json");
        } catch (JsonException e) {
            return;
        }
        ArrayDeque<JsonValue> todo = new ArrayDeque<>(List.of(root));
        while (!todo.isEmpty()) {
            JsonValue v = todo.pop();
            if (v instanceof JsonObject o) {
                for (String key : o.keys()) {
                    String k = key;
                    tryAll(o.path(), () -> o.string(k), () -> o.integer(k), () -> o.number(k), () -> o.bool(k),
                            () -> o.bool(k, true), () -> o.object(k), () -> o.array(k), () -> o.optionalString(k),
                            () -> o.optionalInteger(k), () -> o.optionalNumber(k), () -> o.optionalObject(k), () -> o.optionalArray(k));
                    todo.push(o.get(k).orElseThrow());
                }
                tryAll(o.path(), () -> o.string("\u0000absent"), () -> o.object("absent"));
            } else if (v instanceof JsonArray a) {
                for (int i = -1; i <= a.size(); i++) {
                    int at = i;
                    tryAll(a.path(), () -> a.get(at), () -> a.string(at), () -> a.integer(at), () -> a.number(at),
                            () -> a.object(at), () -> a.array(at));
                }
                a.values().forEach(todo::push);
            } else if (v instanceof JsonNumber n) {
                tryAll("JSON number", n::asInt, n::asLong, n::asDouble);
                assertEquals(n.text().matches("-?[0-9]+"), n.isIntegral());
            }
        }
    }

    /** Each accessor returns, or fails with a one-line {@link JsonException} about {@code where}. */
    private static void tryAll(String where, Executable... accessors) {
        for (Executable accessor : accessors) {
            try {
                accessor.execute();
            } catch (JsonException e) {
                String m = e.getMessage();
                assertTrue(m.startsWith(where.startsWith("$") ? "fuzz.json: $" : where + ": "), m);
                assertFalse(m.contains("\n") || m.contains("\r") || m.contains("\u2028"), m);
                assertEquals(-1, e.offset());
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new AssertionError(t);
            }
        }
    }
}
