package dev.tokenlab.templates;

import java.util.List;

/**
 * What jinja2's lazy filters return ({@code map}, {@code select}, {@code selectattr}, {@code unique},
 * {@code items} …): a Python generator. It is always true, has no length, and can be consumed once.
 */
final class PyIterator {
    private List<Object> items;

    PyIterator(List<Object> items) {
        this.items = items;
    }

    /** The remaining items; the iterator is empty afterwards. */
    List<Object> consume() {
        List<Object> rest = items;
        items = List.of();
        return rest;
    }
}
