package dev.tokenlab.templates;

import java.util.List;
import java.util.Map;

/** A global function, with the Python type jinja2's counterpart has ({@code function} or {@code type}) for messages. */
record Builtin(String name, String type, PyCallable body) implements PyCallable {
    @Override
    public Object call(Renderer renderer, List<Object> args, Map<String, Object> kwargs) {
        return body.call(renderer, args, kwargs);
    }
}
