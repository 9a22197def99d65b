package dev.tokenlab.templates;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Python's semantics of the template's values: {@code String}, {@code Long}, {@code Double}, {@code Boolean},
 * {@code null} (None), {@code List}, {@code Map} (insertion-ordered), {@link Tuple}, {@link PyRange},
 * {@link PyIterator}, {@link Undefined} and the few objects the engine makes. Printing ({@code str},
 * {@code repr}), truthiness, equality and ordering, arithmetic, {@code in} and iteration behave as Python 3's,
 * including its error messages for the common type errors. A {@code bool} is an {@code int}, as in Python.
 */
final class PyValues {
    private PyValues() {
    }

    /** A caller's value as a template value: boxed Java numbers widened, lists and maps copied, the rest refused. */
    static Object fromJava(Object value, int depth) {
        if (depth > 512) {
            throw new IllegalArgumentException("template variables nest deeper than 512 levels");
        }
        if (value == null || value instanceof String || value instanceof Long || value instanceof Double
                || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        if (value instanceof CharSequence cs) {
            return cs.toString();
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                copy.put(fromJava(e.getKey(), depth + 1), fromJava(e.getValue(), depth + 1));
            }
            return copy;
        }
        if (value instanceof Collection<?> items) {
            List<Object> copy = new ArrayList<>(items.size());
            for (Object item : items) {
                copy.add(fromJava(item, depth + 1));
            }
            return copy;
        }
        throw new IllegalArgumentException("a template variable cannot be a " + value.getClass().getName()
                + " (use String, Long, Integer, Double, Boolean, null, List or Map)");
    }

    static String typeName(Object v) {
        if (v == null) {
            return "NoneType";
        }
        if (v instanceof Boolean) {
            return "bool";
        }
        if (v instanceof Long) {
            return "int";
        }
        if (v instanceof Double) {
            return "float";
        }
        if (v instanceof String) {
            return "str";
        }
        if (v instanceof List) {
            return "list";
        }
        if (v instanceof Map) {
            return "dict";
        }
        if (v instanceof Tuple) {
            return "tuple";
        }
        if (v instanceof PyRange) {
            return "range";
        }
        if (v instanceof PyIterator) {
            return "generator";
        }
        if (v instanceof DictView view) {
            return "dict_" + view.kind();
        }
        if (v instanceof Undefined) {
            return "Undefined";
        }
        if (v instanceof Namespace) {
            return "Namespace";
        }
        if (v instanceof Loop) {
            return "LoopContext";
        }
        if (v instanceof Macro) {
            return "Macro";
        }
        if (v instanceof Builtin b) {
            return b.type();
        }
        if (v instanceof BoundMethod) {
            return "builtin_function_or_method";
        }
        return "function";
    }

    static boolean truthy(Object v) {
        if (v == null || v instanceof Undefined) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Long l) {
            return l != 0;
        }
        if (v instanceof Double d) {
            return d != 0.0;
        }
        if (v instanceof String s) {
            return !s.isEmpty();
        }
        if (v instanceof List<?> l) {
            return !l.isEmpty();
        }
        if (v instanceof Map<?, ?> m) {
            return !m.isEmpty();
        }
        if (v instanceof Tuple t) {
            return !t.items().isEmpty();
        }
        if (v instanceof PyRange r) {
            return r.size() > 0;
        }
        if (v instanceof DictView view) {
            return !view.map().isEmpty();
        }
        return true;
    }

    /** Python's {@code str(v)}; Undefined prints as nothing. */
    static String str(Object v) {
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Undefined) {
            return "";
        }
        return repr(v);
    }

    /** Python's {@code repr(v)}, as lists and dicts print their items. */
    static String repr(Object v) {
        StringBuilder out = new StringBuilder();
        repr(v, out, 0);
        return out.toString();
    }

    private static void repr(Object v, StringBuilder out, int depth) {
        if (depth > 512) {
            throw PyError.limit("a value nests deeper than 512 levels");
        }
        if (v == null) {
            out.append("None");
        } else if (v instanceof Boolean b) {
            out.append(b ? "True" : "False");
        } else if (v instanceof Long l) {
            out.append(l);
        } else if (v instanceof Double d) {
            out.append(floatRepr(d));
        } else if (v instanceof String s) {
            out.append(PyStrings.repr(s));
        } else if (v instanceof List<?> list) {
            out.append('[');
            reprItems(list, out, depth);
            out.append(']');
        } else if (v instanceof Tuple t) {
            out.append('(');
            reprItems(t.items(), out, depth);
            out.append(t.items().size() == 1 ? ",)" : ")");
        } else if (v instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!first) {
                    out.append(", ");
                }
                first = false;
                repr(e.getKey(), out, depth + 1);
                out.append(": ");
                repr(e.getValue(), out, depth + 1);
            }
            out.append('}');
        } else if (v instanceof DictView view) {
            out.append("dict_").append(view.kind()).append("([");
            reprItems(view.items(), out, depth);
            out.append("])");
        } else if (v instanceof PyRange r) {
            out.append("range(").append(r.start()).append(", ").append(r.stop());
            out.append(r.step() == 1 ? ")" : ", " + r.step() + ")");
        } else if (v instanceof Undefined) {
            out.append("Undefined");
        } else if (v instanceof Namespace ns) {
            out.append("<Namespace ");
            repr(new LinkedHashMap<Object, Object>(ns.attributes), out, depth + 1);
            out.append('>');
        } else if (v instanceof Macro m) {
            out.append("<Macro '").append(m.name()).append("'>");
        } else {
            out.append('<').append(typeName(v)).append(" object>");
        }
    }

    private static void reprItems(List<?> items, StringBuilder out, int depth) {
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            repr(items.get(i), out, depth + 1);
        }
    }

    /** Python's {@code repr(float)}: the shortest digits that read back, fixed from 1e-4 to 1e16, else exponent. */
    static String floatRepr(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return 1 / d < 0 ? "-0.0" : "0.0";
        }
        BigDecimal shortest = null;
        BigDecimal exact = new BigDecimal(d);
        for (int precision = 1; precision <= 17; precision++) {
            BigDecimal candidate = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
            if (candidate.doubleValue() == d) {
                shortest = candidate;
                break;
            }
        }
        BigDecimal value = shortest.stripTrailingZeros();
        String digits = value.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - value.scale(); // value = d.ddd × 10^exponent
        String sign = d < 0 ? "-" : "";
        if (exponent >= -4 && exponent < 16) {
            String plain = value.abs().toPlainString();
            return sign + (plain.contains(".") ? plain : plain + ".0");
        }
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        String exp = String.format("%02d", Math.abs(exponent));
        return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + exp;
    }

    static boolean isNumber(Object v) {
        return v instanceof Long || v instanceof Double || v instanceof Boolean;
    }

    static boolean isInt(Object v) {
        return v instanceof Long || v instanceof Boolean;
    }

    static long asLong(Object v) {
        return v instanceof Boolean b ? (b ? 1 : 0) : (Long) v;
    }

    static double asDouble(Object v) {
        return v instanceof Double d ? d : asLong(v);
    }

    static boolean equal(Object a, Object b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        if (a instanceof Undefined || b instanceof Undefined) {
            return a instanceof Undefined && b instanceof Undefined;
        }
        if (isNumber(a) && isNumber(b)) {
            if (isInt(a) && isInt(b)) {
                return asLong(a) == asLong(b);
            }
            return asDouble(a) == asDouble(b);
        }
        if (a instanceof String x && b instanceof String y) {
            return x.equals(y);
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            return equalItems(x, y);
        }
        if (a instanceof Tuple x && b instanceof Tuple y) {
            return equalItems(x.items(), y.items());
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (Map.Entry<?, ?> e : x.entrySet()) {
                Object key = findKey(y, e.getKey());
                if (key == NO_KEY || !equal(e.getValue(), y.get(key))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof PyRange x && b instanceof PyRange y) {
            return x.equals(y);
        }
        return a.equals(b);
    }

    private static boolean equalItems(List<?> x, List<?> y) {
        if (x.size() != y.size()) {
            return false;
        }
        for (int i = 0; i < x.size(); i++) {
            if (!equal(x.get(i), y.get(i))) {
                return false;
            }
        }
        return true;
    }

    static final Object NO_KEY = new Object();

    /** The key of {@code map} equal to {@code key} in Python's sense ({@code 1 == 1.0 == True}), or {@link #NO_KEY}. */
    static Object findKey(Map<?, ?> map, Object key) {
        if (map.containsKey(key)) {
            return key;
        }
        if (isNumber(key) || key instanceof List || key instanceof Map || key instanceof Tuple) {
            for (Object k : map.keySet()) {
                if (equal(k, key)) {
                    return k;
                }
            }
        }
        return NO_KEY;
    }

    /** Python's ordering ({@code <} …) of two values; a TypeError for kinds Python does not order. */
    static int compare(Object a, Object b, String op) {
        if (a instanceof Undefined u) {
            throw u.fail();
        }
        if (b instanceof Undefined u) {
            throw u.fail();
        }
        if (isNumber(a) && isNumber(b)) {
            if (isInt(a) && isInt(b)) {
                return Long.compare(asLong(a), asLong(b));
            }
            double x = asDouble(a);
            double y = asDouble(b);
            return x < y ? -1 : x > y ? 1 : 0;
        }
        if (a instanceof String x && b instanceof String y) {
            return PyStrings.compare(x, y);
        }
        List<?> x = a instanceof List<?> l ? l : a instanceof Tuple t ? t.items() : null;
        List<?> y = b instanceof List<?> l ? l : b instanceof Tuple t ? t.items() : null;
        if (x != null && y != null && (a instanceof List) == (b instanceof List)) {
            for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
                if (!equal(x.get(i), y.get(i))) {
                    return compare(x.get(i), y.get(i), op);
                }
            }
            return Integer.compare(x.size(), y.size());
        }
        throw PyError.type("'" + op + "' not supported between instances of '" + typeName(a) + "' and '" + typeName(b) + "'");
    }

    /** Python's {@code item in container}. */
    static boolean contains(Object container, Object item) {
        if (container instanceof String s) {
            if (!(item instanceof String sub)) {
                throw PyError.type("'in <string>' requires string as left operand, not " + typeName(item));
            }
            return s.contains(sub);
        }
        if (container instanceof Map<?, ?> m) {
            if (item instanceof List || item instanceof Map) {
                throw PyError.type("unhashable type: '" + typeName(item) + "'");
            }
            return findKey(m, item) != NO_KEY;
        }
        if (container instanceof PyRange r) {
            if (!isInt(item)) {
                return false;
            }
            long v = asLong(item);
            long size = r.size();
            return size > 0 && (r.step() > 0 ? v >= r.start() && v < r.stop() : v <= r.start() && v > r.stop())
                    && (v - r.start()) % r.step() == 0;
        }
        if (container instanceof Undefined) {
            return false;
        }
        if (container instanceof DictView view && view.kind().equals("keys")) {
            return contains(view.map(), item);
        }
        if (container instanceof List || container instanceof Tuple || container instanceof PyIterator
                || container instanceof DictView) {
            for (Object x : iterate(container)) {
                if (equal(x, item)) {
                    return true;
                }
            }
            return false;
        }
        throw PyError.type("argument of type '" + typeName(container) + "' is not iterable");
    }

    /** Python's {@code len(v)}. */
    static long length(Object v) {
        if (v instanceof String s) {
            return PyStrings.length(s);
        }
        if (v instanceof List<?> l) {
            return l.size();
        }
        if (v instanceof Map<?, ?> m) {
            return m.size();
        }
        if (v instanceof Tuple t) {
            return t.items().size();
        }
        if (v instanceof PyRange r) {
            return r.size();
        }
        if (v instanceof Undefined) {
            return 0;
        }
        if (v instanceof Namespace ns) {
            return ns.attributes.size();
        }
        if (v instanceof DictView view) {
            return view.map().size();
        }
        throw PyError.type("object of type '" + typeName(v) + "' has no len()");
    }

    /**
     * The items {@code for x in v} visits: a list's or tuple's items, a dict's keys, a string's characters, a
     * range's numbers (materialized: callers bound the size first), nothing for Undefined.
     */
    static List<Object> iterate(Object v) {
        if (v instanceof List<?> l) {
            @SuppressWarnings("unchecked")
            List<Object> items = (List<Object>) l;
            return items;
        }
        if (v instanceof Tuple t) {
            return t.items();
        }
        if (v instanceof Map<?, ?> m) {
            return new ArrayList<>(m.keySet());
        }
        if (v instanceof String s) {
            List<Object> chars = new ArrayList<>(s.length());
            s.codePoints().forEach(c -> chars.add(new String(Character.toChars(c))));
            return chars;
        }
        if (v instanceof PyRange r) {
            return rangeItems(r);
        }
        if (v instanceof PyIterator it) {
            return it.consume();
        }
        if (v instanceof DictView view) {
            return view.items();
        }
        if (v instanceof Undefined) {
            return List.of();
        }
        throw PyError.type("'" + typeName(v) + "' object is not iterable");
    }

    private static List<Object> rangeItems(PyRange r) {
        long size = r.size();
        if (size > Integer.MAX_VALUE - 8) {
            throw PyError.limit("range of " + size + " items is too large");
        }
        return new java.util.AbstractList<>() {
            @Override
            public Object get(int index) {
                return r.get(index);
            }

            @Override
            public int size() {
                return (int) size;
            }
        };
    }

    /** An iterator over {@link #iterate} without materializing ranges (kept for callers that stream). */
    static Iterator<Object> iterator(Object v) {
        return iterate(v).iterator();
    }

    // ---- arithmetic -------------------------------------------------------------------------------------------

    static Object add(Object a, Object b, long maxSize) {
        undefinedCheck(a, b);
        if (isNumber(a) && isNumber(b)) {
            if (isInt(a) && isInt(b)) {
                try {
                    return Math.addExact(asLong(a), asLong(b));
                } catch (ArithmeticException e) {
                    throw overflow();
                }
            }
            return asDouble(a) + asDouble(b);
        }
        if (a instanceof String x && b instanceof String y) {
            checkSize((long) x.length() + y.length(), maxSize);
            return x + y;
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            checkSize((long) x.size() + y.size(), maxSize);
            List<Object> sum = new ArrayList<>(x);
            sum.addAll(y);
            return sum;
        }
        if (a instanceof Tuple x && b instanceof Tuple y) {
            List<Object> sum = new ArrayList<>(x.items());
            sum.addAll(y.items());
            return new Tuple(sum);
        }
        if (a instanceof String || a instanceof List || a instanceof Tuple) {
            throw PyError.type("can only concatenate " + typeName(a) + " (not \"" + typeName(b) + "\") to " + typeName(a));
        }
        throw unsupported("+", a, b);
    }

    static Object subtract(Object a, Object b) {
        undefinedCheck(a, b);
        if (isNumber(a) && isNumber(b)) {
            if (isInt(a) && isInt(b)) {
                try {
                    return Math.subtractExact(asLong(a), asLong(b));
                } catch (ArithmeticException e) {
                    throw overflow();
                }
            }
            return asDouble(a) - asDouble(b);
        }
        throw unsupported("-", a, b);
    }

    static Object multiply(Object a, Object b, long maxSize) {
        undefinedCheck(a, b);
        if (isNumber(a) && isNumber(b)) {
            if (isInt(a) && isInt(b)) {
                try {
                    return Math.multiplyExact(asLong(a), asLong(b));
                } catch (ArithmeticException e) {
                    throw overflow();
                }
            }
            return asDouble(a) * asDouble(b);
        }
        if (isInt(b) && (a instanceof String || a instanceof List || a instanceof Tuple)) {
            return repeat(a, asLong(b), maxSize);
        }
        if (isInt(a) && (b instanceof String || b instanceof List || b instanceof Tuple)) {
            return repeat(b, asLong(a), maxSize);
        }
        if (a instanceof String || b instanceof String || a instanceof List || b instanceof List) {
            Object seq = a instanceof String || a instanceof List ? a : b;
            Object other = seq == a ? b : a;
            throw PyError.type("can't multiply sequence by non-int of type '" + typeName(other) + "'");
        }
        throw unsupported("*", a, b);
    }

    private static Object repeat(Object seq, long times, long maxSize) {
        long n = Math.max(0, times);
        if (seq instanceof String s) {
            checkSize(s.length() * n, maxSize);
            return s.repeat((int) n);
        }
        List<?> items = seq instanceof Tuple t ? t.items() : (List<?>) seq;
        checkSize(items.size() * n, maxSize);
        List<Object> out = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            out.addAll(items);
        }
        return seq instanceof Tuple ? new Tuple(out) : out;
    }

    static Object divide(Object a, Object b) {
        undefinedCheck(a, b);
        if (isNumber(a) && isNumber(b)) {
            double y = asDouble(b);
            if (y == 0) {
                throw new PyError("ZeroDivisionError", "division by zero");
            }
            return asDouble(a) / y;
        }
        throw unsupported("/", a, b);
    }

    static Object floorDivide(Object a, Object b) {
        undefinedCheck(a, b);
        if (isNumber(a) && isNumber(b)) {
            if (isInt(a) && isInt(b)) {
                if (asLong(b) == 0) {
                    throw new PyError("ZeroDivisionError", "integer division or modulo by zero");
                }
                return Math.floorDiv(asLong(a), asLong(b));
            }
            if (asDouble(b) == 0) {
                throw new PyError("ZeroDivisionError", "float floor division by zero");
            }
            return floorDivide(asDouble(a), asDouble(b));
        }
        throw unsupported("//", a, b);
    }

    /** Python's float {@code //}: from {@code fmod}, so {@code (1 - 0.1) // 0.1} is 8.0, not the 9.0 of floor(a / b). */
    private static double floorDivide(double a, double b) {
        double mod = a % b;
        double div = (a - mod) / b;
        if (mod != 0 && (b < 0) != (mod < 0)) {
            div -= 1.0;
        }
        if (div == 0) {
            return Math.copySign(0.0, a / b);
        }
        double floor = Math.floor(div);
        return div - floor > 0.5 ? floor + 1.0 : floor;
    }

    static Object modulo(Object a, Object b) {
        undefinedCheck(a, b);
        if (isNumber(a) && isNumber(b)) {
            if (isInt(a) && isInt(b)) {
                if (asLong(b) == 0) {
                    throw new PyError("ZeroDivisionError", "integer division or modulo by zero");
                }
                return Math.floorMod(asLong(a), asLong(b));
            }
            double x = asDouble(a);
            double y = asDouble(b);
            if (y == 0) {
                throw new PyError("ZeroDivisionError", "float modulo");
            }
            double r = x % y;
            return r != 0 && (r < 0) != (y < 0) ? r + y : r;
        }
        if (a instanceof String format) {
            return PercentFormat.format(format, b);
        }
        throw unsupported("%", a, b);
    }

    static Object power(Object a, Object b) {
        undefinedCheck(a, b);
        if (isNumber(a) && isNumber(b)) {
            if (isInt(a) && isInt(b) && asLong(b) >= 0) {
                long base = asLong(a);
                long exp = asLong(b);
                long result = 1;
                try {
                    for (long i = 0; i < exp; i++) {
                        result = Math.multiplyExact(result, base);
                        if (result == 0 || result == 1 && base == 1) {
                            break;
                        }
                        if (base == -1) {
                            result = exp % 2 == 0 ? 1 : -1;
                            break;
                        }
                    }
                } catch (ArithmeticException e) {
                    throw overflow();
                }
                return result;
            }
            return Math.pow(asDouble(a), asDouble(b));
        }
        throw unsupported("** or pow()", a, b);
    }

    static Object negate(Object a) {
        if (a instanceof Undefined u) {
            throw u.fail();
        }
        if (isInt(a)) {
            return -asLong(a);
        }
        if (a instanceof Double d) {
            return -d;
        }
        throw PyError.type("bad operand type for unary -: '" + typeName(a) + "'");
    }

    static Object plus(Object a) {
        if (a instanceof Undefined u) {
            throw u.fail();
        }
        if (isInt(a)) {
            return asLong(a);
        }
        if (a instanceof Double) {
            return a;
        }
        throw PyError.type("bad operand type for unary +: '" + typeName(a) + "'");
    }

    private static void undefinedCheck(Object a, Object b) {
        if (a instanceof Undefined u) {
            throw u.fail();
        }
        if (b instanceof Undefined u) {
            throw u.fail();
        }
    }

    static void checkSize(long size, long maxSize) {
        if (size > maxSize) {
            throw PyError.limit("a value of " + size + " characters or items exceeds the output limit of " + maxSize);
        }
    }

    private static PyError unsupported(String op, Object a, Object b) {
        return PyError.type("unsupported operand type(s) for " + op + ": '" + typeName(a) + "' and '" + typeName(b) + "'");
    }

    private static PyError overflow() {
        return PyError.limit("integer result does not fit in 64 bits (Python's integers are unbounded; this engine's are not)");
    }
}
