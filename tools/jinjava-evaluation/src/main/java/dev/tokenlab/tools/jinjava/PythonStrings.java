package dev.tokenlab.tools.jinjava;

import jinjava.javax.el.ELContext;
import jinjava.javax.el.ELResolver;

import java.beans.FeatureDescriptor;
import java.util.Iterator;
import java.util.Locale;
import java.util.function.IntPredicate;

/**
 * Python's {@code str} methods that chat templates call ({@code startswith}, {@code endswith}, {@code strip},
 * {@code lstrip}, {@code rstrip} with or without characters, {@code upper}, {@code lower}) for Jinjava, whose
 * expressions otherwise see only {@code java.lang.String}'s methods. A gap fill: put first in a composite resolver.
 */
public final class PythonStrings extends ELResolver {
    @Override
    public Object invoke(ELContext context, Object base, Object method, Class<?>[] types, Object[] params) {
        if (!(base instanceof String s) || !(method instanceof String name)) {
            return null;
        }
        String arg = params != null && params.length > 0 && params[0] != null ? params[0].toString() : null;
        Object result = switch (name) {
            case "startswith" -> arg == null ? null : s.startsWith(arg);
            case "endswith" -> arg == null ? null : s.endsWith(arg);
            case "strip" -> strip(s, arg, true, true);
            case "lstrip" -> strip(s, arg, true, false);
            case "rstrip" -> strip(s, arg, false, true);
            case "upper" -> s.toUpperCase(Locale.ROOT);
            case "lower" -> s.toLowerCase(Locale.ROOT);
            default -> null;
        };
        if (result != null) {
            context.setPropertyResolved(true);
        }
        return result;
    }

    /** Python's strip: whitespace when {@code chars} is null, else any of {@code chars}, from either end. */
    static String strip(String s, String chars, boolean left, boolean right) {
        IntPredicate drop = chars == null ? Character::isWhitespace : c -> chars.indexOf(c) >= 0;
        int start = 0;
        int end = s.length();
        while (left && start < end && drop.test(s.charAt(start))) {
            start++;
        }
        while (right && end > start && drop.test(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    @Override
    public Object getValue(ELContext context, Object base, Object property) {
        return null;
    }

    @Override
    public Class<?> getType(ELContext context, Object base, Object property) {
        return null;
    }

    @Override
    public void setValue(ELContext context, Object base, Object property, Object value) {
        // read-only
    }

    @Override
    public boolean isReadOnly(ELContext context, Object base, Object property) {
        return true;
    }

    @Override
    public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
        return null;
    }

    @Override
    public Class<?> getCommonPropertyType(ELContext context, Object base) {
        return null;
    }
}
