package dev.tokenlab.templates;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * jinja2's built-in filters as 3.1 defines them (the ones chat templates use), plus transformers' {@code tojson}.
 * Lazy filters ({@code map}, {@code select}, {@code selectattr}, {@code unique}, {@code items}, {@code reverse},
 * {@code batch}) return a one-shot {@link PyIterator}, as jinja2's return generators.
 */
final class Filters {
    private static final Set<String> NAMES = Set.of("abs", "attr", "batch", "capitalize", "center", "count", "d",
            "default", "dictsort", "e", "escape", "first", "float", "format", "indent", "int", "items", "join", "last",
            "length", "list", "lower", "map", "max", "min", "reject", "rejectattr", "replace", "reverse", "round",
            "safe", "select", "selectattr", "sort", "string", "sum", "title", "tojson", "trim", "unique", "upper",
            "wordcount");

    private static final java.util.regex.Pattern WORD = java.util.regex.Pattern.compile("[\\p{L}\\p{N}_]+");

    private Filters() {
    }

    static boolean exists(String name) {
        return NAMES.contains(name);
    }

    /** The argument at {@code i} or named {@code keyword}, else {@code absent}. */
    private static Object arg(List<Object> args, Map<String, Object> kwargs, int i, String keyword, Object absent) {
        if (i < args.size()) {
            return args.get(i);
        }
        return kwargs.containsKey(keyword) ? kwargs.get(keyword) : absent;
    }

    static Object apply(Renderer r, String name, Object v, List<Object> args, Map<String, Object> kwargs) {
        switch (name) {
            case "abs": {
                if (PyValues.isInt(v)) {
                    return Math.abs(PyValues.asLong(v));
                }
                if (v instanceof Double d) {
                    return Math.abs(d);
                }
                if (v instanceof Undefined u) {
                    throw u.fail();
                }
                throw PyError.type("bad operand type for abs(): '" + PyValues.typeName(v) + "'");
            }
            case "attr":
                return r.getattr(v, PyValues.str(arg(args, kwargs, 0, "name", "")));
            case "batch":
                return batch(r, v, args, kwargs);
            case "capitalize":
                return PyStrings.capitalize(PyValues.str(v));
            case "center": {
                long width = PyValues.asLong(arg(args, kwargs, 0, "width", 80L));
                return Methods.call(r, PyValues.str(v), "center", List.of(width), Map.of());
            }
            case "count":
            case "length":
                return PyValues.length(v instanceof PyIterator ? noLength() : v);
            case "d":
            case "default": {
                Object fallback = arg(args, kwargs, 0, "default_value", "");
                boolean bool = PyValues.truthy(arg(args, kwargs, 1, "boolean", false));
                return v instanceof Undefined || bool && !PyValues.truthy(v) ? fallback : v;
            }
            case "dictsort":
                return dictsort(v, args, kwargs);
            case "e":
            case "escape":
                return PyValues.str(v).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                        .replace("\"", "&#34;").replace("'", "&#39;");
            case "first": {
                List<Object> items = PyValues.iterate(v);
                return items.isEmpty() ? Undefined.hint("No first item, sequence was empty.") : items.get(0);
            }
            case "last": {
                if (!(v instanceof List || v instanceof Tuple || v instanceof Map || v instanceof PyRange
                        || v instanceof String || v instanceof DictView || v instanceof Undefined)) {
                    throw PyError.type("'" + PyValues.typeName(v) + "' object is not reversible");
                }
                List<Object> items = PyValues.iterate(v);
                return items.isEmpty() ? Undefined.hint("No last item, sequence was empty.") : items.get(items.size() - 1);
            }
            case "float":
                return toFloat(v, arg(args, kwargs, 0, "default", 0.0));
            case "format":
                return PyValues.modulo(v, args.size() == 1 ? args.get(0) : new Tuple(args));
            case "indent":
                return indent(r, v, args, kwargs);
            case "int":
                return toInt(v, arg(args, kwargs, 0, "default", 0L), arg(args, kwargs, 1, "base", 10L));
            case "items": {
                if (v instanceof Undefined) {
                    return new PyIterator(List.of());
                }
                if (!(v instanceof Map<?, ?> map)) {
                    throw PyError.type("Can only get item pairs from a mapping.");
                }
                List<Object> pairs = new ArrayList<>();
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    pairs.add(new Tuple(Arrays.asList(e.getKey(), e.getValue())));
                }
                return new PyIterator(pairs);
            }
            case "join":
                return join(r, v, args, kwargs);
            case "list":
                return new ArrayList<>(PyValues.iterate(v));
            case "lower":
                return PyStrings.lower(PyValues.str(v));
            case "upper":
                return PyStrings.upper(PyValues.str(v));
            case "title":
                return title(PyValues.str(v));
            case "map":
                return map(r, v, args, kwargs);
            case "max":
            case "min":
                return minMax(r, name.equals("max"), v, args, kwargs);
            case "select":
            case "reject":
            case "selectattr":
            case "rejectattr":
                return select(r, name, v, args);
            case "replace": {
                String s = PyValues.str(v);
                String old = PyValues.str(arg(args, kwargs, 0, "old", ""));
                String replacement = PyValues.str(arg(args, kwargs, 1, "new", ""));
                Object count = arg(args, kwargs, 2, "count", null);
                String result = PyStrings.replace(s, old, replacement, count == null ? -1 : PyValues.asLong(count));
                PyValues.checkSize(result.length(), r.maxSize);
                return result;
            }
            case "reverse": {
                if (v instanceof String s) {
                    return new StringBuilder(s).reverse().toString();
                }
                if (!(v instanceof List || v instanceof Tuple || v instanceof Map || v instanceof PyRange
                        || v instanceof PyIterator || v instanceof DictView || v instanceof Undefined)) {
                    throw new PyError("FilterArgumentError", "argument must be iterable");
                }
                List<Object> items = new ArrayList<>(PyValues.iterate(v));
                java.util.Collections.reverse(items);
                return new PyIterator(items);
            }
            case "round":
                return round(v, arg(args, kwargs, 0, "precision", 0L), PyValues.str(arg(args, kwargs, 1, "method", "common")));
            case "safe":
            case "string":
                return PyValues.str(v);
            case "sort":
                return sort(r, v, args, kwargs);
            case "sum": {
                Object attribute = arg(args, kwargs, 0, "attribute", null);
                Object total = arg(args, kwargs, 1, "start", 0L);
                for (Object item : PyValues.iterate(v)) {
                    r.step();
                    total = PyValues.add(total, attribute == null ? item : attribute(r, item, attribute), r.maxSize);
                }
                return total;
            }
            case "tojson":
                return Json.dumps(v, arg(args, kwargs, 1, "indent", null), arg(args, kwargs, 2, "separators", null),
                        PyValues.truthy(arg(args, kwargs, 3, "sort_keys", false)), r.maxSize);
            case "trim": {
                Object chars = arg(args, kwargs, 0, "chars", null);
                return PyStrings.strip(PyValues.str(v), chars == null ? null : PyValues.str(chars), true, true);
            }
            case "unique":
                return unique(r, v, args, kwargs);
            case "wordcount":
                return WORD.matcher(PyValues.str(v)).results().count();
            default:
                throw new IllegalStateException(name);
        }
    }

    private static Object noLength() {
        throw PyError.type("object of type 'generator' has no len()");
    }

    /** jinja2's {@code title} filter: a word starts after {@code -}, whitespace or an opening bracket. */
    private static String title(String s) {
        StringBuilder out = new StringBuilder(s.length());
        boolean start = true;
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            boolean separator = c == '-' || c == '(' || c == '{' || c == '[' || c == '<' || PyStrings.isSpace(c);
            if (separator) {
                out.appendCodePoint(c);
                start = true;
            } else if (start) {
                out.append(PyStrings.upper(new String(Character.toChars(c))));
                start = false;
            } else {
                out.append(PyStrings.lower(new String(Character.toChars(c))));
            }
        }
        return out.toString();
    }

    /** The value of a dotted {@code attribute} ({@code a.b}, {@code a.0}) of an item, read as jinja2 does (item first). */
    static Object attribute(Renderer r, Object item, Object attribute) {
        if (PyValues.isInt(attribute)) {
            return r.getitem(item, attribute);
        }
        Object value = item;
        for (String part : PyValues.str(attribute).split("\\.", -1)) {
            Object key = part.matches("\\d+") ? (Object) Long.parseLong(part) : part;
            value = r.getitem(value, key);
        }
        return value;
    }

    private static Object ignoreCase(Object v, boolean caseSensitive) {
        return !caseSensitive && v instanceof String s ? PyStrings.lower(s) : v;
    }

    private static Object dictsort(Object v, List<Object> args, Map<String, Object> kwargs) {
        boolean caseSensitive = PyValues.truthy(arg(args, kwargs, 0, "case_sensitive", false));
        String by = PyValues.str(arg(args, kwargs, 1, "by", "key"));
        boolean reverse = PyValues.truthy(arg(args, kwargs, 2, "reverse", false));
        if (!(v instanceof Map<?, ?> map)) {
            if (v instanceof Undefined u) {
                throw u.fail();
            }
            throw new PyError("AttributeError", "'" + PyValues.typeName(v) + "' object has no attribute 'items'");
        }
        int index = switch (by) {
            case "key" -> 0;
            case "value" -> 1;
            default -> throw new PyError("FilterArgumentError", "You can only sort by either \"key\" or \"value\"");
        };
        List<Object> pairs = new ArrayList<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            pairs.add(new Tuple(Arrays.asList(e.getKey(), e.getValue())));
        }
        Comparator<Object> order = (a, b) -> PyValues.compare(ignoreCase(((Tuple) a).items().get(index), caseSensitive),
                ignoreCase(((Tuple) b).items().get(index), caseSensitive), "<");
        pairs.sort(reverse ? order.reversed() : order);
        return pairs;
    }

    private static Object sort(Renderer r, Object v, List<Object> args, Map<String, Object> kwargs) {
        boolean reverse = PyValues.truthy(arg(args, kwargs, 0, "reverse", false));
        boolean caseSensitive = PyValues.truthy(arg(args, kwargs, 1, "case_sensitive", false));
        Object attribute = arg(args, kwargs, 2, "attribute", null);
        List<Object> items = new ArrayList<>(PyValues.iterate(v));
        Comparator<Object> order = (a, b) -> PyValues.compare(key(r, a, attribute, caseSensitive),
                key(r, b, attribute, caseSensitive), "<");
        items.sort(reverse ? order.reversed() : order);
        return items;
    }

    private static Object key(Renderer r, Object item, Object attribute, boolean caseSensitive) {
        return ignoreCase(attribute == null ? item : attribute(r, item, attribute), caseSensitive);
    }

    private static Object unique(Renderer r, Object v, List<Object> args, Map<String, Object> kwargs) {
        boolean caseSensitive = PyValues.truthy(arg(args, kwargs, 0, "case_sensitive", false));
        Object attribute = arg(args, kwargs, 1, "attribute", null);
        List<Object> seen = new ArrayList<>();
        List<Object> out = new ArrayList<>();
        for (Object item : PyValues.iterate(v)) {
            Object key = key(r, item, attribute, caseSensitive);
            boolean found = false;
            for (Object s : seen) {
                r.step();
                if (PyValues.equal(s, key)) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                seen.add(key);
                out.add(item);
            }
        }
        return new PyIterator(out);
    }

    private static Object minMax(Renderer r, boolean max, Object v, List<Object> args, Map<String, Object> kwargs) {
        boolean caseSensitive = PyValues.truthy(arg(args, kwargs, 0, "case_sensitive", false));
        Object attribute = arg(args, kwargs, 1, "attribute", null);
        Object best = null;
        Object bestKey = null;
        boolean any = false;
        for (Object item : PyValues.iterate(v)) {
            Object key = key(r, item, attribute, caseSensitive);
            if (!any || (max ? PyValues.compare(key, bestKey, ">") > 0 : PyValues.compare(key, bestKey, "<") < 0)) {
                best = item;
                bestKey = key;
                any = true;
            }
        }
        return any ? best : Undefined.hint("No aggregated item, sequence was empty.");
    }

    private static Object join(Renderer r, Object v, List<Object> args, Map<String, Object> kwargs) {
        String separator = PyValues.str(arg(args, kwargs, 0, "d", ""));
        Object attribute = arg(args, kwargs, 1, "attribute", null);
        StringBuilder out = new StringBuilder();
        boolean first = true;
        for (Object item : PyValues.iterate(v)) {
            r.step();
            if (!first) {
                out.append(separator);
            }
            first = false;
            out.append(PyValues.str(attribute == null ? item : attribute(r, item, attribute)));
            PyValues.checkSize(out.length(), r.maxSize);
        }
        return out.toString();
    }

    private static Object map(Renderer r, Object v, List<Object> args, Map<String, Object> kwargs) {
        List<Object> out = new ArrayList<>();
        if (!PyValues.truthy(v)) {
            return new PyIterator(out);
        }
        if (args.isEmpty() && kwargs.containsKey("attribute")) {
            Object attribute = kwargs.get("attribute");
            boolean hasDefault = kwargs.containsKey("default");
            for (Object item : PyValues.iterate(v)) {
                r.step();
                Object value = attribute(r, item, attribute);
                out.add(hasDefault && value instanceof Undefined ? kwargs.get("default") : value);
            }
            return new PyIterator(out);
        }
        if (args.isEmpty()) {
            throw new PyError("FilterArgumentError", "map requires a filter argument");
        }
        String filter = PyValues.str(args.get(0));
        if (!exists(filter)) {
            throw new PyError("TemplateRuntimeError", "No filter named '" + filter + "'.");
        }
        List<Object> rest = args.subList(1, args.size());
        for (Object item : PyValues.iterate(v)) {
            r.step();
            out.add(apply(r, filter, item, rest, kwargs));
        }
        return new PyIterator(out);
    }

    private static Object select(Renderer r, String name, Object v, List<Object> args) {
        boolean attr = name.endsWith("attr");
        boolean keep = name.startsWith("select");
        int testAt = attr ? 1 : 0;
        if (attr && args.isEmpty()) {
            throw PyError.type("Missing parameter for attribute name");
        }
        String test = args.size() > testAt ? PyValues.str(args.get(testAt)) : null;
        if (test != null && !Tests.exists(test)) {
            throw new PyError("TemplateRuntimeError", "No test named '" + test + "'.");
        }
        List<Object> testArgs = args.size() > testAt + 1 ? args.subList(testAt + 1, args.size()) : List.of();
        List<Object> out = new ArrayList<>();
        if (!PyValues.truthy(v)) {
            return new PyIterator(out);
        }
        for (Object item : PyValues.iterate(v)) {
            r.step();
            Object value = attr ? attribute(r, item, args.get(0)) : item;
            boolean passes = test == null ? PyValues.truthy(value) : Tests.apply(r, test, value, testArgs);
            if (passes == keep) {
                out.add(item);
            }
        }
        return new PyIterator(out);
    }

    private static Object batch(Renderer r, Object v, List<Object> args, Map<String, Object> kwargs) {
        Object count = arg(args, kwargs, 0, "linecount", null);
        if (!PyValues.isInt(count) || PyValues.asLong(count) <= 0) {
            throw PyError.value("batch needs a positive line count");
        }
        long size = PyValues.asLong(count);
        boolean fill = args.size() > 1 || kwargs.containsKey("fill_with");
        Object filler = arg(args, kwargs, 1, "fill_with", null);
        List<Object> out = new ArrayList<>();
        List<Object> current = new ArrayList<>();
        for (Object item : PyValues.iterate(v)) {
            r.step();
            current.add(item);
            if (current.size() == size) {
                out.add(current);
                current = new ArrayList<>();
            }
        }
        if (!current.isEmpty()) {
            while (fill && current.size() < size) {
                current.add(filler);
            }
            out.add(current);
        }
        return new PyIterator(out);
    }

    /** jinja2 3.1's {@code indent(width=4, first=False, blank=False)}: blank lines stay empty unless {@code blank}. */
    private static Object indent(Renderer r, Object v, List<Object> args, Map<String, Object> kwargs) {
        Object width = arg(args, kwargs, 0, "width", 4L);
        boolean first = PyValues.truthy(arg(args, kwargs, 1, "first", false));
        boolean blank = PyValues.truthy(arg(args, kwargs, 2, "blank", false));
        String indention;
        if (width instanceof String s) {
            indention = s;
        } else if (PyValues.isInt(width)) {
            PyValues.checkSize(PyValues.asLong(width), r.maxSize);
            indention = " ".repeat((int) Math.max(0, PyValues.asLong(width)));
        } else {
            throw PyError.type("can't multiply sequence by non-int of type '" + PyValues.typeName(width) + "'");
        }
        if (!(v instanceof String text)) {
            // jinja2 appends "\n" to the value itself before splitting its lines: only a string survives that.
            if (v instanceof Undefined u) {
                throw u.fail();
            }
            if (v instanceof List) {
                throw new PyError("AttributeError", "'list' object has no attribute 'splitlines'");
            }
            if (v instanceof Tuple) {
                throw PyError.type("can only concatenate tuple (not \"str\") to tuple");
            }
            throw PyError.type("unsupported operand type(s) for +=: '" + PyValues.typeName(v) + "' and 'str'");
        }
        List<String> lines = PyStrings.splitlines(text + "\n");
        StringBuilder out = new StringBuilder();
        if (blank) {
            out.append(String.join("\n" + indention, lines));
        } else {
            out.append(lines.get(0));
            for (int i = 1; i < lines.size(); i++) {
                out.append('\n');
                if (!lines.get(i).isEmpty()) {
                    out.append(indention);
                }
                out.append(lines.get(i));
                PyValues.checkSize(out.length(), r.maxSize);
            }
        }
        return first ? indention + out : out.toString();
    }

    private static Object toInt(Object v, Object fallback, Object base) {
        if (PyValues.isInt(v)) {
            return PyValues.asLong(v);
        }
        if (v instanceof Double d) {
            return Double.isFinite(d) ? (long) (double) d : fallback;
        }
        if (v instanceof String s) {
            String t = PyStrings.strip(s, null, true, true).replace("_", "");
            int radix = (int) PyValues.asLong(base);
            try {
                String prefix = t.length() > 2 ? t.substring(0, 2).toLowerCase() : "";
                if (radix == 16 && prefix.equals("0x") || radix == 8 && prefix.equals("0o") || radix == 2 && prefix.equals("0b")) {
                    t = t.substring(2);
                }
                return Long.parseLong(t.startsWith("+") ? t.substring(1) : t, radix);
            } catch (NumberFormatException e) {
                try {
                    double d = Double.parseDouble(t);
                    return Double.isFinite(d) && t.matches("[+-]?[0-9.eE+-]+") ? (Object) (long) d : fallback;
                } catch (NumberFormatException e2) {
                    return fallback;
                }
            }
        }
        if (v instanceof Undefined u) {
            throw u.fail();
        }
        return fallback;
    }

    private static Object toFloat(Object v, Object fallback) {
        if (PyValues.isNumber(v)) {
            return PyValues.asDouble(v);
        }
        if (v instanceof String s) {
            String t = PyStrings.strip(s, null, true, true).replace("_", "");
            if (t.matches("[+-]?(\\d+\\.?\\d*([eE][+-]?\\d+)?|\\.\\d+([eE][+-]?\\d+)?)")) {
                return Double.parseDouble(t);
            }
            String lower = PyStrings.lower(t);
            if (lower.matches("[+-]?(inf|infinity)")) {
                return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            }
            if (lower.matches("[+-]?nan")) {
                return Double.NaN;
            }
            return fallback;
        }
        if (v instanceof Undefined u) {
            throw u.fail();
        }
        return fallback;
    }

    /** {@code round(value, precision, method)}: {@code common} is Python's round (half to even on the exact value). */
    private static Object round(Object v, Object precision, String method) {
        if (!PyValues.isNumber(v)) {
            throw PyError.type("type " + PyValues.typeName(v) + " doesn't define __round__ method");
        }
        int digits = (int) PyValues.asLong(precision);
        RoundingMode mode = switch (method) {
            case "common" -> RoundingMode.HALF_EVEN;
            case "ceil" -> RoundingMode.CEILING;
            case "floor" -> RoundingMode.FLOOR;
            default -> throw new PyError("FilterArgumentError", "method must be common, ceil or floor");
        };
        if (PyValues.isInt(v) && method.equals("common")) {
            if (digits >= 0) {
                return PyValues.asLong(v);
            }
            return BigDecimal.valueOf(PyValues.asLong(v)).setScale(digits, mode).longValue();
        }
        double d = PyValues.asDouble(v);
        if (!Double.isFinite(d)) {
            return d;
        }
        return new BigDecimal(d).setScale(digits, mode).doubleValue();
    }
}
