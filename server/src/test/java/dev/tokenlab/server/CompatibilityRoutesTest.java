package dev.tokenlab.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenlab.SpecialTokens;
import dev.tokenlab.Tokenizer;
import dev.tokenlab.TokenizerOptions;
import dev.tokenlab.Tokenizers;
import dev.tokenlab.budget.ChatMessage;
import dev.tokenlab.budget.ChatTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static dev.tokenlab.server.ApiRoutesTest.body;
import static dev.tokenlab.server.ApiRoutesTest.ints;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A client written for llama.cpp's server or for vLLM's gets, on the same {@code /tokenize}, the ids
 * {@code Tokenizer.encode} gives (what {@code tokenlab encode} prints; .ci/playground-check compares with the CLI
 * itself), in the shapes those servers answer.
 */
class CompatibilityRoutesTest {
    private static TokenlabServer server;
    private static Api api;

    @BeforeAll
    static void start() throws IOException {
        server = TokenlabServer.start(ServerConfig.defaults().withPort(0).withModels(List.of("llama3.1", "llama2")));
        api = new Api(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void llamaCppTokenize() {
        Tokenizer llama3 = Tokenizers.get("llama3");
        for (String text : ApiRoutesTest.TEXTS) {
            JsonNode n = api.ok("/tokenize", body(Map.of("content", text)));
            // llama.cpp parses special-token text in content (parse_special defaults to true)
            assertArrayEquals(llama3.encode(text, SpecialTokens.allowAll()), ints(n.get("tokens")), text);
            JsonNode plain = api.ok("/tokenize", body(Map.of("content", text, "parse_special", false)));
            assertArrayEquals(llama3.encode(text), ints(plain.get("tokens")));
        }
        JsonNode bos = api.ok("/tokenize", "{\"content\":\"hi\",\"add_special\":true,\"model\":\"llama2\"}");
        assertArrayEquals(Tokenizers.get("llama2", TokenizerOptions.defaults().addSpecialTokens(true)).encode("hi"), ints(bos.get("tokens")));
        assertEquals(1, bos.get("tokens").get(0).asInt());
    }

    @Test
    void llamaCppPiecesAreTextOrBytes() {
        JsonNode n = api.ok("/tokenize", "{\"content\":\"héllo 🦙\",\"with_pieces\":true}");
        assertEquals("{\"tokens\":[{\"id\":71,\"piece\":\"h\"},{\"id\":19010,\"piece\":\"él\"},{\"id\":385,\"piece\":\"lo\"},"
                + "{\"id\":11410,\"piece\":[32,240,159]},{\"id\":99,\"piece\":[166]},{\"id\":247,\"piece\":[153]}]}", n.toString());
        byte[] joined = new byte[0];
        for (JsonNode t : n.get("tokens")) {
            byte[] piece = t.get("piece").isTextual() ? t.get("piece").asText().getBytes(StandardCharsets.UTF_8)
                    : ints(t.get("piece")).length == 0 ? new byte[0] : toBytes(ints(t.get("piece")));
            byte[] grown = Arrays.copyOf(joined, joined.length + piece.length);
            System.arraycopy(piece, 0, grown, joined.length, piece.length);
            joined = grown;
        }
        assertEquals("héllo 🦙", new String(joined, StandardCharsets.UTF_8));
    }

    @Test
    void vllmPrompt() {
        for (String text : ApiRoutesTest.TEXTS) {
            JsonNode n = api.ok("/tokenize", body(Map.of("model", "llama3.1", "prompt", text, "add_special_tokens", false)));
            int[] expected = Tokenizers.get("llama3").encode(text, SpecialTokens.allowAll());
            assertArrayEquals(expected, ints(n.get("tokens")), text);
            assertEquals(expected.length, n.get("count").asInt());
            assertEquals(131_072, n.get("max_model_len").asInt());
            assertTrue(n.get("token_strs").isNull());
        }
        JsonNode withBos = api.ok("/tokenize", "{\"model\":\"llama3.1\",\"prompt\":\"hi\",\"return_token_strs\":true}");
        assertEquals("{\"count\":2,\"max_model_len\":131072,\"tokens\":[128000,6151],\"token_strs\":[\"<|begin_of_text|>\",\"hi\"]}",
                withBos.toString());
    }

    @Test
    void vllmMessagesUseTheChatFormat() {
        JsonNode n = api.ok("/tokenize", "{\"model\":\"llama3.1\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
        int[] expected = ChatTemplate.forName("llama3").render(Tokenizers.get("llama3"), List.of(new ChatMessage("user", "Hi"))).ids();
        assertArrayEquals(expected, ints(n.get("tokens")));
        assertEquals(11, n.get("count").asInt());
    }

    @Test
    void detokenizeInBothShapes() {
        int[] ids = Tokenizers.get("llama3").encode("héllo 🦙 world");
        assertEquals("{\"content\":\"héllo 🦙 world\"}", api.ok("/detokenize", "{\"tokens\":" + Arrays.toString(ids) + "}").toString());
        assertEquals("{\"prompt\":\"héllo 🦙 world\"}",
                api.ok("/detokenize", "{\"model\":\"llama3.1\",\"tokens\":" + Arrays.toString(ids) + "}").toString());
    }

    @Test
    void theFirstModelGivenIsTheDefault() {
        assertEquals("llama3.1", api.get("/v1/models").json().get("default").asText());
        assertEquals("[\"llama3.1\",\"llama2\"]", api.get("/v1/models").json().get("loaded").findValuesAsText("name").stream()
                .map(s -> "\"" + s + "\"").toList().toString().replace(" ", ""));
    }

    private static byte[] toBytes(int[] values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }
}
