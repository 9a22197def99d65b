package dev.tokenlab.benchmarks;

import dev.tokenlab.Tokenizer;
import dev.tokenlab.Tokenizers;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;

/**
 * Opening a GGUF reads its header, never its tensors: {@code Tokenizers.load} of the shared Llama 3
 * vocabulary-only GGUF, and of the same file followed by a multi-gigabyte tensor region (sparse: its
 * length is set, its bytes take no disk), should cost the same time and the same allocation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class GgufOpenBenchmark {
    /** Bytes of fake tensors after the header of the large variant. */
    public static final long TENSOR_BYTES = 40L << 30;

    /** {@code vocab-only}: the shared file; {@code 40gb}: the same, followed by {@link #TENSOR_BYTES} of sparse tensor data. */
    @Param({"vocab-only", "40gb"})
    public String file;

    private Path path;

    @Setup(Level.Trial)
    public void setUp() {
        path = file(file);
    }

    @Benchmark
    public Tokenizer load() {
        return Tokenizers.load(path);
    }

    /** The file of a variant, made under {@code benchmarks/target/gguf} on first use. */
    static synchronized Path file(String variant) {
        Path source = Inputs.shared().resolve("models/gguf/llama3.gguf");
        Path target = Inputs.root().resolve("benchmarks/target/gguf").resolve("llama3-" + variant + ".gguf");
        try {
            if (!Files.isRegularFile(target)) {
                Files.createDirectories(target.getParent());
                Path tmp = Files.createTempFile(target.getParent(), "gguf", ".part");
                Files.copy(source, tmp, StandardCopyOption.REPLACE_EXISTING);
                if (variant.equals("40gb")) {
                    try (RandomAccessFile raf = new RandomAccessFile(tmp.toFile(), "rw")) {
                        raf.setLength(raf.length() + TENSOR_BYTES);
                    }
                }
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
