package dev.tokenlab.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fields of one request object, read with their types checked: a missing required field, a wrong type or a
 * field the route does not know is a 400 that names the field.
 */
final class Fields {
    private final ObjectNode object;
    private final String where;

    private Fields(ObjectNode object, String where) {
        this.object = object;
        this.where = where;
    }

    /**
     * The request's fields, when every one is in {@code known}.
     *
     * @throws ApiException 400 naming the first unknown field
     */
    static Fields of(ObjectNode object, Set<String> known) {
        return of(object, known, "");
    }

    private static Fields of(ObjectNode object, Set<String> known, String where) {
        Iterator<String> names = object.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!known.contains(name)) {
                throw ApiException.badRequest("unknown field \"" + where + name + "\"; this route takes "
                        + known.stream().sorted().toList());
            }
        }
        return new Fields(object, where);
    }

    boolean has(String name) {
        JsonNode n = object.get(name);
        return n != null && !n.isNull();
    }

    /** A required string (no unpaired surrogates: a {@code \ud800} escape is refused like invalid UTF-8). */
    String text(String name) {
        JsonNode n = required(name);
        if (!n.isTextual()) {
            throw wrongType(name, "a string", n);
        }
        return checkedText(where + name, n.textValue());
    }

    String text(String name, String otherwise) {
        return has(name) ? text(name) : otherwise;
    }

    /** One of {@code choices}. */
    String choice(String name, String otherwise, List<String> choices) {
        String value = text(name, otherwise);
        if (!choices.contains(value)) {
            throw ApiException.badRequest("field \"" + where + name + "\" must be one of " + choices + ", not \"" + value + "\"");
        }
        return value;
    }

    boolean bool(String name, boolean otherwise) {
        if (!has(name)) {
            return otherwise;
        }
        JsonNode n = object.get(name);
        if (!n.isBoolean()) {
            throw wrongType(name, "true or false", n);
        }
        return n.booleanValue();
    }

    /** An int in {@code [min, max]}. */
    int integer(String name, int min, int max) {
        JsonNode n = required(name);
        if (!n.isIntegralNumber() || !n.canConvertToInt() || n.intValue() < min || n.intValue() > max) {
            throw ApiException.badRequest("field \"" + where + name + "\" must be an integer from " + min + " to " + max
                    + (n.isNumber() ? ", not " + n : ", not " + kind(n)));
        }
        return n.intValue();
    }

    int integer(String name, int otherwise, int min, int max) {
        return has(name) ? integer(name, min, max) : otherwise;
    }

    /** A required array of ints (token ids). */
    int[] ids(String name) {
        JsonNode n = required(name);
        if (!n.isArray()) {
            throw wrongType(name, "an array of token ids", n);
        }
        int[] ids = new int[n.size()];
        for (int i = 0; i < ids.length; i++) {
            JsonNode id = n.get(i);
            if (!id.isIntegralNumber() || !id.canConvertToInt() || id.intValue() < 0) {
                throw ApiException.badRequest("field \"" + where + name + "[" + i + "]\" must be a token id (an integer >= 0), not " + id);
            }
            ids[i] = id.intValue();
        }
        return ids;
    }

    /** A required array of objects, each read with {@code known} fields. */
    List<Fields> objects(String name, Set<String> known) {
        JsonNode n = required(name);
        if (!n.isArray()) {
            throw wrongType(name, "an array of objects", n);
        }
        List<Fields> items = new ArrayList<>(n.size());
        for (int i = 0; i < n.size(); i++) {
            JsonNode item = n.get(i);
            String path = where + name + "[" + i + "].";
            if (!item.isObject()) {
                throw ApiException.badRequest("field \"" + where + name + "[" + i + "]\" must be an object, not " + kind(item));
            }
            items.add(of((ObjectNode) item, known, path));
        }
        return items;
    }

    /** A field as plain Java values (String, Long, Double, Boolean, null, List, Map), for a Jinja template. */
    Object plain(String name) {
        return has(name) ? plainValue(object.get(name), where + name) : null;
    }

    /** Where these fields sit in the request ({@code messages[2].}), for messages. */
    String where() {
        return where;
    }

    private Object plainValue(JsonNode n, String path) {
        if (n.isTextual()) {
            return checkedText(path, n.textValue());
        }
        if (n.isIntegralNumber()) {
            if (!n.canConvertToLong()) {
                throw ApiException.badRequest("field \"" + path + "\" holds an integer beyond 64 bits");
            }
            return n.longValue();
        }
        if (n.isNumber()) {
            return n.doubleValue();
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        if (n.isArray()) {
            List<Object> list = new ArrayList<>(n.size());
            for (int i = 0; i < n.size(); i++) {
                list.add(plainValue(n.get(i), path + "[" + i + "]"));
            }
            return list;
        }
        if (n.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            n.fields().forEachRemaining(e -> map.put(e.getKey(), plainValue(e.getValue(), path + "." + e.getKey())));
            return map;
        }
        return null;
    }

    private JsonNode required(String name) {
        if (!has(name)) {
            throw ApiException.badRequest("missing field \"" + where + name + "\"");
        }
        return object.get(name);
    }

    private static String checkedText(String path, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw ApiException.badRequest("field \"" + path
                        + "\" holds an unpaired surrogate (\\u" + Integer.toHexString(c) + ") at character " + i
                        + ": not Unicode text");
            }
        }
        return value;
    }

    private ApiException wrongType(String name, String expected, JsonNode n) {
        return ApiException.badRequest("field \"" + where + name + "\" must be " + expected + ", not " + kind(n));
    }

    /** A JSON value's kind for messages: {@code a string}, {@code a number} … */
    static String kind(JsonNode n) {
        if (n == null || n.isNull()) {
            return "null";
        }
        if (n.isTextual()) {
            return "a string";
        }
        if (n.isNumber()) {
            return "a number";
        }
        if (n.isBoolean()) {
            return "a boolean";
        }
        if (n.isArray()) {
            return "an array";
        }
        return "an object";
    }
}
