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
    private TiktokenSubject subject;

    @Setup(Level.Trial)
    public void setUp() {
        text = Inputs.load(input);
        subject = new TiktokenSubject(model, engine);
    }

    @Benchmark
    public int count() {
        return subject.count(text);
    }

    /** The same count on two threads sharing one tokenizer (reported as MB/s per thread). */
    @Benchmark
    @Threads(2)
    public int countTwoThreads() {
        return count();
    }
}
