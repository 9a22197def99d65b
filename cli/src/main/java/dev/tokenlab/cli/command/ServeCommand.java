package dev.tokenlab.cli.command;

import dev.tokenlab.cli.exit.CliException;
import dev.tokenlab.cli.exit.ExitCodes;
import dev.tokenlab.server.ServerConfig;
import dev.tokenlab.server.TokenlabServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.BindException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code tokenlab serve}: the token-counting HTTP API and the playground page ({@link TokenlabServer}), until
 * SIGTERM or Ctrl-C, which stop it gracefully (requests in flight get two seconds).
 */
@Command(name = "serve",
        description = "Serve the token-counting HTTP API and the playground page.",
        sortOptions = false,
        footerHeading = "%n",
        footer = {
                "Routes: POST /v1/tokenize /v1/count /v1/decode /v1/fits /v1/truncate /v1/chunk",
                "/v1/chat /v1/explain; GET /v1/models /healthz /openapi.json; llama.cpp's and",
                "vLLM's POST /tokenize and /detokenize (told apart by their fields).",
                "",
                "Examples:",
                "  tokenlab serve",
                "  curl -s localhost:8080/v1/count -d '{\"model\":\"llama3\",\"text\":\"unhappiness\"}'",
                "  tokenlab serve -m llama3.1 -m ollama:llama3.2 --port 9000",
                "  tokenlab serve --host 0.0.0.0 --token \"$SECRET\" --cors https://example.org"})
public final class ServeCommand extends TokenlabSubcommand {

    @Option(names = {"-m", "--model"}, paramLabel = "MODEL",
            description = {"A model to load at start (repeatable): a name, a model file, hf:… or ollama:…;",
                    "requests name it by the same string. The first is the default of requests that name none",
                    "(default: llama3)."})
    List<String> models = new ArrayList<>();

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "The address to listen on (default: ${DEFAULT-VALUE}); any other than loopback needs --token or --insecure.")
    String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080", description = "The port (default: ${DEFAULT-VALUE}; 0: any free one).")
    int port;

    @Option(names = "--token", paramLabel = "TOKEN", defaultValue = "${env:TOKENLAB_SERVE_TOKEN}",
            description = "Require Authorization: Bearer TOKEN on the API (default: $TOKENLAB_SERVE_TOKEN, if set).")
    String token;

    @Option(names = "--insecure", description = "Allow a non-loopback --host without a token.")
    boolean insecure;

    @Option(names = "--cors", paramLabel = "ORIGIN", description = "Let pages from ORIGIN call the API (CORS is off by default).")
    String cors;

    @Option(names = "--max-body", paramLabel = "BYTES", defaultValue = "10485760",
            description = "The largest request body (default: ${DEFAULT-VALUE}, 10 MB); longer ones get 413.")
    long maxBody;

    @Option(names = "--allow-model-files", paramLabel = "DIR",
            description = "Let requests name model files inside DIR (never outside it; links are followed and checked).")
    Path modelFiles;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: 4 per core, at least 16).")
    Integer threads;

    @Override
    protected int run() {
        ServerConfig config = ServerConfig.defaults().withHost(host).withPort(port).withToken(token).withInsecure(insecure)
                .withCorsOrigin(cors).withModels(models).withModelFiles(modelFiles);
        try {
            config = config.withMaxBodyBytes(maxBody);
            if (threads != null) {
                config = config.withThreads(threads);
            }
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage());
        }
        TokenlabServer server;
        try {
            server = TokenlabServer.start(config);
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage());
        } catch (BindException e) {
            throw new CliException(ExitCodes.ERROR, "cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new CliException(ExitCodes.ERROR, "cannot start the server: " + e.getMessage(), e);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop(2);
            stopped.countDown();
        }, "tokenlab-serve-shutdown"));
        String shown = host.contains(":") ? "[" + host + "]" : host;
        out().println("tokenlab serve: http://" + shown + ":" + server.port() + "/ (default model " + config.defaultModel()
                + (token != null ? "; API needs the Bearer token" : "") + "); Ctrl-C stops");
        out().flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return ExitCodes.OK;
    }
}
