package dev.tokenlab.tools.jinjava;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.el.JinjavaInterpreterResolver;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import jinjava.javax.el.CompositeELResolver;

import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The Jinjava configurations the evaluation compares with jinja2. Each has transformers' {@code trim_blocks},
 * {@code lstrip_blocks} and the two globals; {@link #filled()} adds every gap fill found cheap, and
 * {@link #rewrites()} lists the template-source edits that stand in for what Jinjava's parser cannot read.
 */
public final class JinjavaSetups {
    private JinjavaSetups() {
    }

    /** Jinjava's defaults plus trim/lstrip blocks and the globals. */
    public static Jinjava plain() {
        return withGlobals(new Jinjava(JinjavaConfig.newBuilder().withTrimBlocks(true).withLstripBlocks(true).build()));
    }

    /**
     * Plain, plus: no nested interpretation (Jinjava renders template syntax found in a variable's value by
     * default: a user typing {@code {% raw %}} changes the prompt), {@code {{- }}} whitespace control
     * ({@code useTrimmingForNotesAndExpressions}), Python-style printing of lists and dicts
     * ({@code usePyishObjectMapper}), Python's {@code str} methods ({@link PythonStrings}) and transformers'
     * {@code tojson} ({@link PythonJsonFilter}). Not {@code useNaturalOperatorPrecedence}: it reads
     * {@code not x is defined} as {@code (not x) is defined} and breaks DeepSeek V3's template.
     */
    public static Jinjava filled() {
        CompositeELResolver resolver = new CompositeELResolver();
        resolver.add(new PythonStrings());
        resolver.add(JinjavaInterpreterResolver.DEFAULT_RESOLVER_READ_ONLY);
        LegacyOverrides overrides = LegacyOverrides.newBuilder()
                .withUseTrimmingForNotesAndExpressions(true)
                .withUsePyishObjectMapper(true)
                .withParseWhitespaceControlStrictly(true)
                .withKeepNullableLoopValues(true)
                .withEvaluateMapKeys(true)
                .build();
        Jinjava jinjava = new Jinjava(JinjavaConfig.newBuilder()
                .withTrimBlocks(true)
                .withLstripBlocks(true)
                .withNestedInterpretationEnabled(false)
                .withElResolver(resolver)
                .withLegacyOverrides(overrides)
                .build());
        jinjava.getGlobalContext().registerFilter(new PythonJsonFilter());
        return withGlobals(jinjava);
    }

    /**
     * Source edits for the constructs Jinjava's expression parser refuses, as a source rewriter would have to
     * make them: a slice with a step, and a filter followed by arithmetic inside a keyword argument.
     */
    public static UnaryOperator<String> rewrites() {
        Map<String, String> edits = Map.of(
                "messages[::-1]", "messages|reverse",
                "last_query_index=messages|length - 1", "last_query_index=(messages|length - 1)");
        return source -> {
            String out = source;
            for (Map.Entry<String, String> edit : edits.entrySet()) {
                out = out.replace(edit.getKey(), edit.getValue());
            }
            return out;
        };
    }

    private static Jinjava withGlobals(Jinjava jinjava) {
        jinjava.getGlobalContext().registerFunction(new ELFunctionDefinition(
                "", "raise_exception", TemplateGlobals.class, "raiseException", String.class));
        jinjava.getGlobalContext().registerFunction(new ELFunctionDefinition(
                "", "strftime_now", TemplateGlobals.class, "strftimeNow", String.class));
        return jinjava;
    }
}
