package dev.tokenlab.json;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A JSON array: its elements in order, and typed accessors whose errors name the JSON path of the
 * element ({@code tokenizer.json: $.model.merges[7][1]: expected a string, found the number 3}).
 *
 * <pre>{@code
 * JsonArray merges = model.array("merges");
 * for (int i = 0; i < merges.size(); i++) {
 *     JsonArray pair = merges.array(i);          // ["Ġ", "t"]
 *     String left = pair.string(0), right = pair.string(1);
 * }
 * }</pre>
 *
 * <p>Immutable; equal to another array with equal elements in the same order, wherever in a tree
 * either is.
 */
public final class JsonArray implements JsonValue {
    /** Where it is: the path of its parent and its key or index there; for the root, the root path, no key and index -1. */
    private final JsonPath parent;
    private final String key;
    private final int index;
    private final JsonValue[] values;

    /** Takes {@code values} as it is (the reader hands over a fresh array). */
    JsonArray(JsonPath parent, String key, int index, JsonValue[] values) {
        this.parent = parent;
        this.key = key;
        this.index = index;
        this.values = values;
    }

    /** The number of elements. */
    public int size() {
        return values.length;
    }

    /** The element at {@code index}; an error naming the path when there is none. */
    public JsonValue get(int index) {
        if (index < 0 || index >= values.length) {
            throw where().elementError(index, "expected an element, found " + none());
        }
        return values[index];
    }

    /** The elements, in order (unmodifiable). */
    public List<JsonValue> values() {
        return Collections.unmodifiableList(Arrays.asList(values));
    }

    /** The element at {@code index}, which must be an object. */
    public JsonObject object(int index) {
        JsonValue v = get(index, "an object");
        if (v instanceof JsonObject o) {
            return o;
        }
        throw wrongKind(index, "an object", v);
    }

    /** The element at {@code index}, which must be an array. */
    public JsonArray array(int index) {
        JsonValue v = get(index, "an array");
        if (v instanceof JsonArray a) {
            return a;
        }
        throw wrongKind(index, "an array", v);
    }

    /** The element at {@code index}, which must be a string. */
    public String string(int index) {
        JsonValue v = get(index, "a string");
        if (v instanceof JsonString s) {
            return s.value();
        }
        throw wrongKind(index, "a string", v);
    }

    /** The element at {@code index}, which must be an integer from -2147483648 to 2147483647. */
    public int integer(int index) {
        JsonValue v = get(index, "an integer");
        if (!(v instanceof JsonNumber n)) {
            throw wrongKind(index, "an integer", v);
        }
        String problem = n.intProblem();
        if (problem != null) {
            throw where().elementError(index, problem);
        }
        return (int) n.longValue();
    }

    /** The element at {@code index}, which must be a number within the range of a double. */
    public double number(int index) {
        JsonValue v = get(index, "a number");
        if (!(v instanceof JsonNumber n)) {
            throw wrongKind(index, "a number", v);
        }
        double d = n.doubleValue();
        if (Double.isInfinite(d)) {
            throw where().elementError(index, n.doubleProblem());
        }
        return d;
    }

    /** This array's JSON path, {@code $.model.merges}. */
    public String path() {
        return where().toString();
    }

    /**
     * An error about the element at {@code index} for the caller to throw, naming the source and the
     * element's path: {@code merges.error(3, "expected two tokens")} says
     * {@code tokenizer.json: $.model.merges[3]: expected two tokens}.
     */
    public JsonException error(int index, String message) {
        return where().elementError(index, message);
    }

    private JsonValue get(int index, String expected) {
        if (index < 0 || index >= values.length) {
            throw where().elementError(index, "expected " + expected + ", found " + none());
        }
        return values[index];
    }

    private String none() {
        return "no such element (the array has " + values.length + (values.length == 1 ? " element)" : " elements)");
    }

    private JsonException wrongKind(int index, String expected, JsonValue found) {
        return where().elementError(index, "expected " + expected + ", found " + Text.describe(found));
    }

    /** This container's path, made on request (the reader keeps no path object for containers without containers in them). */
    private JsonPath where() {
        return key != null ? parent.member(key) : index >= 0 ? parent.element(index) : parent;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JsonArray other && Trees.equal(this, other);
    }

    @Override
    public int hashCode() {
        return Trees.hash(this);
    }

    /** A summary, not the content (which may be megabytes): {@code JSON array at $.model.merges, 151387 elements}. */
    @Override
    public String toString() {
        return "JSON array at " + where() + ", " + values.length + (values.length == 1 ? " element" : " elements");
    }
}
