package dev.tokenlab.templates;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile templates: huge loops, exponential output, deep recursion and nesting, and reaching for Python's or
 * Java's internals must each fail fast with one line (or render nothing, where jinja2's sandbox does too).
 */
class SandboxTest {
    private static final Map<String, Object> VARS = Map.of("xs", List.of(1, 2, 3), "d", Map.of("a", 1), "s", "text");

    private static TemplateException fails(String template) {
        return assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            TemplateException e = assertThrows(TemplateException.class, () -> ChatTemplate.parse(template).render(VARS));
            assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
            return e;
        });
    }

    private static String renders(String template) {
        return ChatTemplate.parse(template).render(VARS);
    }

    @Test
    void aRangeLargerThanTheSandboxAllowsIsRefusedAsJinja2RefusesIt() {
        TemplateException e = fails("{% for i in range(10**9) %}{{ i }}{% endfor %}");
        assertEquals("OverflowError", e.kind());
        assertEquals("Range too big. The sandbox blocks ranges larger than MAX_RANGE (100000).", e.reason());
    }

    @Test
    void nestedLoopsRunOutOfSteps() {
        TemplateException e = fails("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}");
        assertEquals("LimitExceeded", e.kind());
        assertTrue(e.reason().contains("steps"), e.reason());
    }

    @Test
    void aSmallStepLimitIsHonoured() {
        ChatTemplate t = ChatTemplate.parse("{% for i in range(1000) %}{{ i }}{% endfor %}");
        TemplateException e = assertThrows(TemplateException.class, () -> t.render(VARS, RenderOptions.defaults().withMaxSteps(500)));
        assertEquals("LimitExceeded", e.kind());
    }

    @Test
    void doublingAStringFailsBeforeItIsBuilt() {
        TemplateException e = fails("{% set ns = namespace(s='x') %}{% for i in range(100) %}{% set ns.s = ns.s + ns.s %}{% endfor %}{{ ns.s }}");
        assertEquals("LimitExceeded", e.kind());
        assertEquals("LimitExceeded", fails("{{ 'x' * 10**12 }}").kind());
        assertEquals("LimitExceeded", fails("{{ [1, 2] * 10**12 }}").kind());
        assertEquals("LimitExceeded", fails("{% set ns = namespace(s='ab') %}{% for i in range(64) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}").kind());
    }

    @Test
    void largeOutputStopsAtTheOutputLimit() {
        TemplateException e = fails("{% for a in range(100000) %}{% for b in range(100) %}{{ 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' }}{% endfor %}{% endfor %}");
        assertEquals("LimitExceeded", e.kind());
        ChatTemplate t = ChatTemplate.parse("{% for a in range(100) %}0123456789{% endfor %}");
        assertEquals("LimitExceeded", assertThrows(TemplateException.class,
                () -> t.render(VARS, RenderOptions.defaults().withMaxOutputChars(999))).kind());
    }

    @Test
    void unboundedMacroRecursionStops() {
        TemplateException e = fails("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}");
        assertEquals("LimitExceeded", e.kind());
        assertTrue(e.reason().contains("macro"), e.reason());
        TemplateException wide = fails("{% macro f(n) %}{{ f(n + 1) }}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}");
        assertEquals("LimitExceeded", wide.kind());
    }

    @Test
    void deepNestingIsASyntaxErrorNotAStackOverflow() {
        assertEquals("TemplateSyntaxError", fails("{{ " + "(".repeat(5000) + "1" + ")".repeat(5000) + " }}").kind());
        assertEquals("TemplateSyntaxError", fails("{{ " + "not ".repeat(5000) + "1 }}").kind());
        assertEquals("TemplateSyntaxError", fails("{{ " + "-".repeat(5000) + "1 }}").kind());
        assertEquals("TemplateSyntaxError", fails("{% if 1 %}".repeat(5000) + "{% endif %}".repeat(5000)).kind());
        assertEquals("TemplateSyntaxError", fails("{{ " + "[".repeat(5000) + "]".repeat(5000) + " }}").kind());
    }

    @Test
    void deeplyNestedValuesBuiltByATemplateDoNotOverflowTheStack() {
        TemplateException e = fails("{% set ns = namespace(x=[]) %}{% for i in range(100000) %}{% set ns.x = [ns.x] %}{% endfor %}{{ ns.x }}");
        assertEquals("LimitExceeded", e.kind());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{{ ''.__class__.__mro__ }}|SecurityError|access to attribute '__class__' of 'str' object is unsafe.",
            "{{ d.__class__.__subclasses__() }}|SecurityError|access to attribute '__class__' of 'dict' object is unsafe.",
            "{{ xs.append(4) }}|SecurityError|access to attribute 'append' of 'list' object is unsafe.",
            "{{ d.update({'b': 2}) }}|SecurityError|access to attribute 'update' of 'dict' object is unsafe.",
            "{{ d.pop('a') }}|SecurityError|access to attribute 'pop' of 'dict' object is unsafe.",
            "{{ cycler.__init__.__globals__ }}|SecurityError|access to attribute '__init__' of 'type' object is unsafe.",
            "{{ s.getClass() }}|UndefinedError|'str object' has no attribute 'getClass'",
            "{{ range.__self__.__builtins__ }}|SecurityError|access to attribute '__self__' of 'function' object is unsafe.",
            "{{ raise_exception.__globals__['os'] }}|SecurityError|access to attribute '__globals__' of 'function' object is unsafe.",
            "{% set x.y = 1 %}|TemplateRuntimeError|cannot assign attribute on non-namespace object",
            "{% include 'x' %}|TemplateSyntaxError|Encountered unknown tag 'include'.",
            "{% import 'os' as os %}|TemplateSyntaxError|Encountered unknown tag 'import'."
    })
    void internalsAreOutOfReach(String template, String kind, String reason) {
        TemplateException e = fails(template);
        assertEquals(kind, e.kind(), e.getMessage());
        assertEquals(reason, e.reason());
    }

    @Test
    void anUnsafeAttributeAloneIsUndefinedAsInJinja2() {
        assertEquals("[][]", renders("[{{ ''.__class__ }}][{{ d.__dict__ }}]"));
        assertEquals("False", renders("{{ s.__class__ is defined }}"));
    }

    @Test
    void templateSyntaxInsideAValueIsText() {
        Map<String, Object> vars = Map.of("m", "{{ 7 * 7 }}{% raw %}");
        assertEquals("{{ 7 * 7 }}{% raw %}", ChatTemplate.parse("{{ m }}").render(vars));
    }

    @Test
    void onlyPlainValuesAreAccepted() {
        ChatTemplate t = ChatTemplate.parse("{{ x }}");
        assertThrows(IllegalArgumentException.class, () -> t.render(Map.of("x", new Object())));
        assertThrows(IllegalArgumentException.class, () -> t.render(Map.of("x", List.of(Thread.currentThread()))));
        assertEquals("[1, 2.5, 'a', None, True]", t.render(Map.of("x", java.util.Arrays.asList(1, 2.5f, "a", null, true))));
    }

    @Test
    void errorsSayWhereTheyHappened() {
        TemplateException e = assertThrows(TemplateException.class,
                () -> ChatTemplate.parse("line one\n{% if true %}\n  {{ raise_exception('no system role') }}\n{% endif %}").render(Map.of()));
        assertEquals("TemplateError", e.kind());
        assertEquals("no system role", e.reason());
        assertEquals(3, e.line());
        assertEquals("TemplateError: no system role (line 3, column 6)", e.getMessage());
        TemplateException syntax = assertThrows(TemplateException.class, () -> ChatTemplate.parse("ok\n{{ 1 + }}"));
        assertEquals("TemplateSyntaxError", syntax.kind());
        assertEquals(2, syntax.line());
    }
}
