package dev.tokenlab.benchmarks;

import com.knuddels.jtokkit.api.Encoding;
import dev.tokenlab.Tokenizer;
import dev.tokenlab.Tokenizers;
import dev.tokenlab.jtokkit.JTokkitTokenizer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

import java.util.concurrent.TimeUnit;

/**
 * Inputs built to hurt: one huge piece (1 MB of one letter, 1 MB of random letters), long runs of
 * spaces and digits, and emoji, plus the English scaling series (1 KB to 16 MB) whose cost per byte
 * must stay flat. Scores are operations per second; {@code BenchmarkRunner} turns them into MB/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PathologicalBenchmark {

    @Param({"one-letter", "random-letters", "spaces", "digits", "emoji", "english"})
    public String input;

    @Param({"core"})
    public String engine;

    @Param({"llama3"})
    public String model;

    private String text;
    private Tokenizer core;
    private Encoding jtokkit;

    @Setup(Level.Trial)
    public void setUp() {
        text = Inputs.load(input);
        if (engine.equals("core")) {
            core = Tokenizers.get(model);
        } else {
            jtokkit = ((JTokkitTokenizer) Tokenizers.get(model, "jtokkit")).encoding();
        }
    }

    @Benchmark
    public int count() {
        return core != null ? core.count(text) : jtokkit.countTokensOrdinary(text);
    }

    /** The same count on two threads sharing one tokenizer (reported as MB/s per thread). */
    @Benchmark
    @Threads(2)
    public int countTwoThreads() {
        return count();
    }
}
