package dev.tokenlab.templates;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Walks a parsed template and writes its output, with jinja2's scoping (a {@code for} body and a macro call have
 * their own variables; {@code if} does not) and its sandbox's attribute rules: only the whitelisted methods of
 * strings, dicts and lists are reachable, names starting with {@code __} are unsafe, methods that would change a
 * value are refused. Every node and expression evaluated counts a step; steps, output size and macro depth are
 * bounded by {@link RenderOptions}.
 */
final class Renderer {
    private static final Set<String> DICT_METHODS = Set.of("items", "keys", "values", "get", "copy");
    private static final Set<String> DICT_MUTATORS = Set.of("pop", "popitem", "setdefault", "update", "clear");
    private static final Set<String> LIST_METHODS = Set.of("count", "index", "copy");
    private static final Set<String> LIST_MUTATORS = Set.of("append", "extend", "insert", "pop", "remove", "reverse",
            "sort", "clear");

    private final String source;
    private final RenderOptions options;
    final LocalDateTime now;
    final long maxSize;
    private long steps;
    private int depth;

    private static final class LoopSignal extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final boolean isBreak;

        LoopSignal(boolean isBreak) {
            super(null, null, false, false);
            this.isBreak = isBreak;
        }
    }

    private static final LoopSignal BREAK = new LoopSignal(true);
    private static final LoopSignal CONTINUE = new LoopSignal(false);

    Renderer(String source, RenderOptions options, LocalDateTime now) {
        this.source = source;
        this.options = options;
        this.now = now;
        this.maxSize = options.maxOutputChars();
    }

    String render(List<Node> body, Scope scope) {
        StringBuilder out = new StringBuilder();
        exec(body, scope, out);
        return out.toString();
    }

    TemplateException located(PyError e, int pos) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < Math.min(pos, source.length()); i++) {
            if (source.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new TemplateException(e.kind, e.getMessage(), line, pos - lineStart + 1);
    }

    void step() {
        if (++steps > options.maxSteps()) {
            throw PyError.limit("the template ran more than " + options.maxSteps() + " steps");
        }
    }

    private void append(StringBuilder out, String s) {
        if ((long) out.length() + s.length() > maxSize) {
            throw PyError.limit("the output exceeds " + maxSize + " characters");
        }
        out.append(s);
    }

    // ---- statements -------------------------------------------------------------------------------------------

    private void exec(List<Node> nodes, Scope scope, StringBuilder out) {
        for (Node node : nodes) {
            try {
                step();
                execNode(node, scope, out);
            } catch (PyError e) {
                throw located(e, node.pos());
            }
        }
    }

    private void execNode(Node node, Scope scope, StringBuilder out) {
        if (node instanceof Node.Text t) {
            append(out, t.text());
        } else if (node instanceof Node.Output o) {
            append(out, PyValues.str(eval(o.expr(), scope)));
        } else if (node instanceof Node.If n) {
            for (int i = 0; i < n.conditions().size(); i++) {
                if (PyValues.truthy(eval(n.conditions().get(i), scope))) {
                    exec(n.bodies().get(i), scope, out);
                    return;
                }
            }
            exec(n.otherwise(), scope, out);
        } else if (node instanceof Node.For n) {
            execFor(n, scope, out);
        } else if (node instanceof Node.Set n) {
            execSet(n, scope);
        } else if (node instanceof Node.SetBlock n) {
            StringBuilder body = new StringBuilder();
            exec(n.body(), new Scope(scope), body);
            Object value = body.toString();
            if (n.filter() != null) {
                value = applyFilter((Expr.Filter) n.filter(), scope, value);
            }
            scope.set(n.target(), value);
        } else if (node instanceof Node.Macro n) {
            scope.set(n.name(), new Macro(n, scope));
        } else if (node instanceof Node.CallBlock n) {
            Macro caller = new Macro(new Node.Macro(n.pos(), "caller", n.params(), n.defaults(), n.body(), false, false), scope);
            Object callee = eval(n.call().callee(), scope);
            List<Object> args = new ArrayList<>();
            Map<String, Object> kwargs = new LinkedHashMap<>();
            evalArgs(n.call().args(), scope, args, kwargs);
            kwargs.put("caller", caller);
            append(out, PyValues.str(call(callee, args, kwargs)));
        } else if (node instanceof Node.FilterBlock n) {
            StringBuilder body = new StringBuilder();
            exec(n.body(), scope, body);
            append(out, PyValues.str(applyFilter((Expr.Filter) n.filter(), scope, body.toString())));
        } else if (node instanceof Node.With n) {
            Scope inner = new Scope(scope);
            for (int i = 0; i < n.names().size(); i++) {
                inner.set(n.names().get(i), eval(n.values().get(i), scope));
            }
            exec(n.body(), inner, out);
        } else if (node instanceof Node.Block n) {
            exec(n.body(), scope, out);
        } else if (node instanceof Node.Break) {
            throw BREAK;
        } else if (node instanceof Node.Continue) {
            throw CONTINUE;
        } else {
            throw new IllegalStateException("unknown node " + node);
        }
    }

    private void execFor(Node.For n, Scope scope, StringBuilder out) {
        Object iterable = eval(n.iterable(), scope);
        if (iterable == null || !(iterable instanceof String || iterable instanceof List || iterable instanceof Map
                || iterable instanceof Tuple || iterable instanceof PyRange || iterable instanceof PyIterator
                || iterable instanceof DictView
                || iterable instanceof Undefined)) {
            throw PyError.type("'" + PyValues.typeName(iterable) + "' object is not iterable");
        }
        List<Object> items = PyValues.iterate(iterable);
        if (n.filter() != null) {
            List<Object> kept = new ArrayList<>();
            for (Object item : items) {
                step();
                Scope loopScope = new Scope(scope);
                bind(n, loopScope, item);
                if (PyValues.truthy(eval(n.filter(), loopScope))) {
                    kept.add(item);
                }
            }
            items = kept;
        }
        if (items.isEmpty()) {
            exec(n.otherwise(), scope, out);
            return;
        }
        Loop loop = new Loop(items, 0);
        for (int i = 0; i < items.size(); i++) {
            step();
            loop.index0 = i;
            Scope loopScope = new Scope(scope);
            bind(n, loopScope, items.get(i));
            loopScope.set("loop", loop);
            try {
                exec(n.body(), loopScope, out);
            } catch (LoopSignal signal) {
                if (signal.isBreak) {
                    break;
                }
            }
        }
    }

    private void bind(Node.For n, Scope scope, Object item) {
        if (!n.unpack()) {
            scope.set(n.targets().get(0), item);
            return;
        }
        List<Object> parts = unpack(item, n.targets().size());
        for (int i = 0; i < parts.size(); i++) {
            scope.set(n.targets().get(i), parts.get(i));
        }
    }

    private static List<Object> unpack(Object value, int count) {
        if (value == null || PyValues.isNumber(value)) {
            throw PyError.type("cannot unpack non-iterable " + PyValues.typeName(value) + " object");
        }
        List<Object> parts = PyValues.iterate(value);
        if (parts.size() < count) {
            throw PyError.value("not enough values to unpack (expected " + count + ", got " + parts.size() + ")");
        }
        if (parts.size() > count) {
            throw PyError.value("too many values to unpack (expected " + count + ")");
        }
        return parts;
    }

    private void execSet(Node.Set n, Scope scope) {
        Object value = eval(n.value(), scope);
        if (n.attribute() != null) {
            Object target = scope.lookup(n.targets().get(0));
            if (!(target instanceof Namespace ns)) {
                throw new PyError("TemplateRuntimeError", "cannot assign attribute on non-namespace object");
            }
            ns.attributes.put(n.attribute(), value);
        } else if (n.unpack()) {
            List<Object> parts = unpack(value, n.targets().size());
            for (int i = 0; i < parts.size(); i++) {
                scope.set(n.targets().get(i), parts.get(i));
            }
        } else {
            scope.set(n.targets().get(0), value);
        }
    }

    Object callMacro(Macro macro, List<Object> args, Map<String, Object> kwargs) {
        Node.Macro def = macro.definition();
        if (++depth > options.maxDepth()) {
            depth = 0;
            throw PyError.limit("macro calls nest deeper than " + options.maxDepth());
        }
        try {
            Scope scope = new Scope(macro.closure());
            List<String> params = def.params();
            if (args.size() > params.size() && !def.varargs()) {
                throw PyError.type("macro '" + def.name() + "' takes not more than " + params.size() + " argument(s)");
            }
            int firstDefault = params.size() - def.defaults().size();
            for (int i = 0; i < params.size(); i++) {
                String p = params.get(i);
                Object value;
                if (i < args.size()) {
                    if (kwargs.containsKey(p)) {
                        throw PyError.type("macro '" + def.name() + "' got multiple values for argument '" + p + "'");
                    }
                    value = args.get(i);
                } else if (kwargs.containsKey(p)) {
                    value = kwargs.get(p);
                } else if (i >= firstDefault) {
                    value = eval(def.defaults().get(i - firstDefault), scope);
                } else {
                    value = Undefined.hint("parameter '" + p + "' was not provided");
                }
                scope.set(p, value);
            }
            Map<Object, Object> extra = new LinkedHashMap<>();
            for (String k : kwargs.keySet()) {
                if (k.equals("caller")) {
                    scope.set("caller", kwargs.get(k));
                } else if (!params.contains(k)) {
                    if (!def.kwargs()) {
                        throw PyError.type("macro '" + def.name() + "' takes no keyword argument '" + k + "'");
                    }
                    extra.put(k, kwargs.get(k));
                }
            }
            if (def.varargs()) {
                scope.set("varargs", new Tuple(new ArrayList<>(args.subList(Math.min(args.size(), params.size()), args.size()))));
            }
            if (def.kwargs()) {
                scope.set("kwargs", extra);
            }
            StringBuilder out = new StringBuilder();
            exec(def.body(), scope, out);
            return out.toString();
        } finally {
            if (depth > 0) {
                depth--;
            }
        }
    }

    // ---- expressions ------------------------------------------------------------------------------------------

    Object eval(Expr e, Scope scope) {
        try {
            step();
            return evalInner(e, scope);
        } catch (PyError err) {
            throw located(err, e.pos());
        }
    }

    private Object evalInner(Expr e, Scope scope) {
        if (e instanceof Expr.Const c) {
            return c.value();
        }
        if (e instanceof Expr.Name n) {
            Object v = scope.lookup(n.name());
            return v == Scope.MISSING ? Undefined.name(n.name()) : v;
        }
        if (e instanceof Expr.GetAttr g) {
            return getattr(eval(g.target(), scope), g.name());
        }
        if (e instanceof Expr.GetItem g) {
            Object target = eval(g.target(), scope);
            return getitem(target, eval(g.key(), scope));
        }
        if (e instanceof Expr.Slice s) {
            Object target = eval(s.target(), scope);
            return Slicing.slice(target, s.start() == null ? null : eval(s.start(), scope),
                    s.stop() == null ? null : eval(s.stop(), scope), s.step() == null ? null : eval(s.step(), scope), maxSize);
        }
        if (e instanceof Expr.Call c) {
            Object callee = eval(c.callee(), scope);
            List<Object> args = new ArrayList<>();
            Map<String, Object> kwargs = new LinkedHashMap<>();
            evalArgs(c.args(), scope, args, kwargs);
            return call(callee, args, kwargs);
        }
        if (e instanceof Expr.Filter f) {
            return applyFilter(f, scope, null);
        }
        if (e instanceof Expr.Test t) {
            Object value = eval(t.value(), scope);
            List<Object> args = new ArrayList<>();
            Map<String, Object> kwargs = new LinkedHashMap<>();
            evalArgs(t.args(), scope, args, kwargs);
            return Tests.apply(this, t.name(), value, args) != t.negated();
        }
        if (e instanceof Expr.And a) {
            Object left = eval(a.left(), scope);
            return PyValues.truthy(left) ? eval(a.right(), scope) : left;
        }
        if (e instanceof Expr.Or o) {
            Object left = eval(o.left(), scope);
            return PyValues.truthy(left) ? left : eval(o.right(), scope);
        }
        if (e instanceof Expr.Unary u) {
            Object v = eval(u.operand(), scope);
            return switch (u.op()) {
                case "not" -> !PyValues.truthy(v);
                case "-" -> PyValues.negate(v);
                default -> PyValues.plus(v);
            };
        }
        if (e instanceof Expr.Binary b) {
            Object left = eval(b.left(), scope);
            Object right = eval(b.right(), scope);
            return switch (b.op()) {
                case "+" -> PyValues.add(left, right, maxSize);
                case "-" -> PyValues.subtract(left, right);
                case "*" -> PyValues.multiply(left, right, maxSize);
                case "/" -> PyValues.divide(left, right);
                case "//" -> PyValues.floorDivide(left, right);
                case "%" -> PyValues.modulo(left, right);
                case "**" -> PyValues.power(left, right);
                case "~" -> {
                    String s = PyValues.str(left);
                    String t = PyValues.str(right);
                    PyValues.checkSize((long) s.length() + t.length(), maxSize);
                    yield s + t;
                }
                default -> throw new IllegalStateException(b.op());
            };
        }
        if (e instanceof Expr.Compare c) {
            Object left = eval(c.first(), scope);
            for (int i = 0; i < c.ops().size(); i++) {
                Object right = eval(c.rest().get(i), scope);
                if (!compare(c.ops().get(i), left, right)) {
                    return false;
                }
                left = right;
            }
            return true;
        }
        if (e instanceof Expr.Conditional c) {
            if (PyValues.truthy(eval(c.test(), scope))) {
                return eval(c.then(), scope);
            }
            return c.otherwise() == null ? Undefined.hint("the inline if-expression evaluated to false and no else section was defined.")
                    : eval(c.otherwise(), scope);
        }
        if (e instanceof Expr.ListLit l) {
            List<Object> items = new ArrayList<>(l.items().size());
            for (Expr item : l.items()) {
                items.add(eval(item, scope));
            }
            return items;
        }
        if (e instanceof Expr.TupleLit t) {
            List<Object> items = new ArrayList<>(t.items().size());
            for (Expr item : t.items()) {
                items.add(eval(item, scope));
            }
            return new Tuple(items);
        }
        if (e instanceof Expr.DictLit d) {
            Map<Object, Object> map = new LinkedHashMap<>();
            for (int i = 0; i < d.keys().size(); i++) {
                Object key = eval(d.keys().get(i), scope);
                if (key instanceof List || key instanceof Map || key instanceof Undefined) {
                    throw PyError.type("unhashable type: '" + PyValues.typeName(key) + "'");
                }
                Object existing = PyValues.findKey(map, key);
                map.put(existing == PyValues.NO_KEY ? key : existing, eval(d.values().get(i), scope));
            }
            return map;
        }
        throw new IllegalStateException("unknown expression " + e);
    }

    private static boolean compare(String op, Object left, Object right) {
        return switch (op) {
            case "==" -> PyValues.equal(left, right);
            case "!=" -> !PyValues.equal(left, right);
            case "<" -> PyValues.compare(left, right, op) < 0;
            case ">" -> PyValues.compare(left, right, op) > 0;
            case "<=" -> PyValues.compare(left, right, op) <= 0;
            case ">=" -> PyValues.compare(left, right, op) >= 0;
            case "in" -> PyValues.contains(right, left);
            default -> !PyValues.contains(right, left);
        };
    }

    private void evalArgs(Expr.Args a, Scope scope, List<Object> args, Map<String, Object> kwargs) {
        for (Expr p : a.positional()) {
            args.add(eval(p, scope));
        }
        for (int i = 0; i < a.names().size(); i++) {
            kwargs.put(a.names().get(i), eval(a.keywords().get(i), scope));
        }
    }

    private Object applyFilter(Expr.Filter f, Scope scope, Object blockInput) {
        Object value;
        if (f.value() == null) {
            value = blockInput;
        } else if (f.value() instanceof Expr.Filter inner) {
            try {
                step();
                value = applyFilter(inner, scope, blockInput);
            } catch (PyError err) {
                throw located(err, inner.pos());
            }
        } else {
            value = eval(f.value(), scope);
        }
        List<Object> args = new ArrayList<>();
        Map<String, Object> kwargs = new LinkedHashMap<>();
        evalArgs(f.args(), scope, args, kwargs);
        try {
            return Filters.apply(this, f.name(), value, args, kwargs);
        } catch (PyError err) {
            throw located(err, f.pos());
        }
    }

    Object call(Object callee, List<Object> args, Map<String, Object> kwargs) {
        if (callee instanceof PyCallable c) {
            return c.call(this, args, kwargs);
        }
        if (callee instanceof Undefined u) {
            throw u.fail();
        }
        throw PyError.type("'" + PyValues.typeName(callee) + "' object is not callable");
    }

    // ---- the sandbox's attribute and item access ----------------------------------------------------------------

    Object getattr(Object obj, String name) {
        if (obj instanceof Undefined u) {
            throw u.fail();
        }
        if (name.startsWith("__")) {
            return Undefined.unsafe(obj, name);
        }
        if (obj instanceof Map<?, ?> map) {
            if (DICT_METHODS.contains(name)) {
                return new BoundMethod(obj, name);
            }
            if (DICT_MUTATORS.contains(name)) {
                return Undefined.unsafe(obj, name);
            }
            Object key = PyValues.findKey(map, name);
            return key == PyValues.NO_KEY ? Undefined.attribute(obj, name) : map.get(key);
        }
        if (obj instanceof String) {
            return Methods.isStringMethod(name) ? new BoundMethod(obj, name) : Undefined.attribute(obj, name);
        }
        if (obj instanceof List || obj instanceof Tuple) {
            if (LIST_METHODS.contains(name) && !(obj instanceof Tuple && name.equals("copy"))) {
                return new BoundMethod(obj, name);
            }
            if (obj instanceof List && LIST_MUTATORS.contains(name)) {
                return Undefined.unsafe(obj, name);
            }
            return Undefined.attribute(obj, name);
        }
        if (obj instanceof Namespace ns) {
            return ns.attributes.containsKey(name) ? ns.attributes.get(name) : Undefined.attribute(obj, name);
        }
        if (obj instanceof Loop loop) {
            return loop.attribute(name);
        }
        return Undefined.attribute(obj, name);
    }

    Object getitem(Object obj, Object key) {
        if (obj instanceof Undefined u) {
            throw u.fail();
        }
        if (key instanceof Undefined u && !(obj instanceof Map)) {
            throw u.fail();
        }
        if (obj instanceof Map<?, ?> map) {
            Object k = PyValues.findKey(map, key);
            if (k != PyValues.NO_KEY) {
                return map.get(k);
            }
        } else if (PyValues.isInt(key) && (obj instanceof List || obj instanceof Tuple || obj instanceof String
                || obj instanceof PyRange)) {
            long i = PyValues.asLong(key);
            long size = PyValues.length(obj);
            if (i < 0) {
                i += size;
            }
            if (i >= 0 && i < size) {
                if (obj instanceof String s) {
                    return PyStrings.charAt(s, (int) i);
                }
                if (obj instanceof PyRange r) {
                    return r.get(i);
                }
                return (obj instanceof Tuple t ? t.items() : (List<?>) obj).get((int) i);
            }
            return Undefined.element(obj, key);
        }
        if (key instanceof String name) {
            return getattr(obj, name);
        }
        return Undefined.element(obj, key);
    }
}
