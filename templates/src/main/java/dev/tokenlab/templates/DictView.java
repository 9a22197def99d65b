package dev.tokenlab.templates;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What {@code dict.items()}, {@code .keys()} and {@code .values()} return: a view that iterates, has a length and
 * answers {@code in}, but is not subscriptable, and prints as Python prints it ({@code dict_keys(['a', 'b'])}).
 *
 * @param kind {@code items}, {@code keys} or {@code values}
 */
record DictView(String kind, Map<?, ?> map) {
    List<Object> items() {
        List<Object> items = new ArrayList<>(map.size());
        for (Map.Entry<?, ?> e : map.entrySet()) {
            items.add(switch (kind) {
                case "items" -> new Tuple(Arrays.asList(e.getKey(), e.getValue()));
                case "keys" -> e.getKey();
                default -> e.getValue();
            });
        }
        return items;
    }
}
