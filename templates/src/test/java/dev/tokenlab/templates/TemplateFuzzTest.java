package dev.tokenlab.templates;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Coverage-guided fuzzing of the template engine: any template source, rendered with chat-like variables under
 * small limits, either renders or fails with a {@link TemplateException}; nothing else gets out (no class cast,
 * index or stack errors) and nothing hangs (Jazzer's timeout).
 *
 * <p>A normal build replays the seeds in {@code testdata/fuzz/TemplateFuzzTestInputs}; fuzzing for real:
 * {@code JAZZER_FUZZ=1 mvn -o -pl templates surefire:test -Dtest=TemplateFuzzTest#source}.
 */
class TemplateFuzzTest {
    private static final RenderOptions SMALL = RenderOptions.defaults().withMaxSteps(100_000).withMaxOutputChars(100_000)
            .withMaxDepth(30);
    private static final Map<String, Object> VARS = Map.of(
            "messages", List.of(Map.of("role", "system", "content", "Be brief."), Map.of("role", "user", "content", " Hi\n")),
            "tools", List.of(Map.of("type", "function", "function", Map.of("name", "f", "parameters", Map.of()))),
            "add_generation_prompt", true, "bos_token", "<s>", "xs", List.of(1, 2.5, "a"));
    private static final String[] PIECES = {
        "{{", "}}", "{%", "%}", "{#", "#}", "{%-", "-%}", "{{-", "-}}", "{%+", "+%}", " ", "\n", "x", "messages",
        "message", "tools", "xs", "loop", "ns", "if ", "elif ", "else", "endif", "for ", " in ", "endfor", "set ",
        "endset", "macro ", "endmacro", "call ", "endcall", "filter ", "endfilter", "raw", "endraw", "generation",
        "endgeneration", "break", "continue", "=", "==", "(", ")", "[", "]", "{", "}", ":", ",", ".", "|", "~", "+",
        "-", "*", "**", "//", "%", "'a'", "\"\\u00e9\"", "1", "2.5", "true", "none", "not ", " and ", " or ", " is ",
        "defined", "string", "length", "trim", "tojson", "join", "map(attribute='role')", "selectattr('role')",
        "items", "indent", "range(", "namespace(", "raise_exception(", "__class__", "[::-1]", "loop.index",
        "caller()", "strip()", "split()", "content", "role",
    };

    /** The template source as UTF-8. */
    @FuzzTest(maxDuration = "10s")
    void source(byte[] data) {
        renderOrFailCleanly(new String(data, StandardCharsets.UTF_8));
    }

    /** A template assembled from the tokens templates are made of: reaches the parser's and renderer's depths sooner. */
    @FuzzTest(maxDuration = "10s")
    void fromPieces(FuzzedDataProvider data) {
        StringBuilder template = new StringBuilder();
        int pieces = data.consumeInt(1, 60);
        for (int i = 0; i < pieces && data.remainingBytes() > 0; i++) {
            template.append(PIECES[data.consumeInt(0, PIECES.length - 1)]);
        }
        renderOrFailCleanly(template.toString());
    }

    private static void renderOrFailCleanly(String source) {
        try {
            ChatTemplate.parse(source).render(VARS, SMALL);
        } catch (TemplateException expected) {
            // a clean refusal
        }
    }
}
