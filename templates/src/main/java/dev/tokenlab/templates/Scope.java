package dev.tokenlab.templates;

import java.util.HashMap;
import java.util.Map;

/** One level of variables: the globals, the caller's variables, a loop body, a macro call … */
final class Scope {
    final Scope parent;
    private final Map<String, Object> vars = new HashMap<>();

    Scope(Scope parent) {
        this.parent = parent;
    }

    void set(String name, Object value) {
        vars.put(name, value);
    }

    /** The value of {@code name} here or in an enclosing scope, or {@link #MISSING}. */
    Object lookup(String name) {
        for (Scope s = this; s != null; s = s.parent) {
            if (s.vars.containsKey(name)) {
                return s.vars.get(name);
            }
        }
        return MISSING;
    }

    static final Object MISSING = new Object();
}
