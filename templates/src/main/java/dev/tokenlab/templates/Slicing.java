package dev.tokenlab.templates;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Python's {@code seq[start:stop:step]} on lists, tuples, strings (by code point) and ranges. */
final class Slicing {
    private Slicing() {
    }

    static Object slice(Object target, Object start, Object stop, Object step, long maxSize) {
        if (target instanceof Undefined u) {
            throw u.fail();
        }
        // jinja2 compiles a slice to Python's own subscript, not to the sandbox's lenient getitem: errors propagate.
        if (target instanceof Map) {
            throw PyError.type("unhashable type: 'slice'");
        }
        if (!(target instanceof List || target instanceof Tuple || target instanceof String || target instanceof PyRange)) {
            throw PyError.type("'" + PyValues.typeName(target) + "' object is not subscriptable");
        }
        long by = index(step, 1);
        if (by == 0) {
            throw PyError.value("slice step cannot be zero");
        }
        long length = PyValues.length(target);
        long from = bound(start, by < 0 ? length - 1 : 0, length, by);
        long to = bound(stop, by < 0 ? -1 : length, length, by);
        List<Long> indexes = new ArrayList<>();
        for (long i = from; by > 0 ? i < to : i > to; i += by) {
            indexes.add(i);
            PyValues.checkSize(indexes.size(), maxSize);
        }
        if (target instanceof String s) {
            if (by == 1) {
                return indexes.isEmpty() ? "" : PyStrings.substring(s, (int) from, (int) to);
            }
            int[] cps = s.codePoints().toArray();
            StringBuilder out = new StringBuilder();
            for (long i : indexes) {
                out.appendCodePoint(cps[(int) i]);
            }
            return out.toString();
        }
        if (target instanceof PyRange r) {
            return new PyRange(r.start() + from * r.step(), r.start() + to * r.step(), r.step() * by);
        }
        List<?> items = target instanceof Tuple t ? t.items() : (List<?>) target;
        List<Object> out = new ArrayList<>(indexes.size());
        for (long i : indexes) {
            out.add(items.get((int) i));
        }
        return target instanceof Tuple ? new Tuple(out) : out;
    }

    private static long index(Object v, long absent) {
        if (v == null) {
            return absent;
        }
        if (v instanceof Undefined u) {
            throw u.fail();
        }
        if (!PyValues.isInt(v)) {
            throw PyError.type("slice indices must be integers or None or have an __index__ method");
        }
        return PyValues.asLong(v);
    }

    private static long bound(Object v, long absent, long length, long step) {
        if (v == null) {
            return absent;
        }
        long i = index(v, absent);
        if (i < 0) {
            i += length;
            if (i < 0) {
                i = step < 0 ? -1 : 0;
            }
        } else if (i >= length) {
            i = step < 0 ? length - 1 : length;
        }
        return i;
    }
}
