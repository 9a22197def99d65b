package dev.tokenlab.server;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code tokenlab serve}: the token-counting HTTP API ({@code /v1/...}, llama.cpp's and vLLM's {@code /tokenize}),
 * its OpenAPI document ({@code /openapi.json}) and the playground page ({@code /}), on the JDK's
 * {@code com.sun.net.httpserver}.
 *
 * <pre>{@code
 * try (TokenlabServer server = TokenlabServer.start(ServerConfig.defaults().withPort(0))) {
 *     // POST http://127.0.0.1:{server.port()}/v1/count {"model":"llama3","text":"unhappiness"} → {"count":3,…}
 * }
 * }</pre>
 *
 * <p>Why the JDK's server: the work per request is microseconds of tokenizing behind a small JSON body, so the
 * server needs routing, a body cap and a thread pool, all of which {@code HttpServer} has in the JDK (no
 * dependency, starts in milliseconds). Javalin brings Jetty (a dozen jars) for routing we write in one class;
 * Helidon SE 4 needs Java 21 (virtual threads), and Tokenlab runs on 17. Without virtual threads the requests
 * run on a bounded pool; when its queue is full the accepting thread answers the request itself, so a flood
 * slows accepting down instead of growing memory. The JDK's server reads a request on the worker that answers it,
 * so a client that trickles its headers holds a worker for up to 20 seconds: more such clients at once than
 * workers stall the server for that long (on a hostile network, put a reverse proxy in front).
 */
public final class TokenlabServer implements AutoCloseable {
    private final HttpServer http;
    private final ThreadPoolExecutor workers;

    private TokenlabServer(HttpServer http, ThreadPoolExecutor workers) {
        this.http = http;
        this.workers = workers;
    }

    /**
     * Loads the configured models, binds and starts serving.
     *
     * @throws IllegalArgumentException if the configuration is refused ({@link ServerConfig#refusal()}), a model
     *                                  cannot be loaded, or the model folder is missing
     * @throws IOException              if the address cannot be bound
     */
    public static TokenlabServer start(ServerConfig config) throws IOException {
        config.refusal().ifPresent(reason -> {
            throw new IllegalArgumentException(reason);
        });
        // Bounds on how long one exchange may take to arrive and to be answered (seconds; read once per JVM by
        // the JDK's server): a client that trickles its request is cut off after 20 s instead of holding a
        // worker for good (10 MB arrive in 20 s at 4 Mbit/s).
        System.setProperty("sun.net.httpserver.maxReqTime", System.getProperty("sun.net.httpserver.maxReqTime", "20"));
        System.setProperty("sun.net.httpserver.maxRspTime", System.getProperty("sun.net.httpserver.maxRspTime", "20"));
        Models models = new Models(config.models(), config.modelFiles());
        HttpServer http = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 256);
        http.createContext("/", handler(config, models));
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor workers = new ThreadPoolExecutor(config.threads(), config.threads(), 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(1024), r -> {
                    Thread t = new Thread(r, "tokenlab-serve-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.CallerRunsPolicy());
        http.setExecutor(workers);
        http.start();
        return new TokenlabServer(http, workers);
    }

    private static ApiHandler handler(ServerConfig config, Models models) {
        String defaultModel = config.defaultModel();
        Chats chats = new Chats();
        TextApi text = new TextApi(models, defaultModel);
        ChatApi chat = new ChatApi(models, chats, defaultModel);
        ExplainApi explain = new ExplainApi(models, defaultModel);
        CompatApi compat = new CompatApi(models, chats, defaultModel);
        InfoApi info = new InfoApi(models, defaultModel);
        ApiHandler.Response openapi = InfoApi.resource("openapi.json", "application/json");
        ApiHandler.Response page = InfoApi.resource("playground.html", "text/html");
        Map<String, Route> posts = Map.ofEntries(
                Map.entry("/v1/tokenize", text::tokenize),
                Map.entry("/v1/count", text::count),
                Map.entry("/v1/decode", text::decode),
                Map.entry("/v1/fits", text::fits),
                Map.entry("/v1/truncate", text::truncate),
                Map.entry("/v1/chunk", text::chunk),
                Map.entry("/v1/chat", chat::chat),
                Map.entry("/v1/explain", explain::explain),
                Map.entry("/tokenize", compat::tokenize),
                Map.entry("/detokenize", compat::detokenize));
        Map<String, ApiHandler.Static> gets = Map.of(
                "/v1/models", info::models,
                "/healthz", InfoApi::health,
                "/openapi.json", () -> openapi,
                "/", () -> page);
        return new ApiHandler(config, posts, gets);
    }

    /** The port bound (the one chosen when the configuration asked for 0). */
    public int port() {
        return http.getAddress().getPort();
    }

    /**
     * Stops accepting, lets requests in flight finish for up to {@code graceSeconds}, and stops the workers.
     * What a SIGTERM does ({@code serve} installs a shutdown hook).
     */
    public void stop(int graceSeconds) {
        http.stop(graceSeconds);
        workers.shutdown();
        try {
            workers.awaitTermination(graceSeconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@link #stop(int)} with no grace. */
    @Override
    public void close() {
        stop(0);
    }
}
