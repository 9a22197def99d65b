package dev.tokenlab.templates;

import java.util.List;

/** A Python tuple ({@code (a, b)}, {@code dict.items()} pairs): a list that prints with parentheses. */
record Tuple(List<Object> items) {
}
