package dev.tokenlab.benchmarks;

import dev.tokenlab.SpecialTokens;
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

import java.util.concurrent.TimeUnit;

/**
 * Hugging Face {@code tokenizer.json} models on core ({@link HfModels}): {@code encode} (ids as an
 * array) and {@code count} of a whole input. Added tokens found in the text become their ids
 * ({@link SpecialTokens#allowAll()}), as the Rust library always does, so the ids can be compared with
 * the Rust library's ({@code benchmarks/rust-tokenizers}); no special tokens are added around the text.
 *
 * <p>Scores are operations per second on one input; {@code HfRunner} turns them into MB/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class HfBenchmark {

    @Param({"llama3", "qwen3", "deepseek_v3", "gptoss", "gemma3", "mistral", "bert"})
    public String model;

    @Param({"english", "code"})
    public String input;

    private String text;
    private Tokenizer tokenizer;

    @Setup(Level.Trial)
    public void setUp() {
        text = Inputs.load(input);
        tokenizer = Tokenizers.load(HfModels.file(model));
    }

    @Benchmark
    public int[] encode() {
        return tokenizer.encode(text, SpecialTokens.allowAll());
    }

    @Benchmark
    public int count() {
        return tokenizer.count(text, SpecialTokens.allowAll());
    }
}
