package dev.tokenlab.hf;

import dev.tokenlab.testing.SharedData;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The seven Hugging Face tokenizer folders of {@code ../shared/models/hf}, ready to load: a gzipped
 * {@code tokenizer.json} is unpacked (once) into {@code target/hf/NAME/} with its config beside it.
 */
public final class HfModels {
    /** The shared models, in the order the tests report them. */
    public static final List<String> ALL = List.of("llama3", "qwen3", "deepseek_v3", "gemma3", "gptoss", "mistral", "bert");

    private HfModels() {
    }

    /** The folder holding {@code tokenizer.json} (and {@code tokenizer_config.json} when the model has one). */
    public static synchronized Path folder(String model) {
        Path shared = SharedData.require("models/hf/" + model);
        if (Files.isRegularFile(shared.resolve("tokenizer.json"))) {
            return shared;
        }
        Path target = Path.of("target", "hf", model).toAbsolutePath();
        Path json = target.resolve("tokenizer.json");
        try {
            if (!Files.isRegularFile(json)) {
                Files.createDirectories(target);
                Path tmp = Files.createTempFile(target, "tokenizer", ".part");
                try (InputStream in = new GZIPInputStream(Files.newInputStream(shared.resolve("tokenizer.json.gz")))) {
                    Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                }
                Files.move(tmp, json, StandardCopyOption.ATOMIC_MOVE);
            }
            Path config = shared.resolve("tokenizer_config.json");
            if (Files.isRegularFile(config)) {
                Files.copy(config, target.resolve("tokenizer_config.json"), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }
}
