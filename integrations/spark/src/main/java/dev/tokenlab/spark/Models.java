package dev.tokenlab.spark;

import dev.tokenlab.Tokenizer;
import dev.tokenlab.Tokenizers;
import org.apache.spark.SparkEnv;
import org.apache.spark.SparkFiles;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tokenizers of one JVM (an executor, or the driver), by the model string a query names: each is
 * opened once, on first use, and shared by every task of the JVM (tokenizers are thread-safe).
 *
 * <p>A model string is what {@link Tokenizers#open(String)} takes — a bundled name ({@code llama3},
 * {@code llama3.1}, {@code cl100k_base} …), a path every executor can read, {@code hf:ORG/NAME} or
 * {@code ollama:NAME} (resolved on the executor, from its own cache) — or the bare name of a file shipped
 * with {@code spark-submit --files} ({@link SparkFiles#get}), which is tried first when no file of that
 * name is in the working directory.
 */
final class Models {
    private static final Map<String, Tokenizer> OPENED = new ConcurrentHashMap<>();

    private Models() {
    }

    /** The tokenizer {@code model} names, opened on first use in this JVM. */
    static Tokenizer tokenizer(String model) {
        Tokenizer t = OPENED.get(model);
        return t != null ? t : OPENED.computeIfAbsent(model, Models::open);
    }

    private static Tokenizer open(String model) {
        Path shipped = shippedFile(model);
        return shipped != null ? Tokenizers.load(shipped) : Tokenizers.open(model);
    }

    /** A file of that bare name shipped with {@code --files}, when there is one and the working directory has none. */
    private static Path shippedFile(String model) {
        if (SparkEnv.get() == null || model.isEmpty() || model.indexOf('/') >= 0 || model.indexOf(':') >= 0) {
            return null;
        }
        try {
            if (Files.exists(Path.of(model))) {
                return null;
            }
            Path shipped = Path.of(SparkFiles.get(model));
            return Files.isRegularFile(shipped) || Files.isDirectory(shipped) ? shipped : null;
        } catch (InvalidPathException e) {
            return null;
        }
    }
}
