package dev.tokenlab.templates;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The methods a template may call on values, as Python defines them: {@code str}'s ({@code strip},
 * {@code split}, {@code startswith} …), {@code dict}'s that do not change it ({@code items}, {@code get} …),
 * {@code list}'s {@code count}/{@code index}, and the loop's {@code cycle}/{@code changed}. Nothing else is
 * reachable: there is no reflection behind a name.
 */
final class Methods {
    private static final Set<String> STRING_METHODS = Set.of("strip", "lstrip", "rstrip", "split", "rsplit",
            "splitlines", "upper", "lower", "title", "capitalize", "swapcase", "casefold", "replace", "find", "rfind",
            "index", "rindex", "count", "startswith", "endswith", "join", "format", "isdigit", "isalpha", "isalnum",
            "isspace", "isupper", "islower", "isnumeric", "isdecimal", "zfill", "center", "ljust", "rjust",
            "partition", "rpartition", "removeprefix", "removesuffix");

    private Methods() {
    }

    static boolean isStringMethod(String name) {
        return STRING_METHODS.contains(name);
    }

    static Object call(Renderer r, Object self, String name, List<Object> args, Map<String, Object> kwargs) {
        if (self instanceof String s) {
            return string(r, s, name, args, kwargs);
        }
        if (self instanceof Map<?, ?> map) {
            return dict(map, name, args);
        }
        if (self instanceof Loop loop) {
            return name.equals("cycle") ? loop.cycle(args) : loop.changed(args);
        }
        List<?> items = self instanceof Tuple t ? t.items() : (List<?>) self;
        switch (name) {
            case "count" -> {
                long n = 0;
                for (Object x : items) {
                    n += PyValues.equal(x, arg(args, 0, "count")) ? 1 : 0;
                }
                return n;
            }
            case "index" -> {
                Object wanted = arg(args, 0, "index");
                for (int i = 0; i < items.size(); i++) {
                    if (PyValues.equal(items.get(i), wanted)) {
                        return (long) i;
                    }
                }
                throw PyError.value(PyValues.repr(wanted) + " is not in list");
            }
            default -> {
                return new ArrayList<Object>(items);
            }
        }
    }

    private static Object arg(List<Object> args, int i, String method) {
        if (i >= args.size()) {
            throw PyError.type(method + "() takes at least " + (i + 1) + " argument(s) (" + args.size() + " given)");
        }
        return args.get(i);
    }

    private static Object optional(List<Object> args, Map<String, Object> kwargs, int i, String keyword, Object absent) {
        if (i < args.size()) {
            return args.get(i);
        }
        return keyword != null && kwargs.containsKey(keyword) ? kwargs.get(keyword) : absent;
    }

    private static String stringArg(Object v, String method) {
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Undefined u) {
            throw u.fail();
        }
        throw PyError.type("must be str, not " + PyValues.typeName(v));
    }

    private static String replaceArg(Object v, int position) {
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Undefined u) {
            throw u.fail();
        }
        throw PyError.type("replace() argument " + position + " must be str, not " + PyValues.typeName(v));
    }

    private static String charsArg(Object v, String method) {
        if (v == null || v instanceof String) {
            return (String) v;
        }
        if (v instanceof Undefined u) {
            throw u.fail();
        }
        throw PyError.type(method.endsWith("strip") ? method + " arg must be None or str" : "must be str or None, not " + PyValues.typeName(v));
    }

    private static long intArg(Object v, String method) {
        if (v instanceof Undefined u) {
            throw u.fail();
        }
        if (!PyValues.isInt(v)) {
            throw PyError.type("'" + PyValues.typeName(v) + "' object cannot be interpreted as an integer");
        }
        return PyValues.asLong(v);
    }

    private static Object dict(Map<?, ?> map, String name, List<Object> args) {
        switch (name) {
            case "items", "keys", "values" -> {
                return new DictView(name, map);
            }
            case "get" -> {
                Object key = PyValues.findKey(map, arg(args, 0, "get"));
                return key != PyValues.NO_KEY ? map.get(key) : args.size() > 1 ? args.get(1) : null;
            }
            default -> {
                return new LinkedHashMap<Object, Object>(map);
            }
        }
    }

    private static Object string(Renderer r, String s, String name, List<Object> args, Map<String, Object> kwargs) {
        switch (name) {
            case "strip", "lstrip", "rstrip" -> {
                String chars = charsArg(optional(args, kwargs, 0, null, null), name);
                return PyStrings.strip(s, chars, !name.equals("rstrip"), !name.equals("lstrip"));
            }
            case "split", "rsplit" -> {
                String sep = charsArg(optional(args, kwargs, 0, "sep", null), name);
                long max = intArg(optional(args, kwargs, 1, "maxsplit", -1L), name);
                return name.equals("split") ? PyStrings.split(s, sep, max) : PyStrings.rsplit(s, sep, max);
            }
            case "splitlines" -> {
                return new ArrayList<Object>(PyStrings.splitlines(s));
            }
            case "upper" -> {
                return PyStrings.upper(s);
            }
            case "lower", "casefold" -> {
                return PyStrings.lower(s);
            }
            case "title" -> {
                return PyStrings.title(s);
            }
            case "capitalize" -> {
                return PyStrings.capitalize(s);
            }
            case "swapcase" -> {
                StringBuilder out = new StringBuilder();
                s.codePoints().forEach(c -> out.appendCodePoint(Character.isUpperCase(c) ? Character.toLowerCase(c)
                        : Character.isLowerCase(c) ? Character.toUpperCase(c) : c));
                return out.toString();
            }
            case "replace" -> {
                String old = replaceArg(arg(args, 0, name), 1);
                String replacement = replaceArg(arg(args, 1, name), 2);
                long count = intArg(optional(args, kwargs, 2, "count", -1L), name);
                String result = PyStrings.replace(s, old, replacement, count);
                PyValues.checkSize(result.length(), r.maxSize);
                return result;
            }
            case "find", "rfind", "index", "rindex", "count" -> {
                return search(s, name, args);
            }
            case "startswith", "endswith" -> {
                Object prefix = arg(args, 0, name);
                String part = slice(s, args, 1);
                List<Object> options = prefix instanceof Tuple t ? t.items() : List.of(prefix);
                for (Object option : options) {
                    if (!(option instanceof String o)) {
                        throw PyError.type(name + " first arg must be str or a tuple of str, not " + PyValues.typeName(option));
                    }
                    if (name.equals("startswith") ? part.startsWith(o) : part.endsWith(o)) {
                        return true;
                    }
                }
                return false;
            }
            case "join" -> {
                StringBuilder out = new StringBuilder();
                boolean first = true;
                int index = 0;
                for (Object item : PyValues.iterate(arg(args, 0, name))) {
                    if (!(item instanceof String piece)) {
                        throw PyError.type("sequence item " + index + ": expected str instance, " + PyValues.typeName(item) + " found");
                    }
                    index++;
                    if (!first) {
                        out.append(s);
                    }
                    first = false;
                    out.append(piece);
                    PyValues.checkSize(out.length(), r.maxSize);
                }
                return out.toString();
            }
            case "format" -> {
                return format(r, s, args, kwargs);
            }
            case "isdigit", "isnumeric", "isdecimal" -> {
                return !s.isEmpty() && s.codePoints().allMatch(Character::isDigit);
            }
            case "isalpha" -> {
                return !s.isEmpty() && s.codePoints().allMatch(Character::isLetter);
            }
            case "isalnum" -> {
                return !s.isEmpty() && s.codePoints().allMatch(Character::isLetterOrDigit);
            }
            case "isspace" -> {
                return !s.isEmpty() && s.codePoints().allMatch(PyStrings::isSpace);
            }
            case "isupper", "islower" -> {
                boolean upper = name.equals("isupper");
                boolean cased = false;
                for (int c : s.codePoints().toArray()) {
                    if (Character.isUpperCase(c) || Character.isTitleCase(c)) {
                        if (!upper) {
                            return false;
                        }
                        cased = true;
                    } else if (Character.isLowerCase(c)) {
                        if (upper) {
                            return false;
                        }
                        cased = true;
                    }
                }
                return cased;
            }
            case "zfill", "center", "ljust", "rjust" -> {
                long width = intArg(arg(args, 0, name), name);
                PyValues.checkSize(width, r.maxSize);
                String fill = name.equals("zfill") ? "0" : stringArg(optional(args, kwargs, 1, null, " "), name);
                int pad = (int) Math.max(0, width - PyStrings.length(s));
                return switch (name) {
                    case "ljust" -> s + fill.repeat(pad);
                    case "rjust" -> fill.repeat(pad) + s;
                    case "center" -> {
                        int left = pad / 2 + (pad & (int) width & 1);
                        yield fill.repeat(left) + s + fill.repeat(pad - left);
                    }
                    default -> {
                        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
                            yield s.charAt(0) + "0".repeat(pad) + s.substring(1);
                        }
                        yield "0".repeat(pad) + s;
                    }
                };
            }
            case "partition", "rpartition" -> {
                String sep = stringArg(arg(args, 0, name), name);
                int at = name.equals("partition") ? s.indexOf(sep) : s.lastIndexOf(sep);
                if (at < 0) {
                    return name.equals("partition") ? new Tuple(List.of(s, "", "")) : new Tuple(List.of("", "", s));
                }
                return new Tuple(List.of(s.substring(0, at), sep, s.substring(at + sep.length())));
            }
            case "removeprefix" -> {
                String p = stringArg(arg(args, 0, name), name);
                return s.startsWith(p) ? s.substring(p.length()) : s;
            }
            case "removesuffix" -> {
                String p = stringArg(arg(args, 0, name), name);
                return !p.isEmpty() && s.endsWith(p) ? s.substring(0, s.length() - p.length()) : s;
            }
            default -> throw new IllegalStateException(name);
        }
    }

    /** {@code s[start:end]} for the optional start/end arguments of find, startswith … (code points). */
    private static String slice(String s, List<Object> args, int first) {
        if (args.size() <= first) {
            return s;
        }
        Object end = args.size() > first + 1 ? args.get(first + 1) : null;
        return (String) Slicing.slice(s, args.get(first), end, null, Long.MAX_VALUE);
    }

    private static Object search(String s, String name, List<Object> args) {
        String sub = stringArg(arg(args, 0, name), name);
        long offset = 0;
        String part = s;
        if (args.size() > 1 && args.get(1) != null) {
            long start = intArg(args.get(1), name);
            long length = PyStrings.length(s);
            offset = start < 0 ? Math.max(0, start + length) : Math.min(start, length);
            part = slice(s, args, 1);
        } else if (args.size() > 2) {
            part = slice(s, args, 1);
        }
        if (name.equals("count")) {
            if (sub.isEmpty()) {
                return (long) PyStrings.length(part) + 1;
            }
            long n = 0;
            for (int at = part.indexOf(sub); at >= 0; at = part.indexOf(sub, at + sub.length())) {
                n++;
            }
            return n;
        }
        int at = name.startsWith("r") ? part.lastIndexOf(sub) : part.indexOf(sub);
        if (at < 0) {
            if (name.endsWith("index")) {
                throw PyError.value("substring not found");
            }
            return -1L;
        }
        return offset + part.codePointCount(0, at);
    }

    /** {@code str.format}: {@code {}}, {@code {0}}, {@code {name}}, {@code {{ }}}; a format spec prints as str. */
    private static String format(Renderer r, String s, List<Object> args, Map<String, Object> kwargs) {
        StringBuilder out = new StringBuilder();
        int auto = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '{' && i + 1 < s.length() && s.charAt(i + 1) == '{' || c == '}' && i + 1 < s.length() && s.charAt(i + 1) == '}') {
                out.append(c);
                i++;
            } else if (c == '{') {
                int close = s.indexOf('}', i);
                if (close < 0) {
                    throw PyError.value("Single '{' encountered in format string");
                }
                String field = s.substring(i + 1, close);
                int colon = field.indexOf(':');
                String key = colon >= 0 ? field.substring(0, colon) : field;
                Object value;
                if (key.isEmpty()) {
                    value = arg(args, auto++, "format");
                } else if (key.chars().allMatch(Character::isDigit)) {
                    value = arg(args, Integer.parseInt(key), "format");
                } else if (kwargs.containsKey(key)) {
                    value = kwargs.get(key);
                } else {
                    throw new PyError("KeyError", PyStrings.repr(key));
                }
                out.append(PyValues.str(value));
                PyValues.checkSize(out.length(), r.maxSize);
                i = close;
            } else if (c == '}') {
                throw PyError.value("Single '}' encountered in format string");
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
