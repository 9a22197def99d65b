package dev.tokenlab.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile and mistaken requests over a real socket: each gets its status and one JSON error naming what is
 * wrong (validated against the Error schema by {@link Api}), never a stack trace; and the server's own guards
 * (token, CORS, body cap, model files).
 */
class ApiErrorsTest {
    private static TokenlabServer server;
    private static Api api;

    @BeforeAll
    static void start() throws IOException {
        Path models = TestModels.folder();
        Path outside = Files.createDirectories(Path.of("target", "outside").toAbsolutePath());
        Files.copy(models.resolve("llama2.model"), outside.resolve("secret.model"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Path link = models.resolve("escape.model");
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, outside.resolve("secret.model"));
        server = TokenlabServer.start(ServerConfig.defaults().withPort(0).withModelFiles(models).withMaxBodyBytes(1000));
        api = new Api(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static void refused(int status, String message, Api.Answer a) {
        assertEquals(status, a.status(), a.body());
        JsonNode error = a.json().get("error");
        assertEquals(status, error.get("status").asInt());
        assertEquals(message, error.get("message").asText());
        assertFalse(a.body().contains("\tat "), "no stack trace");
    }

    @Test
    void badJsonAndFields() {
        refused(400, "bad JSON: Unexpected end-of-input: expected close marker for Object (start marker at [Source: REDACTED"
                + " (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 1]) (line 1, column 13)",
                api.post("/v1/count", "{\"text\":\"hi\""));
        refused(400, "the request body is empty; send a JSON object", api.post("/v1/count", ""));
        refused(400, "the request body must be a JSON object, not an array", api.post("/v1/count", "[1]"));
        refused(400, "unknown field \"txt\"; this route takes [add_special, model, special, text]", api.post("/v1/count", "{\"txt\":\"hi\"}"));
        refused(400, "missing field \"text\"", api.post("/v1/count", "{}"));
        refused(400, "field \"text\" must be a string, not a number", api.post("/v1/count", "{\"text\":1}"));
        refused(400, "field \"special\" must be one of [text, allow, deny], not \"maybe\"",
                api.post("/v1/count", "{\"text\":\"x\",\"special\":\"maybe\"}"));
        refused(400, "field \"add_special\" must be true or false, not a string", api.post("/v1/count", "{\"text\":\"x\",\"add_special\":\"yes\"}"));
        refused(400, "field \"ids[1]\" must be a token id (an integer >= 0), not -1", api.post("/v1/decode", "{\"ids\":[1,-1]}"));
        refused(400, "field \"max_tokens\" must be an integer from 1 to 2147483647, not 0", api.post("/v1/chunk", "{\"text\":\"x\",\"max_tokens\":0}"));
        refused(400, "unknown field \"messages[0].colour\"; this route takes " + Chats.MESSAGE_FIELDS.stream().sorted().toList(),
                api.post("/v1/chat", "{\"messages\":[{\"role\":\"user\",\"content\":\"x\",\"colour\":1}]}"));
        // found by RequestFuzzTest#fields: a built-in format the model lacks the tokens for was a 500
        refused(400, "the llama3 chat template needs <|begin_of_text|>, which llama2 does not have", api.post("/v1/chat",
                "{\"model\":\"llama2\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"template\":\"llama3\"}"));
        assertTrue(api.post("/v1/count", "{\"text\":\"a\",\"text\":\"b\"}").json().get("error").get("message").asText()
                .startsWith("bad JSON: Duplicate field 'text'"));
    }

    @Test
    void invalidUtf8AndUnpairedSurrogates() {
        byte[] body = "{\"text\":\"ab\u00ff\"}".getBytes(StandardCharsets.ISO_8859_1);
        refused(400, "the request body is not valid UTF-8 (byte 11)", api.post("/v1/count", body));
        refused(400, "field \"text\" holds an unpaired surrogate (\\ud800) at character 1: not Unicode text",
                api.post("/v1/count", "{\"text\":\"a\\ud800b\"}"));
        assertEquals(200, api.post("/v1/count", "{\"text\":\"\\ud83e\\udd99\"}").status(), "a pair is a character");
    }

    @Test
    void deepJsonIsRefusedBeforeAnyRecursion() {
        String deep = "{\"text\":\"x\",\"model\":" + "[".repeat(100) + "]".repeat(100) + "}";
        Api.Answer a = api.post("/v1/count", deep);
        assertEquals(400, a.status());
        assertTrue(a.json().get("error").get("message").asText().contains("nesting depth (65) exceeds the maximum allowed (64"), a.body());
    }

    @Test
    void unknownModelsGetSuggestions() {
        refused(404, "unknown model \"lama3\"; did you mean llama3, llama2?", api.post("/v1/count", "{\"model\":\"lama3\",\"text\":\"x\"}"));
        refused(404, "no route /v1/counts; see GET /openapi.json", api.post("/v1/counts", "{}"));
    }

    @Test
    void methods() {
        Api.Answer a = api.get("/v1/count");
        refused(405, "method GET not allowed on /v1/count; use POST", a);
        assertEquals("POST", a.header("allow"));
        refused(405, "method DELETE not allowed on /v1/models; use GET", api.method("DELETE", "/v1/models"));
    }

    @Test
    void bodiesOverTheCapAre413() throws IOException {
        refused(413, "the request body is over the server's cap of 1000 bytes (--max-body)",
                api.post("/v1/count", "{\"text\":\"" + "x".repeat(2000) + "\"}"));
        // A client that declares 1 GB and sends nothing more: answered before the server reads a byte of it.
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST /v1/count HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            String head = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            assertEquals("HTTP/1.1 413", head);
        }
        // chunked, no length: cut off once it passes the cap
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST /v1/count HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 3; i++) {
                out.write(("1f4\r\n" + "x".repeat(500) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            }
            out.flush();
            assertEquals("HTTP/1.1 413", new String(s.getInputStream().readNBytes(12), StandardCharsets.US_ASCII));
        }
    }

    @Test
    void modelFilesOnlyInsideTheAllowedFolder() {
        assertEquals(200, api.post("/v1/count", "{\"model\":\"llama2.model\",\"text\":\"x\"}").status());
        refused(403, "model file \"../outside/secret.model\" is outside the allowed folder",
                api.post("/v1/count", "{\"model\":\"../outside/secret.model\",\"text\":\"x\"}"));
        refused(403, "model file \"/etc/passwd\" is outside the allowed folder", api.post("/v1/count", "{\"model\":\"/etc/passwd\",\"text\":\"x\"}"));
        refused(403, "model file \"escape.model\" is outside the allowed folder (a link leads out)",
                api.post("/v1/count", "{\"model\":\"escape.model\",\"text\":\"x\"}"));
        refused(404, "no model file \"none.model\" in the allowed folder", api.post("/v1/count", "{\"model\":\"none.model\",\"text\":\"x\"}"));
        refused(403, "model \"hf:Qwen/Qwen3-8B\" is not served: scheme names load only when the server starts with them"
                + " (tokenlab serve -m hf:Qwen/Qwen3-8B)", api.post("/v1/count", "{\"model\":\"hf:Qwen/Qwen3-8B\",\"text\":\"x\"}"));
    }

    @Test
    void withoutAnAllowedFolderNoFileIsRead() throws IOException {
        try (TokenlabServer plain = TokenlabServer.start(ServerConfig.defaults().withPort(0))) {
            refused(403, "model files are not served: \"" + TestModels.folder().resolve("llama2.model") + "\" names a file; start the"
                    + " server with --allow-model-files DIR to let requests name files inside DIR",
                    new Api(plain).post("/v1/count", "{\"model\":\"" + TestModels.folder().resolve("llama2.model") + "\",\"text\":\"x\"}"));
        }
    }

    @Test
    void theTokenGuardsTheApiButNotThePage() throws IOException {
        try (TokenlabServer guarded = TokenlabServer.start(ServerConfig.defaults().withPort(0).withToken("s3cret"))) {
            Api anonymous = new Api(guarded);
            Api wrong = new Api(guarded, "nope");
            Api right = new Api(guarded, "s3cret");
            refused(401, "this server needs Authorization: Bearer TOKEN", anonymous.post("/v1/count", "{\"text\":\"x\"}"));
            refused(401, "wrong token", wrong.post("/v1/count", "{\"text\":\"x\"}"));
            assertEquals(200, right.post("/v1/count", "{\"text\":\"x\"}").status());
            assertEquals(200, anonymous.get("/").status());
            assertEquals(200, anonymous.get("/healthz").status());
            assertEquals(401, anonymous.get("/v1/models").status());
        }
    }

    @Test
    void binding() {
        assertTrue(ServerConfig.defaults().refusal().isEmpty());
        assertEquals("binding 0.0.0.0 exposes the API beyond this machine: give --token TOKEN (clients send Authorization:"
                + " Bearer TOKEN) or --insecure", ServerConfig.defaults().withHost("0.0.0.0").refusal().orElseThrow());
        assertTrue(ServerConfig.defaults().withHost("0.0.0.0").withToken("t").refusal().isEmpty());
        assertTrue(ServerConfig.defaults().withHost("0.0.0.0").withInsecure(true).refusal().isEmpty());
        assertThrows(IllegalArgumentException.class, () -> TokenlabServer.start(ServerConfig.defaults().withHost("0.0.0.0").withPort(0)));
    }

    @Test
    void corsOnlyForTheOriginGiven() throws IOException {
        assertNull(api.post("/v1/count", "{\"text\":\"x\"}").header("access-control-allow-origin"));
        try (TokenlabServer cors = TokenlabServer.start(ServerConfig.defaults().withPort(0).withCorsOrigin("https://example.org"))) {
            Api client = new Api(cors);
            assertEquals("https://example.org", client.post("/v1/count", "{\"text\":\"x\"}").header("access-control-allow-origin"));
            Api.Answer preflight = client.method("OPTIONS", "/v1/count");
            assertEquals(204 == preflight.status() ? 204 : 200, preflight.status());
            assertEquals("POST, OPTIONS", preflight.header("access-control-allow-methods"));
        }
    }

    @Test
    void errorsOfCompatibilityRoutes() {
        refused(400, "give \"content\" (llama.cpp's shape) or \"prompt\"/\"messages\" (vLLM's), not both",
                api.post("/tokenize", "{\"content\":\"x\",\"prompt\":\"x\"}"));
        refused(400, "missing field: \"content\" (llama.cpp's shape) or \"prompt\" or \"messages\" (vLLM's)", api.post("/tokenize", "{}"));
        refused(400, "unknown field \"with_pieces\"; this route takes " + List.of("add_special_tokens", "model", "prompt", "return_token_strs"),
                api.post("/tokenize", "{\"prompt\":\"x\",\"with_pieces\":true}"));
    }
}
