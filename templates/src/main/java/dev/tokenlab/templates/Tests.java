package dev.tokenlab.templates;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** jinja2's tests ({@code x is defined}, {@code x is string} …), with Python's types under them. */
final class Tests {
    private static final Set<String> NAMES = Set.of("defined", "undefined", "none", "true", "false", "boolean",
            "integer", "float", "number", "string", "mapping", "iterable", "sequence", "callable", "sameas", "escaped",
            "in", "lower", "upper", "odd", "even", "divisibleby", "eq", "equalto", "==", "ne", "!=", "lt", "lessthan",
            "<", "le", "<=", "gt", "greaterthan", ">", "ge", ">=", "filter", "test");

    private Tests() {
    }

    static boolean exists(String name) {
        return NAMES.contains(name);
    }

    static boolean apply(Renderer r, String name, Object v, List<Object> args) {
        switch (name) {
            case "defined":
                return !(v instanceof Undefined);
            case "undefined":
                return v instanceof Undefined;
            case "none":
                return v == null;
            case "true":
                return Boolean.TRUE.equals(v);
            case "false":
                return Boolean.FALSE.equals(v);
            case "boolean":
                return v instanceof Boolean;
            case "integer":
                return v instanceof Long;
            case "float":
                return v instanceof Double;
            case "number":
                return PyValues.isNumber(v);
            case "string":
                return v instanceof String;
            case "mapping":
                return v instanceof Map;
            case "iterable":
                return v instanceof String || v instanceof List || v instanceof Map || v instanceof Tuple
                        || v instanceof PyRange || v instanceof PyIterator || v instanceof DictView || v instanceof Undefined;
            case "sequence":
                return v instanceof String || v instanceof List || v instanceof Map || v instanceof Tuple
                        || v instanceof PyRange || v instanceof Undefined;
            case "callable":
                return v instanceof PyCallable || v instanceof Undefined;
            case "sameas":
                return v == arg(args) || v instanceof Boolean && v.equals(arg(args))
                        || v instanceof Long && v.equals(arg(args));
            case "escaped":
                return false;
            case "in":
                return PyValues.contains(arg(args), v);
            case "lower":
            case "upper": {
                String s = PyValues.str(v);
                return (Boolean) Methods.call(r, s, "is" + name, List.of(), Map.of());
            }
            case "odd":
            case "even":
            case "divisibleby": {
                Object divisor = name.equals("divisibleby") ? arg(args) : (Object) 2L;
                Object mod = PyValues.modulo(v, divisor);
                boolean zero = !PyValues.truthy(mod);
                return name.equals("odd") != zero;
            }
            case "eq":
            case "equalto":
            case "==":
                return PyValues.equal(v, arg(args));
            case "ne":
            case "!=":
                return !PyValues.equal(v, arg(args));
            case "lt":
            case "lessthan":
            case "<":
                return PyValues.compare(v, arg(args), "<") < 0;
            case "le":
            case "<=":
                return PyValues.compare(v, arg(args), "<=") <= 0;
            case "gt":
            case "greaterthan":
            case ">":
                return PyValues.compare(v, arg(args), ">") > 0;
            case "ge":
            case ">=":
                return PyValues.compare(v, arg(args), ">=") >= 0;
            case "filter":
                return v instanceof String s && Filters.exists(s);
            case "test":
                return v instanceof String s && exists(s);
            default:
                throw new IllegalStateException(name);
        }
    }

    private static Object arg(List<Object> args) {
        if (args.isEmpty()) {
            throw PyError.type("the test takes one argument (0 given)");
        }
        return args.get(0);
    }
}
