package dev.tokenlab.testing;

import dev.tokenlab.Tokenizer;
import dev.tokenlab.TokenizerOptions;
import dev.tokenlab.Tokenizers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens model bytes the way users do: written to a file, then {@link Tokenizers#load(Path)}. */
public final class ModelBytes {
    private static final Path DIR = createDir();

    private ModelBytes() {
    }

    /** Writes {@code bytes} to a file called {@code fileName} in a temporary folder and loads it. */
    public static Tokenizer load(byte[] bytes, String fileName) {
        return load(bytes, fileName, TokenizerOptions.defaults());
    }

    /** As {@link #load(byte[], String)}, with {@code options}. */
    public static Tokenizer load(byte[] bytes, String fileName, TokenizerOptions options) {
        Path file = DIR.resolve(Thread.currentThread().getId() + "-" + fileName);
        try {
            Files.write(file, bytes);
            return Tokenizers.load(file, options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path createDir() {
        try {
            Path dir = Files.createTempDirectory("tokenlab-model-bytes");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
