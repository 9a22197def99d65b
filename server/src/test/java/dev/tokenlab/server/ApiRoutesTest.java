package dev.tokenlab.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenlab.SpecialTokens;
import dev.tokenlab.TokenSpan;
import dev.tokenlab.Tokenizer;
import dev.tokenlab.Tokenizers;
import dev.tokenlab.budget.ChatMessage;
import dev.tokenlab.budget.ChatTemplate;
import dev.tokenlab.budget.TokenBudget;
import dev.tokenlab.explain.Explainers;
import dev.tokenlab.templates.ModelChatTemplate;
import dev.tokenlab.templates.RenderOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every route over a real socket, its answers equal to the library's own results (the references the routes
 * wrap: {@code encode}, {@code tokenize}, the budget, the chat templates, the traces), and every answer valid
 * against {@code /openapi.json} ({@link Api}).
 */
class ApiRoutesTest {
    static final List<String> TEXTS = List.of("unhappiness", "Hello, world!\n\n  x", "héllo 🦙 wörld 東京",
            "<|eot_id|> is special", "", "a".repeat(3000) + " b");
    private static TokenlabServer server;
    private static Api api;
    private static final Tokenizer LLAMA3 = Tokenizers.get("llama3");

    @BeforeAll
    static void start() throws IOException {
        server = TokenlabServer.start(ServerConfig.defaults().withPort(0).withModelFiles(TestModels.folder()));
        api = new Api(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void countIsTheReadmeExample() {
        JsonNode n = api.ok("/v1/count", "{\"model\":\"llama3\",\"text\":\"unhappiness\"}");
        assertEquals(3, n.get("count").asInt());
        assertEquals("llama3", n.get("tokenizer").asText());
        assertEquals(11, n.get("characters").asInt());
    }

    @Test
    void countGivesTheTextsCharactersBytesAndWordsAsCompareCountsThem() {
        String text = "I love 東京 — don't 🦙";
        JsonNode n = api.ok("/v1/count", "{\"model\":\"llama3\",\"text\":\"" + text + "\"}");
        assertEquals(Tokenizers.get("llama3").count(text), n.get("count").asInt());
        assertEquals(text.codePointCount(0, text.length()), n.get("characters").asInt());
        assertEquals(text.getBytes(StandardCharsets.UTF_8).length, n.get("bytes").asInt());
        assertEquals(6, n.get("words").asInt()); // I, love, 東, 京, don, t
        assertEquals(2, n.get("spaceless_characters").asInt());
    }

    @Test
    void tokenizeGivesEncodesIdsAndBothOffsets() {
        for (String model : List.of("llama3", "llama2", "gpt-4o", "cl100k_base")) {
            Tokenizer t = Tokenizers.get(model);
            for (String text : TEXTS) {
                JsonNode n = api.ok("/v1/tokenize", body(Map.of("model", model, "text", text)));
                assertArrayEquals(t.encode(text), ints(n.get("ids")), model + ": " + text);
                List<TokenSpan> spans = t.tokenize(text);
                assertEquals(spans.size(), n.get("tokens").size());
                for (int i = 0; i < spans.size(); i++) {
                    JsonNode token = n.get("tokens").get(i);
                    TokenSpan s = spans.get(i);
                    assertEquals(s.id(), token.get("id").asInt());
                    assertEquals(s.charStart(), token.get("start").asInt());
                    assertEquals(s.charEnd(), token.get("end").asInt());
                    int utf8Start = text.substring(0, s.charStart()).getBytes(StandardCharsets.UTF_8).length;
                    int utf8End = text.substring(0, s.charEnd()).getBytes(StandardCharsets.UTF_8).length;
                    assertEquals(utf8Start, token.get("utf8_start").asInt(), model + " " + text + " " + token);
                    assertEquals(utf8End, token.get("utf8_end").asInt());
                    if (!s.isPartialCharacter()) {
                        assertEquals(s.text(), token.get("text").asText());
                    }
                }
            }
        }
    }

    @Test
    void specialPolicyAndAddSpecial() {
        String text = "<|eot_id|>hi";
        assertArrayEquals(LLAMA3.encode(text, SpecialTokens.allowAll()),
                ints(api.ok("/v1/tokenize", "{\"text\":\"<|eot_id|>hi\",\"special\":\"allow\"}").get("ids")));
        assertEquals(128009, api.ok("/v1/tokenize", "{\"text\":\"<|eot_id|>hi\",\"special\":\"allow\"}").get("ids").get(0).asInt());
        Api.Answer denied = api.post("/v1/count", "{\"text\":\"<|eot_id|>hi\",\"special\":\"deny\"}");
        assertEquals(400, denied.status());
        assertTrue(denied.json().get("error").get("message").asText().contains("<|eot_id|>"), denied.body());
        JsonNode bos = api.ok("/v1/tokenize", "{\"text\":\"hi\",\"add_special\":true}");
        assertEquals(128000, bos.get("ids").get(0).asInt());
        assertTrue(bos.get("tokens").get(0).get("special").asBoolean());
        assertEquals(2, api.ok("/v1/count", "{\"text\":\"hi\",\"add_special\":true}").get("count").asInt());
    }

    @Test
    void decodeRoundTripsAndSaysWhenLossy() {
        for (String text : TEXTS) {
            JsonNode n = api.ok("/v1/decode", "{\"ids\":" + Arrays.toString(LLAMA3.encode(text)) + "}");
            assertEquals(text, n.get("text").asText());
            assertTrue(n.get("lossless").asBoolean());
        }
        int[] halfLlama = Arrays.copyOf(LLAMA3.encode("🦙"), 1);
        JsonNode lossy = api.ok("/v1/decode", "{\"ids\":" + Arrays.toString(halfLlama) + "}");
        assertFalse(lossy.get("lossless").asBoolean());
        assertEquals(1, lossy.get("replaced_sequences").asInt());
        Api.Answer outOfRange = api.post("/v1/decode", "{\"ids\":[1,999999]}");
        assertEquals(400, outOfRange.status());
        assertEquals("ids[1] = 999999 is not a token of llama3 (its ids are 0 to " + (LLAMA3.vocabularySize() - 1) + ")",
                outOfRange.json().get("error").get("message").asText());
    }

    @Test
    void fitsWithLimitReserveAndTheModelsWindow() {
        JsonNode n = api.ok("/v1/fits", "{\"text\":\"unhappiness\",\"limit\":5,\"reserve\":2}");
        assertEquals(3, n.get("count").asInt());
        assertTrue(n.get("fits").asBoolean());
        assertEquals(0, n.get("remaining").asInt());
        JsonNode over = api.ok("/v1/fits", "{\"text\":\"unhappiness\",\"limit\":5,\"reserve\":3}");
        assertFalse(over.get("fits").asBoolean());
        assertEquals(-1, over.get("remaining").asInt());
        Api.Answer refused = api.post("/v1/fits", "{\"text\":\"unhappiness\",\"limit\":5,\"reserve\":3,\"require_fit\":true}");
        assertEquals(422, refused.status());
        assertEquals("over budget: 3 tokens, 2 allowed (5 less 3 reserved)", refused.json().get("error").get("message").asText());
        assertEquals(131_072, api.ok("/v1/fits", "{\"model\":\"llama3.1\",\"text\":\"x\"}").get("limit").asInt());
        Api.Answer noWindow = api.post("/v1/fits", "{\"model\":\"cl100k_base\",\"text\":\"x\"}");
        assertEquals(400, noWindow.status());
        assertEquals("missing field \"limit\": model \"cl100k_base\" declares no context window",
                noWindow.json().get("error").get("message").asText());
    }

    @Test
    void truncateAndChunkAreTheBudgets() {
        String text = "The quick brown fox jumps over the lazy dog. " .repeat(20);
        TokenBudget budget = TokenBudget.of(LLAMA3, 7);
        for (String keep : List.of("head", "tail", "middle")) {
            JsonNode n = api.ok("/v1/truncate", body(Map.of("text", text, "max_tokens", 7, "keep", keep)));
            String expected = budget.truncate(text, 7, TokenBudget.Keep.valueOf(keep.toUpperCase(java.util.Locale.ROOT)));
            assertEquals(expected, n.get("text").asText(), keep);
            assertEquals(LLAMA3.count(expected), n.get("count").asInt());
            assertEquals(LLAMA3.count(text), n.get("original_count").asInt());
            assertTrue(n.get("truncated").asBoolean());
        }
        var chunks = TokenBudget.of(LLAMA3, 50).chunk(text, 50, 10);
        JsonNode n = api.ok("/v1/chunk", body(Map.of("text", text, "max_tokens", 50, "overlap", 10)));
        assertEquals(chunks.size(), n.get("count").asInt());
        for (int i = 0; i < chunks.size(); i++) {
            assertEquals(chunks.get(i).text(), n.get("chunks").get(i).get("text").asText());
            assertEquals(chunks.get(i).charStart(), n.get("chunks").get(i).get("start").asInt());
            assertEquals(chunks.get(i).tokens(), n.get("chunks").get(i).get("count").asInt());
        }
        assertEquals(400, api.post("/v1/chunk", "{\"text\":\"x\",\"max_tokens\":5,\"overlap\":5}").status());
    }

    @Test
    void chatInTheBuiltInFormats() {
        List<ChatMessage> messages = List.of(new ChatMessage("system", "Be brief."), new ChatMessage("user", "Hi there"),
                new ChatMessage("assistant", "Hello!"), new ChatMessage("user", "unhappiness?"));
        String json = "{\"model\":\"%s\",\"format\":\"ids\",\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},"
                + "{\"role\":\"user\",\"content\":\"Hi there\"},{\"role\":\"assistant\",\"content\":\"Hello!\"},"
                + "{\"role\":\"user\",\"content\":\"unhappiness?\"}]}";
        for (String model : List.of("llama3.1", "llama2")) {
            var prompt = ChatTemplate.forName(model.startsWith("llama3") ? "llama3" : "llama2").render(Tokenizers.get(model), messages);
            JsonNode n = api.ok("/v1/chat", String.format(json, model));
            assertArrayEquals(prompt.ids(), ints(n.get("ids")), model);
            assertEquals(prompt.tokenCount(), n.get("count").asInt());
            int sum = n.get("overhead").asInt();
            for (int i = 0; i < messages.size(); i++) {
                assertEquals(prompt.messages().get(i).total(), n.get("messages").get(i).get("count").asInt());
                sum += n.get("messages").get(i).get("count").asInt();
            }
            assertEquals(prompt.tokenCount(), sum);
        }
        JsonNode tokens = api.ok("/v1/chat", "{\"model\":\"llama3\",\"format\":\"tokens\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
        assertEquals("<|start_header_id|>", tokens.get("tokens").get(1).get("text").asText());
        assertTrue(tokens.get("tokens").get(1).get("special").asBoolean());
        assertEquals(8192, tokens.get("limit").asInt());
        Api.Answer over = api.post("/v1/chat", "{\"model\":\"llama3\",\"limit\":5,\"require_fit\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
        assertEquals(422, over.status());
        Api.Answer noTemplate = api.post("/v1/chat", "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
        assertEquals(400, noTemplate.status());
        assertEquals(400, api.post("/v1/chat", "{\"model\":\"llama3\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\",\"x\":1}]}").status());
    }

    @Test
    void chatWithTheModelsOwnTemplate() {
        Tokenizer t = Tokenizers.load(TestModels.folder().resolve("qwen3"));
        ModelChatTemplate chat = ModelChatTemplate.of(t);
        List<Map<String, Object>> messages = List.of(Map.of("role", "system", "content", "Be brief."),
                Map.of("role", "user", "content", "What is 2+2?"));
        List<Map<String, Object>> tools = List.of(Map.of("type", "function", "function",
                Map.of("name", "add", "description", "Adds", "parameters", Map.of("type", "object"))));
        String model = "qwen3/";
        JsonNode n = api.ok("/v1/chat", body(Map.of("model", model, "messages", messages, "format", "ids")));
        assertEquals("model", n.get("template").asText());
        assertArrayEquals(chat.encode(messages, true, Map.of(), RenderOptions.defaults()), ints(n.get("ids")));
        var accounting = chat.accounting(messages, true, Map.of(), RenderOptions.defaults());
        assertEquals(accounting.overhead(), n.get("overhead").asInt());
        assertEquals(accounting.messages().get(1), n.get("messages").get(1).get("count").asInt());
        JsonNode withTools = api.ok("/v1/chat", body(Map.of("model", model, "messages", messages, "tools", tools, "format", "ids")));
        assertArrayEquals(chat.encode(messages, true, Map.of("tools", tools), RenderOptions.defaults()), ints(withTools.get("ids")));
        assertTrue(withTools.get("count").asInt() > n.get("count").asInt());
    }

    @Test
    void explainEndsInTheTokens() {
        for (String model : List.of("llama3", "llama2")) {
            JsonNode n = api.ok("/v1/explain", body(Map.of("model", model, "text", "unhappiness 🦙")));
            assertArrayEquals(Tokenizers.get(model).encode("unhappiness 🦙"), ints(n.get("tokens").findValues("id")), model);
            assertEquals("bpe", n.get("kind").asText());
            assertEquals(Explainers.find(Tokenizers.get(model)).orElseThrow().algorithm(), n.get("algorithm").asText());
        }
        JsonNode merges = api.ok("/v1/explain", "{\"text\":\"unhappiness\"}").get("pieces").get(0).get("merges");
        assertEquals("in", merges.get(0).get("result").asText());
        assertEquals(258, merges.get(0).get("rank").asInt());
        Path unigram = TestModels.folder().resolve("unigram.model");
        JsonNode u = api.ok("/v1/explain", body(Map.of("model", "unigram.model", "text", "Hello 日本")));
        assertEquals("unigram", u.get("kind").asText());
        assertArrayEquals(Tokenizers.load(unigram).encode("Hello 日本"), ints(u.get("tokens").findValues("id")));
        JsonNode w = api.ok("/v1/explain", body(Map.of("model", "bert/", "text", "unaffable")));
        assertEquals("wordpiece", w.get("kind").asText());
        assertEquals(400, api.post("/v1/explain", body(Map.of("text", "a".repeat(ExplainApi.MAX_CHARS + 1)))).status());
    }

    @Test
    void infoRoutes() {
        Api.Answer models = api.get("/v1/models");
        assertEquals(200, models.status());
        assertEquals("llama3", models.json().get("default").asText());
        assertTrue(models.json().get("profiles").findValuesAsText("name").contains("llama3.1"));
        assertEquals("{\"status\":\"ok\"}", api.get("/healthz").body());
        Api.Answer openapi = api.get("/openapi.json");
        assertEquals("3.1.0", openapi.json().get("openapi").asText());
        Api.Answer page = api.get("/");
        assertEquals(200, page.status());
        assertTrue(page.header("content-type").startsWith("text/html"));
        assertEquals(200, api.method("HEAD", "/healthz").status());
    }

    /** The OpenAPI document names every route the server has, and nothing else. */
    @Test
    void openApiListsTheRoutes() {
        List<String> documented = new ArrayList<>();
        Api.openApi().get("paths").fieldNames().forEachRemaining(documented::add);
        for (String path : documented) {
            int status = Api.openApi().get("paths").get(path).has("post") ? api.post(path, "{}").status() : api.get(path).status();
            assertTrue(status == 200 || status == 400, path + " answered " + status);
        }
        assertEquals(404, api.get("/v2/nothing").status());
    }

    static String body(Map<String, ?> fields) {
        try {
            return JsonCodec.mapper().writeValueAsString(fields);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static int[] ints(JsonNode array) {
        int[] ids = new int[array.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = array.get(i).asInt();
        }
        return ids;
    }

    static int[] ints(List<JsonNode> values) {
        return values.stream().mapToInt(JsonNode::asInt).toArray();
    }
}
