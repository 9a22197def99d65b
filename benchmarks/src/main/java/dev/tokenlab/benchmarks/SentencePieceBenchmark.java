package dev.tokenlab.benchmarks;

import dev.tokenlab.Tokenizer;
import dev.tokenlab.TokenizerOptions;
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
import org.openjdk.jmh.annotations.TearDown;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * SentencePiece, core's pure-Java engine against the C++ library through DJL, on the same model
 * file: Llama 2 (BPE, 32,000 pieces, byte fallback) and SentencePiece's own {@code test_model.model}
 * (Unigram, NFKC). Core's Llama 2 tokenizer keeps a bounded cache of merged words, so these steady
 * -state numbers describe a long-running process that sees the same words again.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SentencePieceBenchmark {

    @Param({"llama2", "unigram"})
    public String model;

    @Param({"core", "sentencepiece"})
    public String engine;

    @Param({"english", "code", "japanese"})
    public String input;

    private String text;
    private Tokenizer tokenizer;

    @Setup(Level.Trial)
    public void setUp() {
        text = Inputs.load(input);
        Path file = Inputs.shared().resolve(model.equals("llama2")
                ? "models/llama2/tokenizer.model" : "models/sentencepiece-test/test_model.model");
        tokenizer = Tokenizers.load(file, TokenizerOptions.defaults().engine(engine));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        if (tokenizer instanceof AutoCloseable c) {
            c.close();
        }
    }

    @Benchmark
    public int[] encode() {
        return tokenizer.encode(text);
    }
}
