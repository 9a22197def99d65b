package dev.tokenlab.tools.jinjava;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.Filter;

import java.util.Collection;
import java.util.Map;

/**
 * {@code tojson} as transformers overrides it: Python's {@code json.dumps(x, ensure_ascii=False, indent=indent)}
 * ({@code ", "} and {@code ": "} between items, or {@code ","} and a newline per item with an indent; keys in
 * insertion order; non-ASCII as is). Not covered (the evaluation needs none): {@code separators},
 * {@code sort_keys}, and Python's float repr beyond {@code Double.toString} (1e16, 1e-07).
 */
public final class PythonJsonFilter implements Filter {
    @Override
    public String getName() {
        return "tojson";
    }

    @Override
    public Object filter(Object value, JinjavaInterpreter interpreter, String... args) {
        return filter(value, interpreter, new Object[0], Map.of());
    }

    @Override
    public Object filter(Object value, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
        Object indent = kwargs.get("indent");
        StringBuilder out = new StringBuilder();
        write(value, indent instanceof Number n ? n.intValue() : -1, 0, out);
        return out.toString();
    }

    private static void write(Object value, int indent, int level, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
            out.append(value);
        } else if (value instanceof Number n) {
            out.append(n.doubleValue());
        } else if (value instanceof Map<?, ?> map) {
            writeItems(map.entrySet(), '{', '}', indent, level, out);
        } else if (value instanceof Collection<?> items) {
            writeItems(items, '[', ']', indent, level, out);
        } else {
            quote(value.toString(), out);
        }
    }

    private static void writeItems(Collection<?> items, char open, char close, int indent, int level, StringBuilder out) {
        out.append(open);
        boolean first = true;
        for (Object item : items) {
            out.append(first ? "" : indent < 0 ? ", " : ",");
            first = false;
            newline(indent, level + 1, out);
            if (item instanceof Map.Entry<?, ?> entry) {
                quote(String.valueOf(entry.getKey()), out);
                out.append(": ");
                write(entry.getValue(), indent, level + 1, out);
            } else {
                write(item, indent, level + 1, out);
            }
        }
        if (!first) {
            newline(indent, level, out);
        }
        out.append(close);
    }

    private static void newline(int indent, int level, StringBuilder out) {
        if (indent >= 0) {
            out.append('\n').append(" ".repeat(indent * level));
        }
    }

    private static void quote(String s, StringBuilder out) {
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
                default -> out.append(c < 0x20 ? "\\u%04x".formatted((int) c) : String.valueOf(c));
            }
        }
        out.append('"');
    }
}
