package dev.tokenlab.templates;

import java.util.List;
import java.util.Map;

/**
 * Python's {@code str % args} ({@code '%s: %d' % (a, b)}, {@code '%(name)s' % d}) for the conversions templates
 * use: {@code s r d i f F e g x o c %} with flags {@code - 0 + space}, width and precision.
 */
final class PercentFormat {
    private PercentFormat() {
    }

    static String format(String format, Object args) {
        List<Object> values = args instanceof Tuple t ? t.items() : List.of();
        boolean single = !(args instanceof Tuple);
        Map<?, ?> mapping = args instanceof Map<?, ?> m ? m : null;
        int next = 0;
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%') {
                out.append(c);
                continue;
            }
            if (++i >= format.length()) {
                throw PyError.value("incomplete format");
            }
            Object value = null;
            boolean haveValue = false;
            if (format.charAt(i) == '(') {
                int close = format.indexOf(')', i);
                if (mapping == null || close < 0) {
                    throw PyError.type("format requires a mapping");
                }
                Object key = PyValues.findKey(mapping, format.substring(i + 1, close));
                if (key == PyValues.NO_KEY) {
                    throw new PyError("KeyError", PyStrings.repr(format.substring(i + 1, close)));
                }
                value = mapping.get(key);
                haveValue = true;
                i = close + 1;
            }
            StringBuilder flags = new StringBuilder();
            while (i < format.length() && "-+ 0#".indexOf(format.charAt(i)) >= 0) {
                flags.append(format.charAt(i++));
            }
            int start = i;
            while (i < format.length() && (Character.isDigit(format.charAt(i)) || format.charAt(i) == '.')) {
                i++;
            }
            String widthPrecision = format.substring(start, i);
            if (i >= format.length()) {
                throw PyError.value("incomplete format");
            }
            char conversion = format.charAt(i);
            if (conversion == '%') {
                out.append('%');
                continue;
            }
            if (!haveValue) {
                if (single) {
                    if (next++ > 0) {
                        throw PyError.type("not enough arguments for format string");
                    }
                    value = args;
                } else {
                    if (next >= values.size()) {
                        throw PyError.type("not enough arguments for format string");
                    }
                    value = values.get(next++);
                }
            }
            out.append(convert(value, conversion, flags.toString(), widthPrecision));
        }
        // Python raises only when the lone argument is not subscriptable like a mapping (a list, a dict, Undefined are).
        boolean mappingLike = args instanceof List || args instanceof PyRange || args instanceof Undefined;
        if (single && next == 0 && mapping == null && !mappingLike || !single && next < values.size()) {
            throw PyError.type("not all arguments converted during string formatting");
        }
        return out.toString();
    }

    private static String convert(Object v, char conversion, String flags, String widthPrecision) {
        int width = 0;
        int precision = -1;
        if (!widthPrecision.isEmpty()) {
            int dot = widthPrecision.indexOf('.');
            String w = dot >= 0 ? widthPrecision.substring(0, dot) : widthPrecision;
            width = w.isEmpty() ? 0 : Integer.parseInt(w);
            if (dot >= 0) {
                String p = widthPrecision.substring(dot + 1);
                precision = p.isEmpty() ? 0 : Integer.parseInt(p);
            }
        }
        if (width > 1_000_000 || precision > 1_000_000) {
            throw PyError.limit("format width or precision too large");
        }
        String body = switch (conversion) {
            case 's' -> precisionCut(PyValues.str(v), precision);
            case 'r', 'a' -> precisionCut(PyValues.repr(v), precision);
            case 'd', 'i', 'u' -> sign(number(v, conversion) instanceof Double d ? (long) (double) d : PyValues.asLong(v), flags);
            case 'g', 'G' -> general(PyValues.asDouble(number(v, conversion)), precision, flags, conversion == 'G');
            case 'f', 'F', 'e', 'E' -> {
                double d = PyValues.asDouble(number(v, conversion));
                String pattern = "%" + (flags.contains("+") ? "+" : flags.contains(" ") ? " " : "") + "."
                        + (precision < 0 ? 6 : precision) + conversion;
                yield String.format(java.util.Locale.ROOT, pattern, d);
            }
            case 'x', 'X', 'o' -> {
                long n = PyValues.asLong(number(v, conversion));
                String digits = conversion == 'o' ? Long.toOctalString(Math.abs(n)) : Long.toHexString(Math.abs(n));
                yield (n < 0 ? "-" : "") + (conversion == 'X' ? digits.toUpperCase() : digits);
            }
            case 'c' -> v instanceof String s ? s : new String(Character.toChars((int) PyValues.asLong(number(v, 'c'))));
            default -> throw PyError.value("unsupported format character '" + conversion + "'");
        };
        if (body.length() >= width) {
            return body;
        }
        String pad;
        if (flags.contains("-")) {
            return body + " ".repeat(width - body.length());
        }
        if (flags.contains("0") && "diufFeEgGxXo".indexOf(conversion) >= 0) {
            boolean signed = body.startsWith("-") || body.startsWith("+") || body.startsWith(" ");
            pad = "0".repeat(width - body.length());
            return signed ? body.charAt(0) + pad + body.substring(1) : pad + body;
        }
        return " ".repeat(width - body.length()) + body;
    }

    /** {@code %g}: fixed or exponent by the exponent at the precision's significant digits, trailing zeros dropped. */
    private static String general(double d, int precision, String flags, boolean upper) {
        if (!Double.isFinite(d)) {
            String s = Double.isNaN(d) ? "nan" : d > 0 ? "inf" : "-inf";
            return upper ? s.toUpperCase(java.util.Locale.ROOT) : s;
        }
        int p = precision < 0 ? 6 : Math.max(precision, 1);
        int exponent = d == 0 ? 0 : new java.math.BigDecimal(d).round(new java.math.MathContext(p, java.math.RoundingMode.HALF_EVEN))
                .precision() - 1 - new java.math.BigDecimal(d).round(new java.math.MathContext(p, java.math.RoundingMode.HALF_EVEN)).scale();
        String sign = d < 0 || d == 0 && 1 / d < 0 ? "-" : flags.contains("+") ? "+" : flags.contains(" ") ? " " : "";
        double a = Math.abs(d);
        String body;
        if (exponent >= -4 && exponent < p) {
            body = String.format(java.util.Locale.ROOT, "%." + (p - 1 - exponent) + "f", a);
            if (!flags.contains("#") && body.contains(".")) {
                body = body.replaceAll("0+$", "").replaceAll("\\.$", "");
            }
        } else {
            body = String.format(java.util.Locale.ROOT, "%." + (p - 1) + "e", a);
            String mantissa = body.substring(0, body.indexOf('e'));
            if (!flags.contains("#") && mantissa.contains(".")) {
                mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
            }
            body = mantissa + body.substring(body.indexOf('e'));
            body = upper ? body.toUpperCase(java.util.Locale.ROOT) : body;
        }
        return sign + body;
    }

    private static String precisionCut(String s, int precision) {
        return precision >= 0 && precision < s.length() ? s.substring(0, precision) : s;
    }

    private static String sign(long n, String flags) {
        return (n >= 0 && flags.contains("+") ? "+" : n >= 0 && flags.contains(" ") ? " " : "") + n;
    }

    private static Object number(Object v, char conversion) {
        if (!PyValues.isNumber(v)) {
            throw PyError.type("%" + conversion + " format: a real number is required, not " + PyValues.typeName(v));
        }
        return v;
    }
}
