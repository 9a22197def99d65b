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

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Load time of a {@code tokenizer.json} ({@code Tokenizers.load} of the file: read, parse, build),
 * one load per iteration ({@link Mode#SingleShotTime}); {@code HfRunner} runs it without warmup, so the
 * first iteration is the first load in a fresh JVM (what a command-line run pays) and the later ones
 * show the warmed-up cost.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class HfLoadBenchmark {

    @Param({"llama3", "qwen3", "deepseek_v3", "gptoss", "gemma3", "mistral", "bert"})
    public String model;

    private Path file;

    @Setup(Level.Trial)
    public void setUp() {
        file = HfModels.file(model);
    }

    @Benchmark
    public Tokenizer load() {
        return Tokenizers.load(file);
    }
}
