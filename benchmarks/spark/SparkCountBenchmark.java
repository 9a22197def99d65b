import dev.tokenlab.Tokenizer;
import dev.tokenlab.Tokenizers;
import dev.tokenlab.spark.TokenlabFunctions;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.apache.spark.sql.functions.call_function;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.octet_length;
import static org.apache.spark.sql.functions.sum;

/**
 * The Spark benchmark of benchmarks/spark/run: generates mixed text as Parquet, counts it with
 * {@code tokenlab_count} in local[*], and counts the same rows with the library on one thread.
 *
 * <pre>
 *   generate CORPUS_DIR OUT_PARQUET MEGABYTES   rows of 1-8 KB windows of the shared corpora, seeded by row id
 *   spark    PARQUET MODEL                      sum(tokenlab_count(text, MODEL)) in the configured master; seconds
 *   library  CORPUS_DIR ROWS MODEL              the same rows, regenerated, counted on one thread; seconds
 *   threads  CORPUS_DIR ROWS MODEL N            the same rows counted by N plain Java threads (no Spark), to tell
 *                                               Spark's own cost from how the library scales on this machine
 * </pre>
 */
public final class SparkCountBenchmark {
    private SparkCountBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "generate" -> generate(Path.of(args[1]), args[2], Long.parseLong(args[3]));
            case "spark" -> spark(args[1], args[2]);
            case "library" -> library(Path.of(args[1]), Long.parseLong(args[2]), args[3]);
            case "threads" -> threads(Path.of(args[1]), Long.parseLong(args[2]), args[3], Integer.parseInt(args[4]));
            default -> throw new IllegalArgumentException("generate | spark | library");
        }
    }

    /** Every .txt file under the corpus folder (the UDHR translations and the two novels), sorted. */
    static String[] corpus(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            List<Path> files = s.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
            String[] texts = new String[files.size()];
            for (int i = 0; i < texts.length; i++) {
                texts[i] = Files.readString(files.get(i));
            }
            return texts;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Row {@code id}: a window of 1,000-8,000 characters of one corpus text, both chosen by a generator seeded with the id. */
    static String row(String[] corpus, long id) {
        SplittableRandom random = new SplittableRandom(id * 0x9E3779B97F4A7C15L + 17);
        String text = corpus[random.nextInt(corpus.length)];
        int length = Math.min(text.length(), 1_000 + random.nextInt(7_001));
        int start = random.nextInt(text.length() - length + 1);
        int end = start + length;
        if (start > 0 && Character.isLowSurrogate(text.charAt(start))) {
            start++;
        }
        if (end < text.length() && Character.isLowSurrogate(text.charAt(end))) {
            end--;
        }
        return text.substring(start, Math.max(start, end));
    }

    private static void generate(Path corpusDir, String out, long megabytes) {
        String[] corpus = corpus(corpusDir);
        long sample = 0;
        for (long id = 0; id < 2_000; id++) {
            sample += row(corpus, id).getBytes(StandardCharsets.UTF_8).length;
        }
        long rows = megabytes * 1_000_000L * 2_000 / sample + 1;
        SparkSession spark = SparkSession.builder().appName("tokenlab benchmark: generate").getOrCreate();
        spark.range(rows).map((MapFunction<Long, String>) id -> row(corpus, id), Encoders.STRING())
                .toDF("text").write().mode(SaveMode.Overwrite).parquet(out);
        Row written = spark.read().parquet(out).agg(org.apache.spark.sql.functions.count(lit(1)), sum(octet_length(col("text")))).first();
        System.out.println("rows=" + written.getLong(0) + " bytes=" + written.getLong(1));
        spark.stop();
    }

    private static void spark(String parquet, String model) {
        SparkSession spark = SparkSession.builder().appName("tokenlab benchmark: count").getOrCreate();
        TokenlabFunctions.register(spark);
        spark.sparkContext().setLogLevel("WARN");
        // Warm up: the model loaded in each executor thread's JVM (one JVM here) and the JIT on a small slice.
        spark.read().parquet(parquet).limit(2_000).agg(sum(call_function("tokenlab_count", col("text"), lit(model)))).first();
        long cpu = processCpuNanos();
        long start = System.nanoTime();
        Row r = spark.read().parquet(parquet).agg(sum(call_function("tokenlab_count", col("text"), lit(model))),
                sum(octet_length(col("text"))), org.apache.spark.sql.functions.count(lit(1))).first();
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (processCpuNanos() - cpu) / 1e9;
        System.out.println("tokens=" + r.getLong(0) + " bytes=" + r.getLong(1) + " rows=" + r.getLong(2)
                + " seconds=" + String.format("%.2f", seconds) + " cpu=" + String.format("%.2f", cpuSeconds)
                + " cores=" + spark.sparkContext().defaultParallelism());
        spark.stop();
    }

    private static void library(Path corpusDir, long rows, String model) {
        String[] corpus = corpus(corpusDir);
        Tokenizer tokenizer = Tokenizers.get(model);
        for (long id = 0; id < 2_000; id++) {
            tokenizer.count(row(corpus, id)); // warm-up, as the Spark run has
        }
        long tokens = 0;
        long bytes = 0;
        long nanos = 0;
        long cpuNanos = 0;
        String[] batch = new String[1_000];
        for (long first = 0; first < rows; first += batch.length) {
            int n = (int) Math.min(batch.length, rows - first);
            for (int i = 0; i < n; i++) {
                batch[i] = row(corpus, first + i);
                bytes += batch[i].getBytes(StandardCharsets.UTF_8).length;
            }
            long cpu = processCpuNanos();
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                tokens += tokenizer.count(batch[i]);
            }
            nanos += System.nanoTime() - start;
            cpuNanos += processCpuNanos() - cpu;
        }
        System.out.println("tokens=" + tokens + " bytes=" + bytes + " rows=" + rows + " seconds=" + String.format("%.2f", nanos / 1e9) + " cpu=" + String.format("%.2f", cpuNanos / 1e9));
    }

    private static void threads(Path corpusDir, long rows, String model, int n) throws Exception {
        String[] corpus = corpus(corpusDir);
        Tokenizer tokenizer = Tokenizers.get(model);
        String[] texts = new String[(int) rows];
        long bytes = 0;
        for (int i = 0; i < texts.length; i++) {
            texts[i] = row(corpus, i);
            bytes += texts[i].getBytes(StandardCharsets.UTF_8).length;
        }
        for (int i = 0; i < 2_000 && i < texts.length; i++) {
            tokenizer.count(texts[i]);
        }
        java.util.concurrent.atomic.AtomicLong tokens = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        Thread[] workers = new Thread[n];
        long cpu = processCpuNanos();
        long start = System.nanoTime();
        for (int w = 0; w < n; w++) {
            workers[w] = new Thread(() -> {
                long sum = 0;
                for (int i; (i = next.getAndIncrement()) < texts.length; ) {
                    sum += tokenizer.count(texts[i]);
                }
                tokens.addAndGet(sum);
            });
            workers[w].start();
        }
        for (Thread w : workers) {
            w.join();
        }
        System.out.println("tokens=" + tokens.get() + " bytes=" + bytes + " rows=" + rows + " seconds="
                + String.format("%.2f", (System.nanoTime() - start) / 1e9) + " cpu=" + String.format("%.2f", (processCpuNanos() - cpu) / 1e9));
    }

    /** CPU time of the whole JVM (every thread: tasks, GC, JIT), which other processes on a shared machine do not inflate. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
