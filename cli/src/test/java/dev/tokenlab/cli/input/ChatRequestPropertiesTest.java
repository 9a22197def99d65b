package dev.tokenlab.cli.input;

import dev.tokenlab.cli.exit.CliException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link ChatInput#parseRequest} on any input: a request, or one {@link CliException} line naming the source — never
 * another exception; and a request keeps every key and value of every message as written.
 */
class ChatRequestPropertiesTest {
    private static final String VALID = "{\"messages\":[{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"c1\","
            + "\"function\":{\"name\":\"f\",\"arguments\":{\"n\":7,\"x\":-0.5,\"ok\":true}}}]},{\"role\":\"tool\","
            + "\"tool_call_id\":\"c1\",\"content\":\"é😀\"}],\"tools\":[{\"type\":\"function\"}],\"add_generation_prompt\":false,"
            + "\"template_kwargs\":{\"enable_thinking\":false},\"model\":\"ignored\"}";

    @Property(tries = 2000)
    void anyInputIsARequestOrOneLine(@ForAll("mangled") String json) {
        try {
            ChatRequest r = ChatInput.parseRequest(json, "chat.json");
            assertTrue(r.messages().stream().allMatch(m -> m.get("role") instanceof String));
        } catch (CliException e) {
            assertTrue(e.getMessage().startsWith("chat.json: ") && !e.getMessage().contains("\n"), e.getMessage());
        }
    }

    @Property(tries = 1)
    void everyKeyIsKept() {
        ChatRequest r = ChatInput.parseRequest(VALID, "chat.json");
        assertEquals(2, r.messages().size());
        Map<String, Object> call = r.messages().get(0);
        assertTrue(call.containsKey("content") && call.get("content") == null);
        assertEquals(Map.of("n", 7L, "x", -0.5, "ok", true),
                ((Map<?, ?>) ((Map<?, ?>) ((List<?>) call.get("tool_calls")).get(0)).get("function")).get("arguments"));
        assertEquals(Map.of("role", "tool", "tool_call_id", "c1", "content", "é😀"), r.messages().get(1));
        assertEquals(List.of(Map.of("type", "function")), r.tools());
        assertEquals(Boolean.FALSE, r.addGenerationPrompt());
        assertEquals(Map.of("enable_thinking", false), r.templateKwargs());
    }

    /** The valid request cut, with a character replaced or inserted, or random JSON-ish text. */
    @Provide
    Arbitrary<String> mangled() {
        Arbitrary<String> cut = Arbitraries.integers().between(0, VALID.length()).map(n -> VALID.substring(0, n));
        Arbitrary<String> replaced = Arbitraries.integers().between(0, VALID.length() - 1)
                .flatMap(i -> Arbitraries.of('{', '}', '[', ']', '"', ',', ':', 'n', '1', '\\', ' ', '\u0000')
                        .map(c -> VALID.substring(0, i) + c + VALID.substring(i + 1)));
        Arbitrary<String> random = Arbitraries.strings().withChars("{}[]\":,0123456789.-+eEtruefalsn \\\n").ofMaxLength(60);
        return Arbitraries.oneOf(cut, replaced, random);
    }
}
