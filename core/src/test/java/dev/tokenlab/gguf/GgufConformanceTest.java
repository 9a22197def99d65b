package dev.tokenlab.gguf;

import dev.tokenlab.SpecialTokens;
import dev.tokenlab.Tokenizer;
import dev.tokenlab.TokenizerOptions;
import dev.tokenlab.Tokenizers;
import dev.tokenlab.testing.EdgeCases;
import dev.tokenlab.testing.SharedData;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shared vocabulary-only GGUF files ({@code ../shared/models/gguf}) against llama.cpp itself: the golden files
 * {@code testdata/golden/gguf/MODEL/{edge-cases,random,corpus}.tsv}, written by {@code testdata/generate}'s
 * {@code gguf-golden.mjs} with node-llama-cpp 3.21.1 (llama.cpp release v0.4.0, {@code vocabOnly}), each text
 * tokenized with and without {@code parse_special} ({@link SpecialTokens#allowAll()} / {@link SpecialTokens#asText()})
 * and with and without {@code add_special} ({@link TokenizerOptions#addSpecialTokens(boolean)}). The corpus rows
 * hold each shared corpus file's token count and the SHA-256 of its ids.
 *
 * <p>The golden folder can be pointed elsewhere with {@code -Dtokenlab.ggufGolden=DIR}; when it is absent the test
 * is skipped (it fails only with {@code -Dtokenlab.requireShared=true}).
 */
class GgufConformanceTest {

    private static Path goldenDir(String model) {
        String configured = System.getProperty("tokenlab.ggufGolden");
        Path dir = configured != null && !configured.isBlank() ? Path.of(configured) : SharedData.testdata().resolve("golden/gguf");
        Path p = dir.resolve(model);
        if (!Files.isDirectory(p)) {
            String why = "llama.cpp golden files " + p + " are not present";
            if (SharedData.required()) {
                throw new AssertionError(why);
            }
            Assumptions.abort(why + " (test skipped)");
        }
        return p;
    }

    private record Tokenizers4(Tokenizer plain, Tokenizer added) {
        int[] ids(String text, boolean parseSpecial, boolean addSpecial) {
            Tokenizer t = addSpecial ? added : plain;
            return t.encode(text, parseSpecial ? SpecialTokens.allowAll() : SpecialTokens.asText());
        }
    }

    private static Tokenizers4 load(String model) {
        Path gguf = SharedData.require("models/gguf/" + model + ".gguf");
        return new Tokenizers4(Tokenizers.load(gguf), Tokenizers.load(gguf, TokenizerOptions.defaults().addSpecialTokens(true)));
    }

    private static List<String[]> rows(Path tsv) throws IOException {
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(tsv, StandardCharsets.UTF_8)) {
            if (!line.startsWith("#")) {
                rows.add(line.split("\t", -1));
            }
        }
        return rows;
    }

    private static int[] ids(String s) {
        return s.isBlank() ? new int[0] : Arrays.stream(s.trim().split(" ")).mapToInt(Integer::parseInt).toArray();
    }

    private static String sha(int[] ids) {
        try {
            byte[] text = Arrays.stream(ids).mapToObj(Integer::toString).collect(Collectors.joining(" ")).getBytes(StandardCharsets.US_ASCII);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Compares the four id columns of one text; adds a line per difference. */
    private static void compare(Tokenizers4 t, String name, String text, String[] cols, int first, List<String> failures) {
        for (int k = 0; k < 4; k++) {
            boolean parse = k >= 2;
            boolean add = k % 2 == 1;
            int[] expected = ids(cols[first + k]);
            int[] actual = t.ids(text, parse, add);
            if (!Arrays.equals(expected, actual)) {
                failures.add(name + " (parse_special=" + parse + ", add_special=" + add + "): " + Arrays.toString(actual) + ", llama.cpp "
                        + Arrays.toString(expected));
                return;
            }
        }
    }

    private static void report(String what, List<String> failures, int total) {
        assertTrue(failures.isEmpty(), () -> what + ": " + failures.size() + " of " + total + " differ from llama.cpp:\n"
                + failures.stream().limit(20).collect(Collectors.joining("\n")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"llama3", "qwen3", "deepseek_v3", "gptoss", "llama2", "bert"})
    void edgeCases(String model) throws IOException {
        Path tsv = goldenDir(model).resolve("edge-cases.tsv");
        Tokenizers4 t = load(model);
        Map<String, String> texts = new HashMap<>();
        for (EdgeCases.EdgeCase c : EdgeCases.load()) {
            texts.put(c.name(), c.text());
        }
        for (EdgeCases.EdgeCase c : EdgeCases.load(SharedData.testdata().resolve("hf-edge-cases.txt"))) {
            texts.put(c.name(), c.text());
        }
        List<String> failures = new ArrayList<>();
        List<String[]> rows = rows(tsv);
        for (String[] cols : rows) {
            String text = texts.get(cols[0]);
            if (text == null) {
                failures.add(cols[0] + ": no such edge case in testdata");
                continue;
            }
            compare(t, cols[0], text, cols, 1, failures);
        }
        report(model + " edge cases", failures, rows.size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"llama3", "qwen3", "deepseek_v3", "gptoss", "llama2", "bert"})
    void randomStrings(String model) throws IOException {
        Path tsv = goldenDir(model).resolve("random.tsv");
        Tokenizers4 t = load(model);
        List<String> failures = new ArrayList<>();
        List<String[]> rows = rows(tsv);
        int n = 0;
        for (String[] cols : rows) {
            n++;
            String text = EdgeCases.unescape(cols[0], tsv + " row " + n);
            compare(t, "row " + n + " «" + cols[0] + "»", text, cols, 1, failures);
        }
        report(model + " random strings", failures, rows.size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"llama3", "qwen3", "deepseek_v3", "gptoss", "llama2", "bert"})
    void corpus(String model) throws IOException {
        Path tsv = goldenDir(model).resolve("corpus.tsv");
        Tokenizers4 t = load(model);
        Path corpus = SharedData.corpus();
        List<String> failures = new ArrayList<>();
        List<String[]> rows = rows(tsv);
        for (String[] cols : rows) {
            String text = Files.readString(corpus.resolve(cols[0]), StandardCharsets.UTF_8);
            int[] plain = t.ids(text, false, false);
            boolean hasControl = t.plain().specialTokens().keySet().stream().anyMatch(text::contains);
            int[] parsed = hasControl ? t.ids(text, true, false) : plain;
            int[] added = t.ids(text, false, true);
            int[] parsedAdded = hasControl ? t.ids(text, true, true) : added;
            int[][] variants = {plain, added, parsed, parsedAdded};
            for (int k = 0; k < 4; k++) {
                int count = Integer.parseInt(cols[1 + 2 * k]);
                String sha = cols[2 + 2 * k];
                if (variants[k].length != count || !sha(variants[k]).equals(sha)) {
                    failures.add(cols[0] + " (parse_special=" + (k >= 2) + ", add_special=" + (k % 2 == 1) + "): " + variants[k].length
                            + " tokens, llama.cpp " + count);
                    break;
                }
            }
        }
        report(model + " corpus", failures, rows.size());
    }
}
