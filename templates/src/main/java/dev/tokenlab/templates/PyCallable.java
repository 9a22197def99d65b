package dev.tokenlab.templates;

import java.util.List;
import java.util.Map;

/** Something a template may call: a global function, a macro, {@code caller}, or a bound method of a value. */
interface PyCallable {
    Object call(Renderer renderer, List<Object> args, Map<String, Object> kwargs);
}
