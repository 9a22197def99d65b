package dev.tokenlab.templates;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The functions every template sees: jinja2's {@code range} (capped as its sandbox caps it), {@code dict},
 * {@code namespace} and {@code joiner}, and transformers' {@code raise_exception(msg)} and
 * {@code strftime_now(fmt)}.
 */
final class Globals {
    /** jinja2's sandbox refuses ranges longer than this ({@code MAX_RANGE}). */
    static final long MAX_RANGE = 100_000;

    private Globals() {
    }

    static void install(Scope scope) {
        unsupported(scope, "cycler", "type");
        unsupported(scope, "lipsum", "function");
        scope.set("range", new Builtin("range", "function", Globals::range));
        scope.set("dict", new Builtin("dict", "type", (r, args, kwargs) -> {
            Map<Object, Object> map = new LinkedHashMap<>();
            if (!args.isEmpty() && args.get(0) instanceof Map<?, ?> m) {
                map.putAll(m);
            }
            map.putAll(kwargs);
            return map;
        }));
        scope.set("namespace", new Builtin("namespace", "type", (r, args, kwargs) -> {
            Namespace ns = new Namespace();
            for (Object a : args) {
                if (a instanceof Map<?, ?> m) {
                    m.forEach((k, v) -> ns.attributes.put(PyValues.str(k), v));
                }
            }
            ns.attributes.putAll(kwargs);
            return ns;
        }));
        scope.set("joiner", new Builtin("joiner", "type", (r, args, kwargs) -> {
            String separator = args.isEmpty() ? PyValues.str(kwargs.getOrDefault("sep", ", ")) : PyValues.str(args.get(0));
            boolean[] used = {false};
            return (PyCallable) (r2, a2, k2) -> {
                if (!used[0]) {
                    used[0] = true;
                    return "";
                }
                return separator;
            };
        }));
        scope.set("raise_exception", new Builtin("raise_exception", "function", (r, args, kwargs) -> {
            Object message = args.isEmpty() ? kwargs.get("message") : args.get(0);
            throw new PyError("TemplateError", PyValues.str(message));
        }));
        scope.set("strftime_now", new Builtin("strftime_now", "function", (r, args, kwargs) -> {
            if (args.isEmpty() || !(args.get(0) instanceof String format)) {
                throw PyError.type("strftime_now() needs a format string");
            }
            return Strftime.format(r.now, format);
        }));
    }

    private static void unsupported(Scope scope, String name, String type) {
        scope.set(name, new Builtin(name, type, (r, args, kwargs) -> {
            throw PyError.type(name + "() is not supported by this engine");
        }));
    }

    private static Object range(Renderer r, List<Object> args, Map<String, Object> kwargs) {
        if (args.isEmpty() || args.size() > 3) {
            throw PyError.type("range expected at least 1 argument, got " + args.size());
        }
        long[] n = new long[args.size()];
        for (int i = 0; i < n.length; i++) {
            Object a = args.get(i);
            if (a instanceof Undefined u) {
                throw u.fail();
            }
            if (!PyValues.isInt(a)) {
                throw PyError.type("'" + PyValues.typeName(a) + "' object cannot be interpreted as an integer");
            }
            n[i] = PyValues.asLong(a);
        }
        PyRange range = n.length == 1 ? new PyRange(0, n[0], 1) : new PyRange(n[0], n[1], n.length == 3 ? n[2] : 1);
        if (range.step() == 0) {
            throw PyError.value("range() arg 3 must not be zero");
        }
        if (range.size() > MAX_RANGE) {
            throw new PyError("OverflowError", "Range too big. The sandbox blocks ranges larger than MAX_RANGE (" + MAX_RANGE + ").");
        }
        return range;
    }
}
