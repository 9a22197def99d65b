package dev.tokenlab.benchmarks;

import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code gguf} profile: {@link GgufOpenBenchmark} for both variants, time and heap allocation per
 * open, written as {@code benchmarks/results/gguf.md}.
 */
final class GgufRunner {
    private final Path out;

    GgufRunner(Path out) {
        this.out = out;
    }

    void run() throws RunnerException, IOException {
        List<String> lines = new ArrayList<>();
        lines.add("# Opening a GGUF: the header only (" + LocalDate.now() + ")");
        lines.add("");
        lines.add("Machine: " + Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.arch")
                + "; Java " + System.getProperty("java.version") + ". JMH `GgufOpenBenchmark`, fork 1, 3 × 1 s warmup, 5 × 1 s measured,"
                + " `-prof gc`. `Tokenizers.load` of ../shared/models/gguf/llama3.gguf (Llama 3 vocabulary only, "
                + Files.size(GgufOpenBenchmark.file("vocab-only")) / 1000 + " KB) and of the same file followed by "
                + (GgufOpenBenchmark.TENSOR_BYTES >> 30) + " GiB of tensor bytes (sparse: no disk used). The whole open: header,"
                + " metadata and the tokenizer built from it.");
        lines.add("");
        lines.add("| file | size on the file system | ms per open | MB allocated per open |");
        lines.add("|---|---:|---:|---:|");
        for (String variant : List.of("vocab-only", "40gb")) {
            RunResult r = new Runner(new OptionsBuilder()
                    .include("dev.tokenlab.benchmarks.GgufOpenBenchmark\\.load$")
                    .param("file", variant)
                    .forks(1)
                    .warmupIterations(3).warmupTime(TimeValue.seconds(1))
                    .measurementIterations(5).measurementTime(TimeValue.seconds(1))
                    .jvmArgsAppend("-Xmx3g", "-Dtokenlab.shared=" + Inputs.shared().toAbsolutePath(),
                            "-Dtokenlab.root=" + Inputs.root().toAbsolutePath())
                    .addProfiler(org.openjdk.jmh.profile.GCProfiler.class)
                    .build()).runSingle();
            Result<?> alloc = r.getSecondaryResults().get("gc.alloc.rate.norm");
            lines.add(String.format(Locale.ROOT, "| %s | %,d bytes | %.1f | %.1f |", variant,
                    Files.size(GgufOpenBenchmark.file(variant)), r.getPrimaryResult().getScore(),
                    alloc == null ? Double.NaN : alloc.getScore() / 1e6));
        }
        Files.write(out, lines);
    }
}
