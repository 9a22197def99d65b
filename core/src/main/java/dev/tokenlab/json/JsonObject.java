package dev.tokenlab.json;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * A JSON object: its members in document order (keys are unique; the reader rejects duplicates),
 * and typed accessors whose errors name the JSON path of the member
 * ({@code tokenizer.json: $.model.vocab.abc: expected an integer, found a string}).
 *
 * <pre>{@code
 * JsonObject model = root.object("model");
 * String type = model.string("type");                        // required
 * Optional<String> unk = model.optionalString("unk_token");  // absent or null: empty
 * boolean fallback = model.bool("byte_fallback", false);     // absent: false
 * JsonObject vocab = model.object("vocab");
 * for (String token : vocab.keys()) {
 *     int id = vocab.integer(token);
 * }
 * }</pre>
 *
 * <p>The {@code optional…} accessors take an absent member and {@code null} alike as "not there"
 * (as serde_json does for an {@code Option}), {@link #bool(String, boolean)} an absent member as its
 * default; every other accessor requires the member and its kind. Lookups take constant time (at
 * worst O(log n), for keys crafted to share a hash code). Immutable; equal to another object with
 * equal members in the same order, wherever in a tree either is.
 */
public final class JsonObject implements JsonValue {
    /** Objects of up to this many members are searched by a scan instead of a hash map. */
    static final int SCAN_LIMIT = 8;

    /** Where it is: the path of its parent and its key or index there; for the root, the root path, no key and index -1. */
    private final JsonPath parent;
    private final String key;
    private final int index;
    private final String[] keys;
    private final JsonValue[] values;
    /** Key to member index; null for objects of at most {@link #SCAN_LIMIT} members. */
    private final Map<String, Integer> lookup;

    /** Takes the arrays and the index as they are (the reader hands over fresh ones, keys unique, the index complete). */
    JsonObject(JsonPath parent, String key, int index, String[] keys, JsonValue[] values, Map<String, Integer> lookup) {
        this.parent = parent;
        this.key = key;
        this.index = index;
        this.keys = keys;
        this.values = values;
        this.lookup = lookup;
    }

    /** The number of members. */
    public int size() {
        return keys.length;
    }

    /** The keys, in document order (unmodifiable). */
    public List<String> keys() {
        return Collections.unmodifiableList(Arrays.asList(keys));
    }

    /** Whether there is a member {@code key} (whatever its value, {@code null} included). */
    public boolean has(String key) {
        return find(key) >= 0;
    }

    /** The value of member {@code key}, if there is one. */
    public Optional<JsonValue> get(String key) {
        int i = find(key);
        return i < 0 ? Optional.empty() : Optional.of(values[i]);
    }

    /** The member {@code key}, which must be an object. */
    public JsonObject object(String key) {
        JsonValue v = require(key, "an object");
        if (v instanceof JsonObject o) {
            return o;
        }
        throw wrongKind(key, "an object", v);
    }

    /** The member {@code key}, which must be an object, {@code null} or absent. */
    public Optional<JsonObject> optionalObject(String key) {
        JsonValue v = optional(key);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof JsonObject o) {
            return Optional.of(o);
        }
        throw wrongKind(key, "an object or null", v);
    }

    /** The member {@code key}, which must be an array. */
    public JsonArray array(String key) {
        JsonValue v = require(key, "an array");
        if (v instanceof JsonArray a) {
            return a;
        }
        throw wrongKind(key, "an array", v);
    }

    /** The member {@code key}, which must be an array, {@code null} or absent. */
    public Optional<JsonArray> optionalArray(String key) {
        JsonValue v = optional(key);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof JsonArray a) {
            return Optional.of(a);
        }
        throw wrongKind(key, "an array or null", v);
    }

    /** The member {@code key}, which must be a string. */
    public String string(String key) {
        JsonValue v = require(key, "a string");
        if (v instanceof JsonString s) {
            return s.value();
        }
        throw wrongKind(key, "a string", v);
    }

    /** The member {@code key}, which must be a string, {@code null} or absent. */
    public Optional<String> optionalString(String key) {
        JsonValue v = optional(key);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof JsonString s) {
            return Optional.of(s.value());
        }
        throw wrongKind(key, "a string or null", v);
    }

    /** The member {@code key}, which must be an integer from -2147483648 to 2147483647. */
    public int integer(String key) {
        return toInt(key, require(key, "an integer"), "an integer");
    }

    /** The member {@code key}, which must be an integer from -2147483648 to 2147483647, {@code null} or absent. */
    public OptionalInt optionalInteger(String key) {
        JsonValue v = optional(key);
        return v == null ? OptionalInt.empty() : OptionalInt.of(toInt(key, v, "an integer or null"));
    }

    /** The member {@code key}, which must be a number within the range of a double. */
    public double number(String key) {
        return toDouble(key, require(key, "a number"), "a number");
    }

    /** The member {@code key}, which must be a number within the range of a double, {@code null} or absent. */
    public OptionalDouble optionalNumber(String key) {
        JsonValue v = optional(key);
        return v == null ? OptionalDouble.empty() : OptionalDouble.of(toDouble(key, v, "a number or null"));
    }

    /** The member {@code key}, which must be {@code true} or {@code false}. */
    public boolean bool(String key) {
        JsonValue v = require(key, "true or false");
        if (v instanceof JsonBoolean b) {
            return b.value();
        }
        throw wrongKind(key, "true or false", v);
    }

    /**
     * The member {@code key}, which must be {@code true} or {@code false}; {@code defaultValue} when it
     * is absent. {@code null} is an error, as it is for serde_json's {@code #[serde(default)] bool}.
     */
    public boolean bool(String key, boolean defaultValue) {
        int i = find(key);
        if (i < 0) {
            return defaultValue;
        }
        if (values[i] instanceof JsonBoolean b) {
            return b.value();
        }
        throw wrongKind(key, "true or false", values[i]);
    }

    /** This object's JSON path, {@code $.model}. */
    public String path() {
        return where().toString();
    }

    /**
     * An error about member {@code key} for the caller to throw, naming the source and the member's
     * path: {@code model.error("type", "expected BPE, Unigram, WordLevel or WordPiece, found \"X\"")}
     * says {@code tokenizer.json: $.model.type: expected BPE, …}.
     */
    public JsonException error(String key, String message) {
        return where().memberError(key, message);
    }

    /** The key of member {@code i} (document order). */
    String keyAt(int i) {
        return keys[i];
    }

    /** The value of member {@code i} (document order). */
    JsonValue valueAt(int i) {
        return values[i];
    }

    /** Whether {@code other} has the same keys in the same order. */
    boolean sameKeys(JsonObject other) {
        return Arrays.equals(keys, other.keys);
    }

    private int find(String key) {
        if (lookup != null) {
            Integer i = lookup.get(key);
            return i == null ? -1 : i;
        }
        for (int i = 0; i < keys.length; i++) {
            if (keys[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    private JsonValue require(String key, String expected) {
        int i = find(key);
        if (i < 0) {
            throw where().memberError(key, "expected " + expected + ", found no such key");
        }
        return values[i];
    }

    /** The value of member {@code key}, or null when it is absent or {@code null}. */
    private JsonValue optional(String key) {
        int i = find(key);
        return i < 0 || values[i] == JsonNull.NULL ? null : values[i];
    }

    private int toInt(String key, JsonValue v, String expected) {
        if (!(v instanceof JsonNumber n)) {
            throw wrongKind(key, expected, v);
        }
        String problem = n.intProblem();
        if (problem != null) {
            throw where().memberError(key, problem);
        }
        return (int) n.longValue();
    }

    private double toDouble(String key, JsonValue v, String expected) {
        if (!(v instanceof JsonNumber n)) {
            throw wrongKind(key, expected, v);
        }
        double d = n.doubleValue();
        if (Double.isInfinite(d)) {
            throw where().memberError(key, n.doubleProblem());
        }
        return d;
    }

    private JsonException wrongKind(String key, String expected, JsonValue found) {
        return where().memberError(key, "expected " + expected + ", found " + Text.describe(found));
    }

    /** This container's path, made on request (the reader keeps no path object for containers without containers in them). */
    private JsonPath where() {
        return key != null ? parent.member(key) : index >= 0 ? parent.element(index) : parent;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JsonObject other && Trees.equal(this, other);
    }

    @Override
    public int hashCode() {
        return Trees.hash(this);
    }

    /** A summary, not the content (which may be megabytes): {@code JSON object at $.model, 10 members}. */
    @Override
    public String toString() {
        return "JSON object at " + where() + ", " + keys.length + (keys.length == 1 ? " member" : " members");
    }
}
