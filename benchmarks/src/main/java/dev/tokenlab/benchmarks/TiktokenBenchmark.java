package dev.tokenlab.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

import java.util.concurrent.TimeUnit;

/**
 * Tiktoken-style encoders, core against JTokkit in the same run: {@code encode} (ids as an array) and
 * {@code count}. JTokkit is called directly ({@code encodeOrdinary}, {@code countTokensOrdinary}), not
 * through the adapter, so its numbers are JTokkit's own. Llama 3 on JTokkit is a custom encoding
 * ({@code GptBytePairEncodingParams}, regex splitter); cl100k_base has JTokkit's hand-written parser.
 *
 * <p>Scores are operations per second on one input; {@code BenchmarkRunner} turns them into MB/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TiktokenBenchmark {

    @Param({"llama3", "cl100k_base", "o200k_base"})
    public String model;

    @Param({"core", "jtokkit"})
    public String engine;

    @Param({"english", "japanese", "code", "multilingual"})
    public String input;

    private String text;
    private TiktokenSubject subject;

    @Setup(Level.Trial)
    public void setUp() {
        text = Inputs.load(input);
        subject = new TiktokenSubject(model, engine);
    }

    @Benchmark
    public void encode(Blackhole bh) {
        bh.consume(subject.encode(text));
    }

    @Benchmark
    public int count() {
        return subject.count(text);
    }
}
