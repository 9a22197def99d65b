package dev.tokenlab.templates;

import java.util.List;

/** The {@code loop} variable of a {@code for} block: position, neighbours, {@code cycle}, {@code changed}. */
final class Loop {
    final List<Object> items;
    final int depth0;
    int index0;
    private Object lastChanged = Undefined.hint("");
    private boolean changedCalled;

    Loop(List<Object> items, int depth0) {
        this.items = items;
        this.depth0 = depth0;
    }

    Object attribute(String name) {
        int length = items.size();
        return switch (name) {
            case "index0" -> (long) index0;
            case "index" -> (long) index0 + 1;
            case "revindex0" -> (long) (length - index0 - 1);
            case "revindex" -> (long) (length - index0);
            case "first" -> index0 == 0;
            case "last" -> index0 == length - 1;
            case "length" -> (long) length;
            case "depth0" -> (long) depth0;
            case "depth" -> (long) depth0 + 1;
            case "previtem" -> index0 > 0 ? items.get(index0 - 1) : Undefined.hint("there is no previous item");
            case "nextitem" -> index0 < length - 1 ? items.get(index0 + 1) : Undefined.hint("there is no next item");
            case "cycle", "changed" -> new BoundMethod(this, name);
            default -> Undefined.attribute(this, name);
        };
    }

    Object cycle(List<Object> args) {
        if (args.isEmpty()) {
            throw PyError.type("no items for cycling given");
        }
        return args.get(index0 % args.size());
    }

    boolean changed(List<Object> args) {
        Object value = new java.util.ArrayList<>(args);
        if (!changedCalled || !PyValues.equal(value, lastChanged)) {
            changedCalled = true;
            lastChanged = value;
            return true;
        }
        return false;
    }
}
