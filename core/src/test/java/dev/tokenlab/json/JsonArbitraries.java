package dev.tokenlab.json;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Random JSON trees for the properties: every kind of value, strings of all of Unicode, numbers of every shape. */
final class JsonArbitraries {
    private JsonArbitraries() {
    }

    /** Trees up to 4 levels deep, objects of up to 10 members (past the scan limit of 8). */
    static Arbitrary<JsonValue> trees() {
        return Arbitraries.recursive(JsonArbitraries::scalars, JsonArbitraries::containers, 0, 4);
    }

    static Arbitrary<JsonValue> scalars() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, strings().map(JsonString::new)),
                Tuple.of(4, numberLiterals().map(JsonTrees::num)),
                Tuple.of(1, Arbitraries.of(JsonBoolean.TRUE, JsonBoolean.FALSE, JsonNull.NULL)));
    }

    private static Arbitrary<JsonValue> containers(Arbitrary<JsonValue> inner) {
        Arbitrary<JsonValue> arrays = inner.list().ofMaxSize(5).map(JsonTrees::array);
        Arbitrary<JsonValue> objects = Combinators.combine(strings(), inner).as(Map::entry).list()
                .uniqueElements(Map.Entry::getKey).ofMaxSize(10).map(entries -> {
                    Map<String, JsonValue> members = new LinkedHashMap<>();
                    entries.forEach(e -> members.put(e.getKey(), e.getValue()));
                    return JsonTrees.object(members);
                });
        return Arbitraries.frequencyOf(Tuple.of(1, inner), Tuple.of(2, arrays), Tuple.of(2, objects));
    }

    /** Strings of any code point but lone surrogates, weighted towards what needs care: quotes, backslashes, controls. */
    static Arbitrary<String> strings() {
        Arbitrary<Integer> codePoint = Arbitraries.frequencyOf(
                Tuple.of(20, Arbitraries.integers().between(0x20, 0x7E)),
                Tuple.of(4, Arbitraries.of((int) '"', (int) '\\', (int) '/', 0x7F, 0x2028, 0x2029, 0xFEFF, 0xFFFF, 0xFFFD)),
                Tuple.of(4, Arbitraries.integers().between(0, 0x1F)),
                Tuple.of(4, Arbitraries.integers().between(0x80, 0x7FF)),
                Tuple.of(4, Arbitraries.integers().between(0x800, 0xD7FF)),
                Tuple.of(2, Arbitraries.integers().between(0xE000, 0xFFFF)),
                Tuple.of(3, Arbitraries.integers().between(0x10000, Character.MAX_CODE_POINT)));
        return codePoint.list().ofMaxSize(12).map(cps -> {
            StringBuilder s = new StringBuilder();
            cps.forEach(s::appendCodePoint);
            return s.toString();
        });
    }

    /** Literals of the JSON number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?, up to 30 digits. */
    static Arbitrary<String> numberLiterals() {
        Arbitrary<String> digits = Arbitraries.strings().withCharRange('0', '9').ofMinLength(1).ofMaxLength(30);
        Arbitrary<String> integer = Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just("0")),
                Tuple.of(3, Combinators.combine(Arbitraries.integers().between(1, 9), digits.injectNull(0.5))
                        .as((first, rest) -> first + (rest == null ? "" : rest))),
                Tuple.of(2, Arbitraries.longs().between(1, Long.MAX_VALUE).map(String::valueOf)),
                Tuple.of(1, Arbitraries.of("2147483647", "2147483648", "9223372036854775807", "9223372036854775808",
                        "999999999999999999", "1000000000000000000")));
        Arbitrary<String> fraction = digits.map(d -> "." + d).injectNull(0.6);
        Arbitrary<String> exponent = Combinators.combine(Arbitraries.of("e", "E"), Arbitraries.of("", "+", "-"), digits)
                .as((e, sign, d) -> e + sign + d).injectNull(0.7);
        return Combinators.combine(Arbitraries.of("", "-"), integer, fraction, exponent)
                .as((sign, i, f, e) -> sign + i + (f == null ? "" : f) + (e == null ? "" : e));
    }

    /** Bytes that matter to a JSON parser, for mutating valid documents. */
    static final List<Integer> INTERESTING_BYTES = List.of((int) '{', (int) '}', (int) '[', (int) ']', (int) ',', (int) ':',
            (int) '"', (int) '\\', (int) '0', (int) '1', (int) '-', (int) '.', (int) 'e', (int) '+', (int) 'u', (int) 't',
            (int) 'n', (int) 'f', (int) '/', (int) '\'', (int) ' ', (int) '\n', 0, 0x1F, 0x7F, 0x80, 0xBF, 0xC0, 0xC3, 0xE2,
            0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF);
}
