package dev.tokenlab.server;

import dev.tokenlab.testing.SharedData;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.GZIPInputStream;

/**
 * The folder the tests serve model files from ({@code --allow-model-files}): {@code target/test-models}, holding
 * copies of shared models (Qwen3's {@code tokenizer.json} gunzipped, as core's tests do), made once per build.
 */
final class TestModels {
    private TestModels() {
    }

    static synchronized Path folder() {
        Path folder = Path.of("target", "test-models").toAbsolutePath();
        try {
            copy("models/sentencepiece-test/test_model.model", folder.resolve("unigram.model"));
            copy("models/llama2/tokenizer.model", folder.resolve("llama2.model"));
            copy("models/hf/bert/tokenizer.json", folder.resolve("bert/tokenizer.json"));
            copy("models/hf/qwen3/tokenizer_config.json", folder.resolve("qwen3/tokenizer_config.json"));
            Path qwen = folder.resolve("qwen3/tokenizer.json");
            if (!Files.exists(qwen)) {
                try (InputStream in = new GZIPInputStream(Files.newInputStream(SharedData.require("models/hf/qwen3/tokenizer.json.gz")))) {
                    Files.copy(in, qwen);
                }
            }
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copy(String shared, Path to) throws IOException {
        if (!Files.exists(to)) {
            Files.createDirectories(to.getParent());
            Files.copy(SharedData.require(shared), to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
