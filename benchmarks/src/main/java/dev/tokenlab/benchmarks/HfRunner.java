package dev.tokenlab.benchmarks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.tokenlab.SpecialTokens;
import dev.tokenlab.Tokenizer;
import dev.tokenlab.Tokenizers;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The {@code hf} profile ({@code benchmarks/run hf}): Hugging Face {@code tokenizer.json} models on
 * core against the Rust {@code tokenizers} library on the same inputs in the same run, and against
 * core's bundled {@code llama3}; writes {@code benchmarks/results/hf.md} with the targets and verdicts.
 *
 * <p>For each model, in turn: the Rust library ({@code node benchmarks/rust-tokenizers/bench.mjs},
 * single-threaded), then core through JMH ({@link HfBenchmark} encode and count, {@link HfLoadBenchmark}),
 * so the two sides of a ratio are measured minutes apart at most. Core's ids are checked against
 * Rust's (count and SHA-256) on every input.
 *
 * <p>System properties: {@code tokenlab.hf.models} (comma-separated, default all of {@link HfModels#ALL}),
 * {@code tokenlab.hf.iterationSeconds} (JMH measurement iteration, default 1; three of them after two
 * one-second warmups), {@code tokenlab.hf.rustSeconds} (Rust timed seconds per input, default 2),
 * {@code tokenlab.node} (the node executable).
 */
final class HfRunner {
    private static final List<String> INPUTS = List.of("english", "code");
    private static final List<String> BYTE_LEVEL = List.of("llama3", "qwen3", "deepseek_v3", "gptoss");
    /** The share of bundled llama3's speed each model must reach. */
    private static final Map<String, Double> SHARE = Map.of("llama3", 0.9, "qwen3", 0.5, "deepseek_v3", 0.5);
    private static final int ROUNDS = 15;
    private static final long WARMUP_NANOS = 2_000_000_000L;

    /** One JMH throughput measure: MB/s of UTF-8 input and heap bytes allocated per input byte. */
    record Measure(double mbPerSecond, double allocPerByte) {
    }

    /** The Rust library on one input. */
    record RustInput(int bytes, int tokens, String idsSha256, double encodeMBps, double encodeBestMBps, double batchMBps, int calls) {
    }

    /** The Rust library on one model. */
    record Rust(String library, double loadFirstSeconds, double loadMedianSeconds, Map<String, RustInput> inputs) {
    }

    /** Core on one model. */
    record Core(Map<String, Measure> encode, Map<String, Measure> count, Map<String, String> idsSha256, Map<String, Integer> tokens,
                double loadFirstMillis, double loadWarmMillis, long fileBytes) {
    }

    /** Interleaved in one JVM: MB/s (median call) of the model (allowAll and asText) and of bundled llama3, per input and mode. */
    record Interleaved(String model, String input, String mode, double hfAllowAll, double hfAsText, double bundled) {
    }

    private final List<Interleaved> interleaved = new ArrayList<>();
    private final Path out;
    private final List<String> models;
    private final double iterationSeconds;
    private final double rustSeconds;
    private final Map<String, Measure> bundledEncode = new LinkedHashMap<>();
    private final Map<String, Measure> bundledCount = new LinkedHashMap<>();
    private final Map<String, Rust> rust = new LinkedHashMap<>();
    private final Map<String, Core> core = new LinkedHashMap<>();
    private final Map<String, Path> inputFiles = new LinkedHashMap<>();
    private String rustLibrary = "tokenizers (npm)";
    private String loadAtStart = "";

    HfRunner(Path out) {
        this.out = out;
        String list = System.getProperty("tokenlab.hf.models", "");
        this.models = list.isBlank() ? HfModels.ALL : List.of(list.split(","));
        this.iterationSeconds = Double.parseDouble(System.getProperty("tokenlab.hf.iterationSeconds", "1"));
        this.rustSeconds = Double.parseDouble(System.getProperty("tokenlab.hf.rustSeconds", "2"));
    }

    void run() throws RunnerException, IOException, InterruptedException {
        loadAtStart = loadAverage();
        Path inputs = HfModels.dir().resolve("inputs");
        Files.createDirectories(inputs);
        for (String input : INPUTS) {
            Path file = inputs.resolve(input + ".txt");
            Files.writeString(file, Inputs.load(input), StandardCharsets.UTF_8);
            inputFiles.put(input, file);
        }
        for (String model : models) {
            HfModels.file(model);
        }
        for (String input : INPUTS) {
            Map<String, String> params = Map.of("model", "llama3", "engine", "core", "input", input);
            bundledEncode.put(input, throughput("TiktokenBenchmark.encode", params));
            bundledCount.put(input, throughput("TiktokenBenchmark.count", params));
            write();
        }
        for (String model : models) {
            Rust r = rust(model);
            rust.put(model, r);
            rustLibrary = r.library();
            Map<String, Measure> encode = new LinkedHashMap<>();
            Map<String, Measure> count = new LinkedHashMap<>();
            Map<String, String> sha = new LinkedHashMap<>();
            Map<String, Integer> tokens = new LinkedHashMap<>();
            Path file = HfModels.file(model);
            Tokenizer t = Tokenizers.load(file);
            for (String input : INPUTS) {
                int[] ids = t.encode(Inputs.load(input), SpecialTokens.allowAll());
                sha.put(input, sha256(ids));
                tokens.put(input, ids.length);
            }
            if (SHARE.containsKey(model)) {
                interleave(model, t);
            }
            for (String input : INPUTS) {
                Map<String, String> params = Map.of("model", model, "input", input);
                encode.put(input, throughput("HfBenchmark.encode", params));
                count.put(input, throughput("HfBenchmark.count", params));
            }
            double[] load = load(model);
            core.put(model, new Core(encode, count, sha, tokens, load[0], load[1], Files.size(file)));
            write();
        }
        write();
    }

    /**
     * The model and bundled llama3 call by call in this JVM (after warmup rounds), so background load on a
     * busy machine hits both sides of the ratio alike; JMH's forks, minutes apart, do not share that.
     * (One JVM runs both, so shared code such as the scanners is compiled once for both.)
     */
    private void interleave(String model, Tokenizer hf) {
        Tokenizer bundled = Tokenizers.get("llama3");
        for (String input : INPUTS) {
            String text = Inputs.load(input);
            int bytes = Inputs.utf8Length(text);
            for (String mode : List.of("encode", "count")) {
                boolean count = mode.equals("count");
                double[][] t = new double[3][ROUNDS];
                long sink = 0;
                long warmEnd = System.nanoTime() + WARMUP_NANOS; // the JIT compiles the hot loops in the first second or so
                for (int r = -1; r < ROUNDS; r++) {
                    for (int i = 0; i < 3; i++) {
                        Tokenizer tk = i == 2 ? bundled : hf;
                        SpecialTokens policy = i == 0 ? SpecialTokens.allowAll() : SpecialTokens.asText();
                        long t0 = System.nanoTime();
                        sink += count ? tk.count(text, policy) : tk.encode(text, policy).length;
                        if (r >= 0) {
                            t[i][r] = (System.nanoTime() - t0) / 1e9;
                        }
                    }
                    if (r == -1 && System.nanoTime() < warmEnd) {
                        r = -2; // still warming up
                    }
                }
                double[] mb = new double[3];
                for (int i = 0; i < 3; i++) {
                    double[] sorted = t[i].clone();
                    java.util.Arrays.sort(sorted);
                    mb[i] = bytes / sorted[ROUNDS / 2] / 1e6;
                }
                interleaved.add(new Interleaved(model, input, mode, mb[0], mb[1], mb[2]));
                if (sink == 42) {
                    System.out.print("");
                }
            }
        }
    }

    // ---- measuring

    private ChainedOptionsBuilder options(String benchmark) {
        return new OptionsBuilder()
                .include("dev.tokenlab.benchmarks." + benchmark.replace(".", "\\.") + "$")
                .forks(1)
                .jvmArgsAppend("-Xmx3g", "-Dtokenlab.shared=" + Inputs.shared().toAbsolutePath(),
                        "-Dtokenlab.root=" + Inputs.root().toAbsolutePath());
    }

    private Measure throughput(String benchmark, Map<String, String> params) throws RunnerException {
        ChainedOptionsBuilder options = options(benchmark)
                .warmupIterations(2)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(3)
                .measurementTime(TimeValue.milliseconds(Math.round(iterationSeconds * 1000)))
                .addProfiler(org.openjdk.jmh.profile.GCProfiler.class);
        params.forEach(options::param);
        RunResult result = new Runner(options.build()).runSingle();
        int bytes = Inputs.utf8Length(Inputs.load(params.get("input")));
        Result<?> alloc = result.getSecondaryResults().get("gc.alloc.rate.norm");
        return new Measure(result.getPrimaryResult().getScore() * bytes / 1e6, alloc == null ? Double.NaN : alloc.getScore() / bytes);
    }

    /** Core's load time in ms: the first load in a fresh JVM, and the best of the next four. */
    private double[] load(String model) throws RunnerException {
        ChainedOptionsBuilder options = options("HfLoadBenchmark.load")
                .warmupIterations(0)
                .measurementIterations(5)
                .timeUnit(TimeUnit.MILLISECONDS)
                .param("model", model);
        RunResult result = new Runner(options.build()).runSingle();
        List<Double> times = new ArrayList<>();
        for (BenchmarkResult b : result.getBenchmarkResults()) {
            for (IterationResult i : b.getIterationResults()) {
                times.add(i.getPrimaryResult().getScore());
            }
        }
        double warm = times.subList(1, times.size()).stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        return new double[] {times.get(0), warm};
    }

    private Rust rust(String model) throws IOException, InterruptedException {
        Path dir = Inputs.root().resolve("benchmarks/rust-tokenizers");
        if (!Files.isDirectory(dir.resolve("node_modules/tokenizers"))) {
            throw new IllegalStateException("the Rust reference is not installed: run benchmarks/run hf (it runs npm install in "
                    + dir + "), or npm install there");
        }
        List<String> command = new ArrayList<>(List.of(System.getProperty("tokenlab.node", "node"), "bench.mjs",
                "--model", model + "=" + HfModels.file(model).toAbsolutePath(),
                "--warmup", "1", "--time", Double.toString(rustSeconds), "--loads", "3", "--batches"));
        for (Map.Entry<String, Path> e : inputFiles.entrySet()) {
            command.add("--input");
            command.add(e.getKey() + "=" + e.getValue().toAbsolutePath());
        }
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().put("RAYON_NUM_THREADS", "1");
        pb.environment().put("TOKENIZERS_PARALLELISM", "false");
        System.out.println("# Rust tokenizers: " + model);
        Process p = pb.start();
        byte[] stdout = p.getInputStream().readAllBytes();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("bench.mjs failed for " + model + " (exit " + p.exitValue() + ")");
        }
        Map<String, Object> json = parse(stdout);
        Map<String, RustInput> inputs = new LinkedHashMap<>();
        @SuppressWarnings("unchecked")
        Map<String, Object> in = (Map<String, Object>) json.get("inputs");
        for (Map.Entry<String, Object> e : in.entrySet()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) e.getValue();
            inputs.put(e.getKey(), new RustInput(num(m, "bytes").intValue(), num(m, "tokens").intValue(), (String) m.get("idsSha256"),
                    num(m, "encodeMBps").doubleValue(), num(m, "encodeBestMBps").doubleValue(),
                    m.containsKey("batchMBps") ? num(m, "batchMBps").doubleValue() : Double.NaN, num(m, "encodeCalls").intValue()));
        }
        System.out.println("# Rust tokenizers: " + model + ": " + new String(stdout, StandardCharsets.UTF_8).trim());
        return new Rust((String) json.get("library"), num(json, "loadSecondsFirst").doubleValue(),
                num(json, "loadSecondsMedian").doubleValue(), inputs);
    }

    private static Number num(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (!(v instanceof Number n)) {
            throw new IllegalStateException("bench.mjs printed no number " + key + ": " + m);
        }
        return n;
    }

    /** A JSON object as nested maps (Jackson's streaming parser; numbers as Double or Long). */
    private static Map<String, Object> parse(byte[] json) throws IOException {
        try (JsonParser p = new JsonFactory().createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("bench.mjs printed no JSON object: " + new String(json, StandardCharsets.UTF_8));
            }
            return object(p);
        }
    }

    private static Map<String, Object> object(JsonParser p) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken t = p.nextToken();
            m.put(key, switch (t) {
                case START_OBJECT -> object(p);
                case START_ARRAY -> {
                    p.skipChildren();
                    yield null;
                }
                case VALUE_NUMBER_INT -> p.getLongValue();
                case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
                case VALUE_STRING -> p.getText();
                case VALUE_TRUE -> true;
                case VALUE_FALSE -> false;
                default -> null;
            });
        }
        return m;
    }

    static String sha256(int[] ids) {
        StringBuilder sb = new StringBuilder(ids.length * 6);
        for (int i = 0; i < ids.length; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(ids[i]);
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- the report

    private void write() throws IOException {
        List<String> l = new ArrayList<>();
        l.add("# Tokenlab benchmarks: Hugging Face tokenizer.json (hf profile, " + LocalDate.now() + ")");
        l.add("");
        l.add("Machine: " + Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.arch") + ", "
                + BenchmarkRunner.cpuModel() + "; Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name")
                + "); Rust reference: " + rustLibrary + ", single thread (`RAYON_NUM_THREADS=1`).");
        String loadNow = loadAverage();
        boolean busy = busier(loadAtStart) || busier(loadNow);
        l.add("Load average (1, 5, 15 min) when the run started: " + loadAtStart + "; at this write: " + loadNow
                + (busy ? " — above the core count: other jobs were running, so the numbers are noisy." : "."));
        l.add("");
        l.add("Core: JMH, one thread, fork 1, 2 × 1 s warmup, 3 × " + fmt(iterationSeconds) + " s measured; `Tokenizers.load` of the"
                + " tokenizer.json alone, `encode`/`count` of the whole input with `SpecialTokens.allowAll()` (added tokens in the"
                + " text become their ids, as in Rust), no special tokens added. Rust: `Tokenizer.fromFile`, `encode(text, null,"
                + " {addSpecialTokens: false})` then `getIds()`, padding and truncation off; 1 s warmup, then calls for "
                + fmt(rustSeconds) + " s (at least 3), the median call. Bundled `llama3`: core's own Llama 3 (`TiktokenBenchmark`,"
                + " rank table, ordinary-text policy) in the same run. MB/s of UTF-8 input; ratios are of numbers measured in"
                + " this run. Inputs: `english` = ../shared/corpus/botchan.txt (279 KB); `code` = this repository's Java sources"
                + " repeated to 1 MB (see `Inputs`). `ids = Rust`: core's ids equal the Rust library's on the whole input (count"
                + " and SHA-256).");
        l.add("");
        l.add("## Throughput");
        l.add("");
        l.add("| model | input | core encode MB/s | core count MB/s | core B alloc / input B (encode) | Rust encode MB/s |"
                + " Rust line batch MB/s | core ÷ Rust (encode) | core ÷ bundled llama3 (encode) | core ÷ bundled llama3 (count) | ids = Rust |");
        l.add("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|:---:|");
        for (String input : INPUTS) {
            Measure be = bundledEncode.get(input);
            Measure bc = bundledCount.get(input);
            if (be != null) {
                l.add(String.format(Locale.ROOT, "| bundled llama3 (rank table) | %s | %.1f | %s | %.2f | | | | 1.00× | 1.00× | |", input,
                        be.mbPerSecond(), bc == null ? "" : fmt1(bc.mbPerSecond()), be.allocPerByte()));
            }
        }
        for (String model : models) {
            Core c = core.get(model);
            Rust r = rust.get(model);
            if (c == null || r == null) {
                continue;
            }
            for (String input : INPUTS) {
                Measure e = c.encode().get(input);
                Measure n = c.count().get(input);
                RustInput ri = r.inputs().get(input);
                boolean same = ri.tokens() == c.tokens().get(input) && ri.idsSha256().equals(c.idsSha256().get(input));
                l.add(String.format(Locale.ROOT, "| %s | %s | %.1f | %.1f | %.2f | %.2f | %.2f | %.1f× | %.2f× | %.2f× | %s |", model, input,
                        e.mbPerSecond(), n.mbPerSecond(), e.allocPerByte(), ri.encodeMBps(), ri.batchMBps(),
                        e.mbPerSecond() / ri.encodeMBps(), e.mbPerSecond() / bundledEncode.get(input).mbPerSecond(),
                        n.mbPerSecond() / bundledCount.get(input).mbPerSecond(),
                        same ? "yes" : "**no** (" + c.tokens().get(input) + " vs " + ri.tokens() + " tokens)"));
            }
        }
        l.add("");
        l.add("### Against bundled llama3, interleaved");
        l.add("");
        l.add("JMH measures each side of a ratio in its own fork, minutes apart; on a busy machine the load changes in between."
                + " Here the model and bundled llama3 run call by call in one JVM (" + ROUNDS + " calls each after 2 s of warmup, median call), with"
                + " the benchmark's policy (`allowAll`) and with bundled llama3's (`asText`: special-token text is ordinary text).");
        l.add("");
        l.add("| model | input | mode | core MB/s (allowAll) | core MB/s (asText) | bundled llama3 MB/s | ÷ bundled (allowAll) | ÷ bundled (asText) |");
        l.add("|---|---|---|---:|---:|---:|---:|---:|");
        for (Interleaved i : interleaved) {
            l.add(String.format(Locale.ROOT, "| %s | %s | %s | %.1f | %.1f | %.1f | %.2f× | %.2f× |", i.model(), i.input(), i.mode(), i.hfAllowAll(),
                    i.hfAsText(), i.bundled(), i.hfAllowAll() / i.bundled(), i.hfAsText() / i.bundled()));
        }
        l.add("");
        l.add("## Targets");
        l.add("");
        l.add("| target | model | input | measured | met |");
        l.add("|---|---|---|---:|:---:|");
        for (String model : models) {
            Core c = core.get(model);
            Rust r = rust.get(model);
            if (c == null) {
                continue;
            }
            for (String input : INPUTS) {
                double vsRust = c.encode().get(input).mbPerSecond() / r.inputs().get(input).encodeMBps();
                if (BYTE_LEVEL.contains(model)) {
                    l.add(verdict("byte-level BPE: core encode ≥ 10× Rust", model, input, vsRust, 10, "×"));
                } else if (model.equals("gemma3")) {
                    l.add(verdict("Gemma 3: core encode ≥ 5× Rust", model, input, vsRust, 5, "×"));
                }
            }
            double share = SHARE.getOrDefault(model, 0.0);
            if (share > 0) {
                for (String input : INPUTS) {
                    String what = (model.equals("llama3") ? "Llama 3 tokenizer.json" : model.equals("qwen3") ? "Qwen3" : "DeepSeek V3")
                            + " ≥ " + Math.round(share * 100) + "% of bundled llama3";
                    l.add(verdict(what + " (encode)", model, input, c.encode().get(input).mbPerSecond() / bundledEncode.get(input).mbPerSecond(),
                            share, "%"));
                    l.add(verdict(what + " (count)", model, input, c.count().get(input).mbPerSecond() / bundledCount.get(input).mbPerSecond(),
                            share, "%"));
                }
                for (Interleaved i : interleaved) {
                    if (i.model().equals(model)) {
                        String what = (model.equals("llama3") ? "Llama 3 tokenizer.json" : model.equals("qwen3") ? "Qwen3" : "DeepSeek V3")
                                + " ≥ " + Math.round(share * 100) + "% of bundled llama3";
                        l.add(verdict(what + " (" + i.mode() + ", interleaved, allowAll)", model, i.input(), i.hfAllowAll() / i.bundled(), share, "%"));
                        l.add(verdict(what + " (" + i.mode() + ", interleaved, asText as bundled)", model, i.input(), i.hfAsText() / i.bundled(),
                                share, "%"));
                    }
                }
            }
        }
        for (String model : models) {
            Core c = core.get(model);
            if (c != null) {
                l.add(String.format(Locale.ROOT, "| load well under a second (≤ 0.5 s), first load in a fresh JVM | %s | %.1f MB file | %.0f ms | %s |",
                        model, c.fileBytes() / 1e6, c.loadFirstMillis(), c.loadFirstMillis() <= 500 ? "yes" : "**no**"));
                l.add(String.format(Locale.ROOT, "| load well under a second (≤ 0.5 s), warm JVM | %s | %.1f MB file | %.0f ms | %s |",
                        model, c.fileBytes() / 1e6, c.loadWarmMillis(), c.loadWarmMillis() <= 500 ? "yes" : "**no**"));
            }
        }
        l.add("");
        l.add("## Load time");
        l.add("");
        l.add("Core: `Tokenizers.load(tokenizer.json)`, the first load in a fresh JVM (class loading and an unwarmed JIT"
                + " included: what a command-line run pays) and the best of the next four in the same JVM. Rust: `Tokenizer.fromFile`,"
                + " the first of three loads in a fresh node process and the median of the three.");
        l.add("");
        l.add("| model | tokenizer.json MB | core first load ms | core warm load ms | Rust first load ms | Rust median load ms | core ÷ Rust time (first) | core ÷ Rust time (warm) |");
        l.add("|---|---:|---:|---:|---:|---:|---:|---:|");
        for (String model : models) {
            Core c = core.get(model);
            Rust r = rust.get(model);
            if (c == null || r == null) {
                continue;
            }
            double rf = r.loadFirstSeconds() * 1000;
            double rm = r.loadMedianSeconds() * 1000;
            l.add(String.format(Locale.ROOT, "| %s | %.1f | %.0f | %.0f | %.0f | %.0f | %.2f | %.2f |", model, c.fileBytes() / 1e6,
                    c.loadFirstMillis(), c.loadWarmMillis(), rf, rm, c.loadFirstMillis() / rf, c.loadWarmMillis() / rm));
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, String.join("\n", l) + "\n");
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + ", " + f[1] + ", " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** Whether a load average's 1-minute value is above the number of cores. */
    private static boolean busier(String load) {
        try {
            return Double.parseDouble(load.split(",")[0]) > Runtime.getRuntime().availableProcessors();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String verdict(String what, String model, String input, double value, double target, String unit) {
        String shown = unit.equals("%") ? String.format(Locale.ROOT, "%.0f%%", value * 100) : String.format(Locale.ROOT, "%.1f×", value);
        return "| " + what + " | " + model + " | " + input + " | " + shown + " | " + (value >= target ? "yes" : "**no**") + " |";
    }

    private static String fmt(double seconds) {
        return seconds == Math.rint(seconds) ? Long.toString((long) seconds) : Double.toString(seconds);
    }

    private static String fmt1(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
