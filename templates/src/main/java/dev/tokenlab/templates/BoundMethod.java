package dev.tokenlab.templates;

import java.util.List;
import java.util.Map;

/** A whitelisted method of a value, looked up but not yet called ({@code s.split} in {@code s.split(',')}). */
record BoundMethod(Object self, String name) implements PyCallable {
    @Override
    public Object call(Renderer renderer, List<Object> args, Map<String, Object> kwargs) {
        return Methods.call(renderer, self, name, args, kwargs);
    }
}
