package dev.tokenlab.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link TokenlabServer} listens and what it lets requests do. Start from {@link #defaults()}
 * ({@code 127.0.0.1:8080}, no token, CORS off, 10 MB bodies, no model files from requests, {@code llama3} as the
 * default model) and change what differs.
 *
 * @param host             the address to bind; anything but a loopback address needs a token or {@code insecure}
 * @param port             the port (0: any free port, see {@link TokenlabServer#port()})
 * @param token            the Bearer token every API request must carry, or null for none
 * @param insecure         bind a non-loopback address without a token, knowingly
 * @param corsOrigin       the one origin allowed to call the API from a browser, or null (CORS off)
 * @param maxBodyBytes     the largest request body read; a longer one is answered 413 before it is read
 * @param modelFiles       the folder whose model files requests may name, or null: requests name models only
 * @param models           the models loaded at start, by the names {@code Tokenizers.open} takes; the first is the
 *                         default model of requests that name none (llama.cpp's shape has no model field)
 * @param threads          the worker threads that answer requests
 */
public record ServerConfig(String host, int port, String token, boolean insecure, String corsOrigin, long maxBodyBytes,
                           Path modelFiles, List<String> models, int threads) {

    /** 10 MB: the default body cap. */
    public static final long DEFAULT_MAX_BODY = 10L * 1024 * 1024;

    public ServerConfig {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535, not " + port);
        }
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("the body cap must be at least 1 byte, not " + maxBodyBytes);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, not " + threads);
        }
        models = List.copyOf(models);
        if (token != null && token.isBlank()) {
            throw new IllegalArgumentException("the token is empty");
        }
    }

    /**
     * Loopback, port 8080, no token, CORS off, 10 MB, no model files, llama3 by default, 4 threads per core (at least
     * 16): the JDK's server reads each request on a worker, so a worker waits out a slow client, and the extra
     * threads keep a few slow clients from stalling the rest.
     */
    public static ServerConfig defaults() {
        return new ServerConfig("127.0.0.1", 8080, null, false, null, DEFAULT_MAX_BODY, null, List.of(),
                Math.max(16, 4 * Runtime.getRuntime().availableProcessors()));
    }

    public ServerConfig withHost(String host) {
        return new ServerConfig(host, port, token, insecure, corsOrigin, maxBodyBytes, modelFiles, models, threads);
    }

    public ServerConfig withPort(int port) {
        return new ServerConfig(host, port, token, insecure, corsOrigin, maxBodyBytes, modelFiles, models, threads);
    }

    public ServerConfig withToken(String token) {
        return new ServerConfig(host, port, token, insecure, corsOrigin, maxBodyBytes, modelFiles, models, threads);
    }

    public ServerConfig withInsecure(boolean insecure) {
        return new ServerConfig(host, port, token, insecure, corsOrigin, maxBodyBytes, modelFiles, models, threads);
    }

    public ServerConfig withCorsOrigin(String origin) {
        return new ServerConfig(host, port, token, insecure, origin, maxBodyBytes, modelFiles, models, threads);
    }

    public ServerConfig withMaxBodyBytes(long bytes) {
        return new ServerConfig(host, port, token, insecure, corsOrigin, bytes, modelFiles, models, threads);
    }

    public ServerConfig withModelFiles(Path folder) {
        return new ServerConfig(host, port, token, insecure, corsOrigin, maxBodyBytes, folder, models, threads);
    }

    public ServerConfig withModels(List<String> models) {
        return new ServerConfig(host, port, token, insecure, corsOrigin, maxBodyBytes, modelFiles, models, threads);
    }

    public ServerConfig withThreads(int threads) {
        return new ServerConfig(host, port, token, insecure, corsOrigin, maxBodyBytes, modelFiles, models, threads);
    }

    /** The model of requests that name none: the first model loaded at start, else {@code llama3}. */
    public String defaultModel() {
        return models.isEmpty() ? "llama3" : models.get(0);
    }

    /**
     * Why this configuration must not start, or empty: a non-loopback address without a token and without
     * {@code insecure}, or a host that does not resolve.
     */
    public Optional<String> refusal() {
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            return Optional.of("unknown host " + host);
        }
        if (!address.isLoopbackAddress() && token == null && !insecure) {
            return Optional.of("binding " + host + " exposes the API beyond this machine: give --token TOKEN"
                    + " (clients send Authorization: Bearer TOKEN) or --insecure");
        }
        return Optional.empty();
    }
}
