package dev.tokenlab.templates;

/**
 * jinja2's default {@code Undefined}: what a missing variable, attribute, key or index evaluates to. It prints
 * as nothing, is false, iterates as empty and has length 0; anything else (arithmetic, attribute access, calls,
 * ordering) fails with the message saying what was missing.
 */
final class Undefined {
    private final String message;

    private Undefined(String message) {
        this.message = message;
    }

    /** A missing variable: {@code 'x' is undefined}. */
    static Undefined name(String name) {
        return new Undefined("'" + name + "' is undefined");
    }

    /** A missing attribute of a value: {@code 'dict object' has no attribute 'x'}. */
    static Undefined attribute(Object owner, String attribute) {
        return new Undefined("'" + objectType(owner) + "' has no attribute '" + attribute + "'");
    }

    /** A missing element: {@code list object has no element 5}. */
    static Undefined element(Object owner, Object key) {
        if (key instanceof String s) {
            return attribute(owner, s);
        }
        return new Undefined(objectType(owner) + " has no element " + PyValues.repr(key));
    }

    /** An unsafe attribute: what the sandbox answers for {@code __class__}, {@code append} and the like. */
    static Undefined unsafe(Object owner, String attribute) {
        return new Undefined("access to attribute '" + attribute + "' of '" + PyValues.typeName(owner) + "' object is unsafe.");
    }

    private static String objectType(Object owner) {
        return owner == null ? "None" : PyValues.typeName(owner) + " object";
    }

    /** An undefined with its own message (an unsafe attribute, an empty sequence's first item …). */
    static Undefined hint(String message) {
        return new Undefined(message);
    }

    /** The error that using this value in a way Undefined refuses raises. */
    PyError fail() {
        return new PyError(message.endsWith("unsafe.") ? "SecurityError" : "UndefinedError", message);
    }

    @Override
    public String toString() {
        return "";
    }
}
