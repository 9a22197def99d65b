package dev.tokenlab.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The Hugging Face {@code tokenizer.json} models of ../shared/models/hf the benchmarks run, each made
 * ready at run time as {@code benchmarks/target/hf/models/NAME/tokenizer.json}: a gzipped file is
 * unpacked there, a plain one copied, so that both core and the Rust library load one file alone (core
 * would also read a {@code tokenizer_config.json} beside it) and nothing from ../shared is ever committed.
 */
public final class HfModels {
    /** The models with targets, then the extras (a SentencePiece-style BPE and a WordPiece). */
    public static final List<String> ALL = List.of("llama3", "qwen3", "deepseek_v3", "gptoss", "gemma3", "mistral", "bert");

    private HfModels() {
    }

    /** The ready {@code tokenizer.json} of {@code name}, unpacked or copied on first use. */
    public static synchronized Path file(String name) {
        Path source = Inputs.shared().resolve("models/hf").resolve(name);
        Path plain = source.resolve("tokenizer.json");
        Path gzipped = source.resolve("tokenizer.json.gz");
        Path target = dir().resolve("models").resolve(name).resolve("tokenizer.json");
        try {
            Path from = Files.isRegularFile(plain) ? plain : gzipped;
            if (!Files.isRegularFile(from)) {
                throw new IllegalStateException("no tokenizer.json or tokenizer.json.gz in " + source.toAbsolutePath());
            }
            if (Files.isRegularFile(target) && Files.getLastModifiedTime(target).compareTo(Files.getLastModifiedTime(from)) >= 0) {
                return target;
            }
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), "tokenizer", ".part");
            try (InputStream in = from == gzipped ? new GZIPInputStream(Files.newInputStream(from), 1 << 16) : Files.newInputStream(from)) {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code benchmarks/target/hf} under the repository root. */
    static Path dir() {
        return Inputs.root().resolve("benchmarks/target/hf");
    }
}
