package dev.tokenlab.hf;

import dev.tokenlab.testing.EdgeCases;
import dev.tokenlab.testing.SharedData;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads {@code testdata/golden/hf/MODEL/*.tsv}, the ids the Rust {@code tokenizers} library gives
 * (written by {@code testdata/generate/hf-golden.mjs}).
 */
final class HfGolden {
    private HfGolden() {
    }

    /** One row: the text, the ids without and with special tokens added, and (edge cases) the decode and offsets. */
    record Row(String name, String text, int[] ids, int[] idsWithSpecials, String decode, int[][] codePointOffsets) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** One corpus row: counts and SHA-256 of the ids joined by spaces, without and with specials, and of the decode. */
    record CorpusRow(String path, int count, String sha, int countWithSpecials, String shaWithSpecials, String decodeSha) {
    }

    /** The edge cases, texts taken from the edge-case files by name. */
    static List<Row> edgeCases(String model) {
        List<EdgeCases.EdgeCase> cases = new ArrayList<>(EdgeCases.load());
        cases.addAll(EdgeCases.load(SharedData.testdata().resolve("hf-edge-cases.txt")));
        List<Row> rows = new ArrayList<>();
        for (String[] cols : rows(model, "edge-cases.tsv")) {
            String text = cases.stream().filter(c -> c.name().equals(cols[0])).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no edge case named " + cols[0])).text();
            String[] offsets = cols.length > 4 && !cols[4].isEmpty() ? cols[4].split(" ") : new String[0];
            int[][] cp = new int[offsets.length][];
            for (int i = 0; i < offsets.length; i++) {
                String[] se = offsets[i].split(":");
                cp[i] = new int[] {Integer.parseInt(se[0]), Integer.parseInt(se[1])};
            }
            rows.add(new Row(cols[0], text, ids(cols[1]), ids(cols[2]), EdgeCases.unescape(cols[3], model + " " + cols[0]), cp));
        }
        return rows;
    }

    /** The seeded random strings. */
    static List<Row> random(String model) {
        List<Row> rows = new ArrayList<>();
        int n = 0;
        for (String[] cols : rows(model, "random.tsv")) {
            rows.add(new Row("random-" + (n++), EdgeCases.unescape(cols[0], model + " random " + n), ids(cols[1]), ids(cols[2]), null, null));
        }
        return rows;
    }

    /** The corpus rows. */
    static List<CorpusRow> corpus(String model) {
        List<CorpusRow> rows = new ArrayList<>();
        for (String[] c : rows(model, "corpus.tsv")) {
            rows.add(new CorpusRow(c[0], Integer.parseInt(c[1]), c[2], Integer.parseInt(c[3]), c[4], c[5]));
        }
        return rows;
    }

    private static List<String[]> rows(String model, String file) {
        Path path = SharedData.testdata().resolve("golden/hf").resolve(model).resolve(file);
        try {
            List<String[]> rows = new ArrayList<>();
            for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
                if (!line.startsWith("#")) {
                    rows.add(line.split("\t", -1));
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int[] ids(String s) {
        return s.isEmpty() ? new int[0] : Arrays.stream(s.split(" ")).mapToInt(Integer::parseInt).toArray();
    }
}
