package dev.tokenlab.json;

import java.util.ArrayDeque;

/**
 * Equality and hash codes of whole trees, without recursion: a tree may be nested as deep as the
 * reader's depth limit allows, and comparing two of them must not overflow the stack either.
 */
final class Trees {
    private Trees() {
    }

    /** Whether {@code a} and {@code b} have the same content: same kinds, same keys in the same order, equal scalars. */
    static boolean equal(JsonValue a, JsonValue b) {
        ArrayDeque<JsonValue> left = new ArrayDeque<>();
        ArrayDeque<JsonValue> right = new ArrayDeque<>();
        left.push(a);
        right.push(b);
        while (!left.isEmpty()) {
            JsonValue x = left.pop();
            JsonValue y = right.pop();
            if (x == y) {
                continue;
            }
            if (x instanceof JsonArray ax) {
                if (!(y instanceof JsonArray ay) || ax.size() != ay.size()) {
                    return false;
                }
                for (int i = 0; i < ax.size(); i++) {
                    left.push(ax.get(i));
                    right.push(ay.get(i));
                }
            } else if (x instanceof JsonObject ox) {
                if (!(y instanceof JsonObject oy) || !ox.sameKeys(oy)) {
                    return false;
                }
                for (int i = 0; i < ox.size(); i++) {
                    left.push(ox.valueAt(i));
                    right.push(oy.valueAt(i));
                }
            } else if (!x.equals(y)) {
                return false;
            }
        }
        return true;
    }

    /**
     * A hash code consistent with {@link #equal}: the values in pre-order, each container
     * contributing its kind, its size and (objects) its keys, which together determine the tree.
     */
    static int hash(JsonValue root) {
        ArrayDeque<JsonValue> todo = new ArrayDeque<>();
        todo.push(root);
        int h = 1;
        while (!todo.isEmpty()) {
            JsonValue v = todo.pop();
            if (v instanceof JsonArray a) {
                h = 31 * h + 0x5B + a.size();
                for (int i = a.size() - 1; i >= 0; i--) {
                    todo.push(a.get(i));
                }
            } else if (v instanceof JsonObject o) {
                h = 31 * h + 0x7B + o.size();
                for (int i = o.size() - 1; i >= 0; i--) {
                    h = 31 * h + o.keyAt(i).hashCode();
                    todo.push(o.valueAt(i));
                }
            } else {
                h = 31 * h + v.hashCode();
            }
        }
        return h;
    }
}
