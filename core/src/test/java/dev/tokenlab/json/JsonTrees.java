package dev.tokenlab.json;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds trees for tests, as the reader would (the containers have no public constructors). */
final class JsonTrees {
    private static final JsonPath ROOT = JsonPath.root("test");

    private JsonTrees() {
    }

    /** An object with these members in this order (keys must be unique). */
    static JsonObject object(Map<String, JsonValue> members) {
        String[] keys = members.keySet().toArray(new String[0]);
        JsonValue[] values = members.values().toArray(new JsonValue[0]);
        HashMap<String, Integer> lookup = null;
        if (keys.length > JsonObject.SCAN_LIMIT) {
            lookup = new HashMap<>();
            for (int i = 0; i < keys.length; i++) {
                lookup.put(keys[i], i);
            }
        }
        return new JsonObject(ROOT, null, -1, keys, values, lookup);
    }

    /** An object of alternating keys and values: {@code object("a", num("1"), "b", str("x"))}. */
    static JsonObject object(Object... keysAndValues) {
        Map<String, JsonValue> members = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (members.put((String) keysAndValues[i], (JsonValue) keysAndValues[i + 1]) != null) {
                throw new IllegalArgumentException("key twice: " + keysAndValues[i]);
            }
        }
        return object(members);
    }

    static JsonArray array(List<JsonValue> values) {
        return new JsonArray(ROOT, null, -1, values.toArray(new JsonValue[0]));
    }

    static JsonArray array(JsonValue... values) {
        return array(List.of(values));
    }

    /** A number with this literal, which must follow the JSON grammar. */
    static JsonNumber num(String literal) {
        return JsonNumber.ofLiteral(literal, literal.indexOf('.') < 0 && literal.indexOf('e') < 0 && literal.indexOf('E') < 0);
    }

    static JsonString str(String value) {
        return new JsonString(value);
    }
}
