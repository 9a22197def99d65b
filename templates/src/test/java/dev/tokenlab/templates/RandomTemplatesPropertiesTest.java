package dev.tokenlab.templates;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Random templates, from token soup to well-formed expressions over every construct the engine knows, never hang
 * and never fail with anything but a one-line {@link TemplateException}: no Java exception (class cast, index out
 * of bounds, stack overflow) escapes, whatever a downloaded template holds.
 */
class RandomTemplatesPropertiesTest {
    private static final RenderOptions SMALL = RenderOptions.defaults().withMaxSteps(200_000).withMaxOutputChars(200_000)
            .withMaxDepth(50);
    private static final Map<String, Object> VARS = Map.of(
            "s", "  Hi <think>x</think>\n", "xs", List.of(1, 2, 3), "n", java.util.Collections.singletonMap("k", null),
            "d", Map.of("a", List.of(true, 0.5, "é")), "m", List.of(Map.of("role", "user", "content", "a")));

    private static final List<String> SOUP = List.of("{{", "}}", "{%", "%}", "{#", "#}", "{%-", "-%}", "{{-", "-}}", "+%}",
            "{%+", " ", "\n", "  ", "if", "elif", "else", "endif", "for", "in", "endfor", "set", "endset", "macro", "endmacro",
            "call", "endcall", "filter", "endfilter", "raw", "endraw", "generation", "endgeneration", "break", "continue",
            "with", "endwith", "x", "xs", "s", "d", "m", "n", "loop", "ns", "=", "==", "!=", "<", ">=", "(", ")", "[", "]",
            "{", "}", ":", ",", ".", "|", "~", "+", "-", "*", "**", "/", "//", "%", "'a'", "\"b\"", "'\\u00e9'", "1", "2.5",
            "10**9", "true", "none", "not", "and", "or", "is", "defined", "string", "length", "trim", "tojson", "join",
            "map", "attribute=", "selectattr", "items", "dictsort", "indent", "range(", "namespace(", "raise_exception(",
            "__class__", "__init__", "append", "[::-1]", "loop.index", "caller()", "f()", "strip()", "split(',')");

    @Property(tries = 400)
    void tokenSoupFailsCleanlyOrRenders(@ForAll("soup") String template) {
        renderOrFailCleanly(template);
    }

    @Property(tries = 400)
    void randomExpressionsFailCleanlyOrRender(@ForAll("expressions") String expression) {
        renderOrFailCleanly("{% set ns = namespace(a=1) %}{% macro f(v=1) %}[{{ v }}]{% endmacro %}"
                + "{% for x in xs %}{{ " + expression + " }}{% endfor %}|{{ " + expression + " }}");
    }

    private static void renderOrFailCleanly(String template) {
        try {
            ChatTemplate.parse(template).render(VARS, SMALL);
        } catch (TemplateException e) {
            assertFalse(e.getMessage().contains("\n") && !template.contains("\n"), "one line: " + e.getMessage());
        }
    }

    @Provide
    Arbitrary<String> soup() {
        return Arbitraries.of(SOUP).list().ofMinSize(1).ofMaxSize(40).map(parts -> String.join("", parts));
    }

    @Provide
    Arbitrary<String> expressions() {
        return expression(4);
    }

    private static Arbitrary<String> expression(int depth) {
        Arbitrary<String> atom = Arbitraries.of("x", "xs", "s", "d", "m", "n", "ns.a", "loop.index", "1", "-2", "2.5", "0",
                "'a'", "''", "true", "false", "none", "[]", "{}", "[1, 'b', none]", "{'k': [1]}", "(1, 2)", "undefinedvar",
                "range(3)", "f()", "f(v=2)", "namespace(b=2).b", "m[0].role", "d.a", "xs[::-1]", "s[1:4]");
        if (depth == 0) {
            return atom;
        }
        Arbitrary<String> sub = Arbitraries.lazy(() -> expression(depth - 1));
        Arbitrary<String> binary = Arbitraries.of("+", "-", "*", "/", "//", "%", "**", "~", "==", "!=", "<", ">=", "in",
                "not in", "and", "or").flatMap(op ->
                Combinators.combine(sub, sub).as((a, b) -> "(" + a + " " + op + " " + b + ")"));
        Arbitrary<String> filter = Combinators.combine(sub, Arbitraries.of("length", "trim", "tojson", "list",
                "first", "last", "join(',')", "default('z')", "default('z', true)", "int", "float", "string", "upper",
                "reverse|list", "unique|list", "sort", "map('string')|list", "selectattr('role')|list", "items|list",
                "dictsort", "indent(2)", "capitalize", "title", "round", "abs", "sum", "min", "max", "count",
                "replace('a', 'b')", "tojson(indent=2)", "batch(2)|list", "select|list", "reject('none')|list",
                "map(attribute='role')|list", "e", "wordcount")).as((e, f) -> "(" + e + ")|" + f);
        Arbitrary<String> test = Combinators.combine(sub, Arbitraries.of("defined", "none", "string",
                "mapping", "iterable", "number", "odd", "sequence", "not none", "equalto 1", "in xs", "true"))
                .as((e, t) -> "(" + e + ") is " + t);
        Arbitrary<String> method = Combinators.combine(sub, Arbitraries.of(".upper()", ".strip()",
                ".split(',')", ".items()", ".get('a')", ".startswith('a')", ".replace('a', 'c')", ".append(1)",
                ".__class__", ".keys()", "[0]", "[-1]", "[1:]", "['a']", ".count(1)", ".format(1)", ".find('i')"))
                .as((e, m) -> "(" + e + ")" + m);
        Arbitrary<String> unary = sub.flatMap(e -> Arbitraries.of("not " + e, "-" + e, "(" + e + ")", "[" + e + ", " + e + "]",
                "{'k': " + e + "}"));
        Arbitrary<String> conditional = Combinators.combine(sub, sub, sub)
                .as((a, b, c) -> "(" + a + " if " + b + " else " + c + ")");
        return Arbitraries.frequencyOf(Tuple.of(3, atom), Tuple.of(3, binary), Tuple.of(3, filter), Tuple.of(1, test),
                Tuple.of(2, method), Tuple.of(1, unary), Tuple.of(1, conditional));
    }
}
