package dev.tokenlab.json;

/**
 * Where an array or object sits in the tree, for the messages of the typed accessors: a chain of
 * keys and indexes back to the root, which holds the source name. Rendered only for an error, as
 * {@code $.model.vocab["Ġthe"]} or {@code $.model.merges[17][0]}: a key that is a plain identifier
 * after a dot, any other key as a quoted string in brackets.
 */
final class JsonPath {
    /** A path of more steps than this is shown with its middle left out. */
    private static final int MAX_SHOWN_STEPS = 40;

    private final JsonPath parent;
    private final String key;
    private final int index;
    private final String source;

    private JsonPath(JsonPath parent, String key, int index, String source) {
        this.parent = parent;
        this.key = key;
        this.index = index;
        this.source = source;
    }

    /** The root value of the input named {@code source}. */
    static JsonPath root(String source) {
        return new JsonPath(null, null, -1, source);
    }

    /** The member {@code key} of the object here. */
    JsonPath member(String key) {
        return new JsonPath(this, key, -1, source);
    }

    /** The element {@code index} of the array here. */
    JsonPath element(int index) {
        return new JsonPath(this, null, index, source);
    }

    /** The name of the input, as given to the reader. */
    String source() {
        return source;
    }

    /** The error "at this path: {@code message}". */
    JsonException error(String message) {
        return JsonException.at(source, toString(), message);
    }

    /** The error "at member {@code key} of the object here: {@code message}". */
    JsonException memberError(String key, String message) {
        return JsonException.at(source, toString() + step(key), message);
    }

    /** The error "at element {@code index} of the array here: {@code message}". */
    JsonException elementError(int index, String message) {
        return JsonException.at(source, toString() + "[" + index + "]", message);
    }

    /** {@code $.model.merges[17]}. Iterative: a path may be as deep as the input's nesting. */
    @Override
    public String toString() {
        int steps = 0;
        for (JsonPath p = this; p.parent != null; p = p.parent) {
            steps++;
        }
        String[] shown = new String[steps];
        int i = steps;
        for (JsonPath p = this; p.parent != null; p = p.parent) {
            shown[--i] = p.key != null ? step(p.key) : "[" + p.index + "]";
        }
        StringBuilder out = new StringBuilder("$");
        for (int k = 0; k < steps; k++) {
            if (steps > MAX_SHOWN_STEPS && k == MAX_SHOWN_STEPS / 2) {
                out.append("…");
                k = steps - MAX_SHOWN_STEPS / 2;
            }
            out.append(shown[k]);
        }
        return out.toString();
    }

    /** {@code .type} for an identifier, {@code ["Ġthe"]} for any other key. */
    static String step(String key) {
        boolean identifier = !key.isEmpty() && key.length() <= Text.MAX_QUOTED;
        for (int i = 0; i < key.length() && identifier; i++) {
            char c = key.charAt(i);
            identifier = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (i > 0 && c >= '0' && c <= '9');
        }
        return identifier ? "." + key : "[" + Text.quote(key) + "]";
    }
}
