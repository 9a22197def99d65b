package dev.tokenlab.templates;

import java.util.List;
import java.util.Map;

/**
 * A {@code {% macro %}} (or the body of a {@code {% call %}} block, as {@code caller}) bound to the scope it was
 * defined in; calling it renders its body to a string.
 */
record Macro(Node.Macro definition, Scope closure) implements PyCallable {
    String name() {
        return definition.name();
    }

    @Override
    public Object call(Renderer renderer, List<Object> args, Map<String, Object> kwargs) {
        return renderer.callMacro(this, args, kwargs);
    }
}
