package dev.tokenlab.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A client of a running server over a real socket ({@link HttpClient}); every answer it receives is checked
 * against the schema {@code /openapi.json} gives for that path, method and status.
 */
final class Api {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final Map<String, Schema> BY_POINTER = new ConcurrentHashMap<>();
    private static final JsonNode OPENAPI = readOpenApi();

    private final HttpClient client = HttpClient.newHttpClient();
    private final String base;
    private final String token;

    /** An answer: its status, body and headers. */
    record Answer(int status, String body, Map<String, List<String>> headers) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
            return values == null ? null : values.get(0);
        }
    }

    Api(TokenlabServer server) {
        this(server, null);
    }

    Api(TokenlabServer server, String token) {
        this.base = "http://127.0.0.1:" + server.port();
        this.token = token;
    }

    Answer post(String path, String json) {
        return post(path, json.getBytes(StandardCharsets.UTF_8));
    }

    Answer post(String path, byte[] body) {
        return send(request(path).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), path, "post");
    }

    Answer get(String path) {
        return send(request(path).GET().build(), path, "get");
    }

    Answer method(String method, String path) {
        return send(request(path).method(method, HttpRequest.BodyPublishers.noBody()).build(), path, null);
    }

    /** A POST that expects 200, as JSON. */
    JsonNode ok(String path, String json) {
        Answer a = post(path, json);
        assertEquals(200, a.status(), a.body());
        return a.json();
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    private Answer send(HttpRequest request, String path, String method) {
        try {
            HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            Answer a = new Answer(r.statusCode(), r.body(), r.headers().map());
            conform(path, method, a);
            return a;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Validates a JSON answer against the OpenAPI document's schema for it (errors: the Error schema). */
    static void conform(String path, String method, Answer a) {
        String type = a.header("content-type");
        if (type == null || !type.startsWith("application/json") || a.body().isEmpty()) {
            return;
        }
        String pointer;
        if (a.status() >= 400 || method == null || !OPENAPI.get("paths").has(path)) {
            pointer = "/components/schemas/Error";
        } else {
            pointer = "/paths/" + path.replace("~", "~0").replace("/", "~1") + "/" + method + "/responses/" + a.status()
                    + "/content/application~1json/schema";
        }
        if (OPENAPI.at(pointer).isMissingNode()) {
            throw new AssertionError("/openapi.json has no schema at " + pointer + " for " + a.status() + " " + a.body());
        }
        List<Error> errors = BY_POINTER.computeIfAbsent(pointer, Api::schema).validate(a.body(), InputFormat.JSON);
        assertEquals(List.of(), errors.stream().map(Error::toString).toList(), path + " answered " + a.body());
    }

    /** The OpenAPI document with a root {@code $ref} to {@code pointer}: its components resolve inside it. */
    private static Schema schema(String pointer) {
        ObjectNode doc = OPENAPI.deepCopy();
        doc.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        doc.put("$ref", "#" + pointer);
        return SCHEMAS.getSchema(doc.toString(), InputFormat.JSON);
    }

    static JsonNode openApi() {
        return OPENAPI;
    }

    private static JsonNode readOpenApi() {
        try (InputStream in = TokenlabServer.class.getResourceAsStream("openapi.json")) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
