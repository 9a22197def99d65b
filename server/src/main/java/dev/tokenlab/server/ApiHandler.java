package dev.tokenlab.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.tokenlab.SpecialTokenException;
import dev.tokenlab.TokenizerException;
import dev.tokenlab.TokenizerFormatException;
import dev.tokenlab.TokenizerNotFoundException;
import dev.tokenlab.templates.TemplateException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

/**
 * Every request goes through here: the route by method and path, the Bearer token, CORS, the body cap, and
 * the one error shape {@code {"error":{"status":…,"message":…}}} for every refusal — no stack trace ever
 * reaches a client.
 */
final class ApiHandler implements HttpHandler {
    private final Map<String, Route> posts;
    private final Map<String, Static> gets;
    private final ServerConfig config;

    /** A fixed answer to a GET: its bytes and content type, or JSON computed per request. */
    interface Static {
        Response get();
    }

    /** Bytes with their content type. */
    record Response(byte[] body, String contentType) {
        static Response json(JsonNode node) {
            return new Response(JsonCodec.write(node), "application/json");
        }
    }

    ApiHandler(ServerConfig config, Map<String, Route> posts, Map<String, Static> gets) {
        this.config = config;
        this.posts = Map.copyOf(posts);
        this.gets = Map.copyOf(gets);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Response response;
            int status = 200;
            try {
                response = route(exchange);
            } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                status = status(e);
                if (status == 500) {
                    System.err.println("tokenlab serve: " + exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath()
                            + ": " + e);
                }
                response = Response.json(error(status, message(e, status)));
            }
            send(exchange, status, response);
        }
    }

    private Response route(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        Headers out = exchange.getResponseHeaders();
        if (config.corsOrigin() != null) {
            out.set("Access-Control-Allow-Origin", config.corsOrigin());
            out.set("Vary", "Origin");
        }
        boolean post = posts.containsKey(path);
        boolean get = gets.containsKey(path);
        if (!post && !get) {
            throw new ApiException(404, "no route " + path + "; see GET /openapi.json");
        }
        if (method.equals("OPTIONS") && config.corsOrigin() != null) {
            out.set("Access-Control-Allow-Methods", post ? "POST, OPTIONS" : "GET, OPTIONS");
            out.set("Access-Control-Allow-Headers", "Content-Type, Authorization");
            out.set("Access-Control-Max-Age", "600");
            return new Response(new byte[0], null);
        }
        if (post ? !method.equals("POST") : !(method.equals("GET") || method.equals("HEAD"))) {
            out.set("Allow", post ? "POST" : "GET, HEAD");
            throw new ApiException(405, "method " + method + " not allowed on " + path + "; use " + (post ? "POST" : "GET"));
        }
        if (needsToken(path)) {
            checkToken(exchange);
        }
        if (get) {
            return gets.get(path).get();
        }
        ObjectNode request = JsonCodec.readObject(readBody(exchange));
        return Response.json(posts.get(path).answer(request));
    }

    /** The page and the health check are open; the API needs the token when there is one. */
    private boolean needsToken(String path) {
        return config.token() != null && !path.equals("/") && !path.equals("/healthz");
    }

    private void checkToken(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        String expected = "Bearer " + config.token();
        if (header == null || !MessageDigest.isEqual(header.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8))) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
            throw new ApiException(401, header == null ? "this server needs Authorization: Bearer TOKEN" : "wrong token");
        }
    }

    /** The body, refused with 413 before reading when its declared length is over the cap, or as soon as it passes it. */
    private byte[] readBody(HttpExchange exchange) throws IOException {
        long cap = config.maxBodyBytes();
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declared != null) {
            long length;
            try {
                length = Long.parseLong(declared.trim());
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("bad Content-Length: " + declared);
            }
            if (length > cap) {
                throw tooLarge(cap);
            }
        }
        // Not closed here: closing drains what is left, which a client over the cap may never stop sending.
        // The exchange's close drains at most what the JDK's server allows after the answer has gone out.
        InputStream in = exchange.getRequestBody();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) > 0) {
            if (body.size() + (long) n > cap) {
                throw tooLarge(cap);
            }
            body.write(buffer, 0, n);
        }
        return body.toByteArray();
    }

    private static ApiException tooLarge(long cap) {
        return new ApiException(413, "the request body is over the server's cap of " + cap + " bytes (--max-body)");
    }

    private static void send(HttpExchange exchange, int status, Response response) throws IOException {
        if (response.contentType() != null) {
            exchange.getResponseHeaders().set("Content-Type", response.contentType()
                    + (response.contentType().startsWith("text/") || response.contentType().equals("application/json") ? "; charset=utf-8" : ""));
        }
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        if (status == 413) {
            exchange.getResponseHeaders().set("Connection", "close"); // the rest of the body is never read
        }
        if (status >= 400 || exchange.getRequestURI().getPath().startsWith("/v1/")) {
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
        }
        boolean head = exchange.getRequestMethod().equals("HEAD");
        byte[] body = response.body();
        if (head || body.length == 0) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /**
     * The status a failure answers with: the {@link ApiException}'s own; 404 for an unknown model; 400 for a
     * special token denied, a bad model file, a template that refuses the chat, or a value the library refuses;
     * 500 for anything else (a bug: its class is named, its stack trace never sent).
     */
    static int status(Throwable e) {
        if (e instanceof ApiException api) {
            return api.status();
        }
        if (e instanceof TokenizerNotFoundException) {
            return 404;
        }
        if (e instanceof SpecialTokenException || e instanceof TokenizerFormatException || e instanceof TemplateException
                || e instanceof IllegalArgumentException) {
            return 400;
        }
        return 500;
    }

    private static String message(Throwable e, int status) {
        if (status == 500 && !(e instanceof TokenizerException)) {
            return "internal error (" + e.getClass().getSimpleName() + ")";
        }
        return String.valueOf(e.getMessage());
    }

    static ObjectNode error(int status, String message) {
        ObjectNode root = JsonCodec.object();
        root.putObject("error").put("status", status).put("message", message);
        return root;
    }
}
