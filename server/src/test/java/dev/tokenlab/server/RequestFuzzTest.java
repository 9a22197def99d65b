package dev.tokenlab.server;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Coverage-guided fuzzing of request parsing and the routes behind it: any body, sent to any JSON route, is
 * answered or refused with a 4xx ({@link ApiHandler#status}); nothing becomes a 500, nothing hangs (Jazzer's
 * timeout). Inputs are small, so the routes' own work stays bounded.
 *
 * <p>A normal build replays the seeds in {@code testdata/fuzz/RequestFuzzTestInputs}; fuzzing for real:
 * {@code JAZZER_FUZZ=1 mvn -o -pl server surefire:test -Dtest=RequestFuzzTest#body}.
 */
class RequestFuzzTest {
    private static final Models MODELS = new Models(List.of(), null);
    private static final Chats CHATS = new Chats();
    private static final TextApi TEXT = new TextApi(MODELS, "llama3");
    private static final ChatApi CHAT = new ChatApi(MODELS, CHATS, "llama3");
    private static final CompatApi COMPAT = new CompatApi(MODELS, CHATS, "llama3");
    private static final ExplainApi EXPLAIN = new ExplainApi(MODELS, "llama3");
    private static final List<Route> ROUTES = List.of(TEXT::tokenize, TEXT::count, TEXT::decode, TEXT::fits, TEXT::truncate,
            TEXT::chunk, CHAT::chat, EXPLAIN::explain, COMPAT::tokenize, COMPAT::detokenize);

    /** Raw bytes to one route (the first byte chooses it). */
    @FuzzTest(maxDuration = "10s")
    void body(FuzzedDataProvider data) {
        Route route = ROUTES.get(data.consumeInt(0, ROUTES.size() - 1));
        answerOrRefuse(route, data.consumeRemainingAsBytes());
    }

    /** Bodies built from the routes' field names and values: reaches past parsing into the routes sooner. */
    @FuzzTest(maxDuration = "10s")
    void fields(FuzzedDataProvider data) {
        Route route = ROUTES.get(data.consumeInt(0, ROUTES.size() - 1));
        String[] names = {"model", "text", "special", "add_special", "ids", "limit", "reserve", "require_fit", "max_tokens",
            "keep", "overlap", "messages", "tools", "template", "format", "content", "with_pieces", "parse_special", "prompt",
            "add_special_tokens", "return_token_strs", "tokens", "add_generation_prompt", "role"};
        String[] values = {"\"llama3\"", "\"llama2\"", "\"gpt-4o\"", "\"x\"", "\"<|eot_id|>\"", "\"\"", "0", "1", "-1", "7",
            "2147483648", "1e3", "true", "false", "null", "[]", "[1,2]", "[128000,99999999]", "{}", "\"head\"", "\"tail\"",
            "\"middle\"", "\"allow\"", "\"deny\"", "\"ids\"", "\"tokens\"", "\"model\"", "[{\"role\":\"user\",\"content\":\"hi\"}]",
            "[{\"role\":\"user\"}]", "[{\"role\":\"system\",\"content\":\"a\"},{\"role\":\"system\",\"content\":\"b\"}]", "\"\\ud800\""};
        StringBuilder json = new StringBuilder("{");
        int n = data.consumeInt(0, 6);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append('"').append(data.pickValue(names)).append("\":").append(data.pickValue(values));
        }
        answerOrRefuse(route, json.append('}').toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void answerOrRefuse(Route route, byte[] body) {
        try {
            ObjectNode request = JsonCodec.readObject(body);
            JsonCodec.write(route.answer(request));
        } catch (RuntimeException e) {
            assertNotEquals(500, ApiHandler.status(e), () -> "a 500 for " + new String(body, StandardCharsets.UTF_8) + ": " + e);
        }
    }
}
