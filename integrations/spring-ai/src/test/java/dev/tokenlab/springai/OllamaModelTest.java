package dev.tokenlab.springai;

import dev.tokenlab.Tokenizers;
import dev.tokenlab.budget.TokenBudget;
import dev.tokenlab.testing.SharedData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.ai.tokenizer.TokenCountEstimator;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code tokenlab.model=ollama:NAME}: an Ollama model store laid out as Ollama lays it out (a manifest, the shared
 * vocabulary-only Llama 3 GGUF as the model layer, a params layer), in {@code target/ollama-models}, which Surefire
 * hands the tests as {@code OLLAMA_MODELS}. The budget's window is the model's {@code num_ctx}, as Ollama serves it.
 */
class OllamaModelTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(TokenlabAutoConfiguration.class));

    @BeforeAll
    static void store() throws IOException, NoSuchAlgorithmException {
        Path gguf = SharedData.require("models/gguf/llama3.gguf");
        String configured = System.getenv("OLLAMA_MODELS");
        assertTrue(configured != null && configured.endsWith("ollama-models"), "OLLAMA_MODELS is target/ollama-models, set by Surefire: " + configured);
        Path store = Path.of(configured);
        Path blobs = Files.createDirectories(store.resolve("blobs"));
        String model = sha256(Files.readAllBytes(gguf));
        Path modelBlob = blobs.resolve("sha256-" + model);
        if (!Files.exists(modelBlob)) {
            Files.createSymbolicLink(modelBlob, gguf.toAbsolutePath());
        }
        manifest(store, blobs, "llama3.1", model, Files.size(gguf), "{\"num_ctx\":2048,\"stop\":[\"<|eot_id|>\"]}");
        manifest(store, blobs, "llama3", model, Files.size(gguf), "{\"stop\":[\"<|eot_id|>\"]}");
    }

    @Test
    void anOllamaModelCountsAndBudgetsItsNumCtx() {
        runner.withPropertyValues("tokenlab.model=ollama:llama3.1", "tokenlab.reserve=48").run(context -> {
            String text = "Hello world, from a model Ollama serves.";
            assertEquals(Tokenizers.get("llama3").count(text), context.getBean(TokenCountEstimator.class).estimate(text));
            assertEquals(2, context.getBean(TokenCountEstimator.class).estimate("Hello world"));
            assertEquals(2_000, context.getBean(TokenBudget.class).limit(), "num_ctx 2048 less 48");
        });
    }

    @Test
    void withoutNumCtxTheBudgetIsOllamasDefault() {
        runner.withPropertyValues("tokenlab.model=ollama:llama3").run(context ->
                assertEquals(4_096, context.getBean(TokenBudget.class).limit()));
        runner.withPropertyValues("tokenlab.model=ollama:llama3", "tokenlab.context=8192").run(context ->
                assertEquals(8_192, context.getBean(TokenBudget.class).limit(), "tokenlab.context wins"));
    }

    private static void manifest(Path store, Path blobs, String name, String model, long modelSize, String params)
            throws IOException, NoSuchAlgorithmException {
        String config = "{\"model_format\":\"gguf\",\"model_family\":\"llama\"}";
        String paramsSha = blob(blobs, params);
        String configSha = blob(blobs, config);
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.docker.container.image.v1+json\",\"digest\":\"sha256:" + configSha
                + "\",\"size\":" + config.length() + "},\"layers\":[{\"mediaType\":\"application/vnd.ollama.image.model\",\"digest\":\"sha256:"
                + model + "\",\"size\":" + modelSize + "},{\"mediaType\":\"application/vnd.ollama.image.params\",\"digest\":\"sha256:"
                + paramsSha + "\",\"size\":" + params.length() + "}]}";
        Path dir = Files.createDirectories(store.resolve("manifests/registry.ollama.ai/library").resolve(name));
        Files.writeString(dir.resolve("latest"), manifest);
    }

    private static String blob(Path blobs, String content) throws IOException, NoSuchAlgorithmException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        String sha = sha256(bytes);
        Files.write(blobs.resolve("sha256-" + sha), bytes);
        return sha;
    }

    private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
