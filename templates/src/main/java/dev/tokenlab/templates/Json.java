package dev.tokenlab.templates;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * transformers' {@code tojson}: Python's {@code json.dumps(x, ensure_ascii=False, indent=indent,
 * separators=separators, sort_keys=sort_keys)}, byte for byte — {@code ", "} and {@code ": "} without indent,
 * {@code ","} and {@code ": "} with it, non-ASCII kept, floats as Python's {@code repr}.
 */
final class Json {
    private final String itemSeparator;
    private final String keySeparator;
    private final String indent;
    private final boolean sortKeys;
    private final long maxSize;
    private final StringBuilder out = new StringBuilder();

    private Json(String itemSeparator, String keySeparator, String indent, boolean sortKeys, long maxSize) {
        this.itemSeparator = itemSeparator;
        this.keySeparator = keySeparator;
        this.indent = indent;
        this.sortKeys = sortKeys;
        this.maxSize = maxSize;
    }

    static String dumps(Object value, Object indent, Object separators, boolean sortKeys, long maxSize) {
        String indentText = null;
        if (indent instanceof String s) {
            indentText = s;
        } else if (PyValues.isInt(indent)) {
            long n = PyValues.asLong(indent);
            PyValues.checkSize(n, maxSize);
            indentText = " ".repeat((int) Math.max(0, n));
        } else if (indent != null) {
            throw PyError.type("indent must be an int or a str, not " + PyValues.typeName(indent));
        }
        String item = indentText == null ? ", " : ",";
        String key = ": ";
        if (separators != null) {
            List<Object> pair = PyValues.iterate(separators);
            if (pair.size() != 2 || !(pair.get(0) instanceof String a) || !(pair.get(1) instanceof String b)) {
                throw PyError.value("separators must be a pair of strings");
            }
            item = a;
            key = b;
        }
        Json json = new Json(item, key, indentText, sortKeys, maxSize);
        json.write(value, 0);
        return json.out.toString();
    }

    private void write(Object v, int level) {
        PyValues.checkSize(out.length(), maxSize);
        if (level > 512) {
            throw PyError.limit("a value nests deeper than 512 levels");
        }
        if (v == null) {
            out.append("null");
        } else if (v instanceof Boolean b) {
            out.append(b ? "true" : "false");
        } else if (v instanceof Long l) {
            out.append(l);
        } else if (v instanceof Double d) {
            out.append(number(d));
        } else if (v instanceof String s) {
            string(s);
        } else if (v instanceof List || v instanceof Tuple) {
            List<?> items = v instanceof Tuple t ? t.items() : (List<?>) v;
            if (items.isEmpty()) {
                out.append("[]");
                return;
            }
            out.append('[');
            for (int i = 0; i < items.size(); i++) {
                out.append(i == 0 ? "" : itemSeparator);
                newline(level + 1);
                write(items.get(i), level + 1);
            }
            newline(level);
            out.append(']');
        } else if (v instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                out.append("{}");
                return;
            }
            List<Map.Entry<?, ?>> entries = new ArrayList<>(map.entrySet());
            if (sortKeys) {
                entries.sort((a, b) -> PyValues.compare(a.getKey(), b.getKey(), "<"));
            }
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : entries) {
                out.append(first ? "" : itemSeparator);
                first = false;
                newline(level + 1);
                string(key(e.getKey()));
                out.append(keySeparator);
                write(e.getValue(), level + 1);
            }
            newline(level);
            out.append('}');
        } else {
            throw PyError.type("Object of type " + PyValues.typeName(v) + " is not JSON serializable");
        }
    }

    private void newline(int level) {
        if (indent != null) {
            out.append('\n');
            for (int i = 0; i < level; i++) {
                out.append(indent);
            }
        }
    }

    private static String key(Object k) {
        if (k instanceof String s) {
            return s;
        }
        if (k == null) {
            return "null";
        }
        if (k instanceof Boolean b) {
            return b ? "true" : "false";
        }
        if (k instanceof Long l) {
            return l.toString();
        }
        if (k instanceof Double d) {
            return number(d);
        }
        throw PyError.type("keys must be str, int, float, bool or None, not " + PyValues.typeName(k));
    }

    private static String number(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        return PyValues.floatRepr(d);
    }

    private void string(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
