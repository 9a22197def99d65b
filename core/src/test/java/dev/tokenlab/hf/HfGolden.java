package dev.tokenlab.hf;

import dev.tokenlab.TokenSpan;
import dev.tokenlab.Tokenizer;
import dev.tokenlab.TokenizerException;
import dev.tokenlab.testing.EdgeCases;
import dev.tokenlab.testing.SharedData;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads {@code testdata/golden/hf/MODEL/*.tsv} and {@code testdata/golden/hf-synthetic/NAME.tsv}, the
 * ids the Rust {@code tokenizers} library gives (written by {@code testdata/generate/hf-golden.mjs} and
 * {@code hf-synthetic-golden.mjs}), and compares a tokenizer with the edge-case rows.
 */
final class HfGolden {
    /** What the id columns of a row hold when the library refused the text. */
    static final String ERROR = "!error";

    private HfGolden() {
    }

    /**
     * One row: the text, the ids without and with special tokens added, and (edge cases) the decode and
     * offsets; or, for a text the library refuses, its error message ({@code ids} null).
     */
    record Row(String name, String text, int[] ids, int[] idsWithSpecials, String decode, int[][] codePointOffsets, String error) {
        Row(String name, String text, int[] ids, int[] idsWithSpecials, String decode, int[][] codePointOffsets) {
            this(name, text, ids, idsWithSpecials, decode, codePointOffsets, null);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** One corpus row: counts and SHA-256 of the ids joined by spaces, without and with specials, and of the decode. */
    record CorpusRow(String path, int count, String sha, int countWithSpecials, String shaWithSpecials, String decodeSha) {
    }

    /** The edge cases of a shared model, texts taken from the edge-case files by name. */
    static List<Row> edgeCases(String model) {
        return edgeCaseRows(SharedData.testdata().resolve("golden/hf").resolve(model).resolve("edge-cases.tsv"), cases(), model);
    }

    /** The rows of a synthetic tokenizer of {@code testdata/hf-synthetic}: the edge cases and that folder's own cases. */
    static List<Row> synthetic(String name) {
        List<EdgeCases.EdgeCase> cases = new ArrayList<>(cases());
        cases.addAll(EdgeCases.load(SharedData.testdata().resolve("hf-synthetic/cases.txt")));
        return edgeCaseRows(SharedData.testdata().resolve("golden/hf-synthetic").resolve(name + ".tsv"), cases, name);
    }

    private static List<EdgeCases.EdgeCase> cases() {
        List<EdgeCases.EdgeCase> cases = new ArrayList<>(EdgeCases.load());
        cases.addAll(EdgeCases.load(SharedData.testdata().resolve("hf-edge-cases.txt")));
        return cases;
    }

    private static List<Row> edgeCaseRows(Path tsv, List<EdgeCases.EdgeCase> cases, String model) {
        Map<String, String> texts = new HashMap<>();
        for (EdgeCases.EdgeCase c : cases) {
            texts.put(c.name(), c.text());
        }
        List<Row> rows = new ArrayList<>();
        for (String[] cols : rows(tsv)) {
            String text = texts.get(cols[0]);
            if (text == null) {
                throw new IllegalStateException(tsv + ": no edge case named " + cols[0]);
            }
            if (cols[1].equals(ERROR)) {
                rows.add(new Row(cols[0], text, null, null, null, null, EdgeCases.unescape(cols[3], model + " " + cols[0])));
                continue;
            }
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

    /**
     * Compares a tokenizer (special-token text matched; without and with the post-processor's tokens)
     * with edge-case rows: ids, ids with specials, decode, offsets; an error row must fail to encode.
     *
     * @return one line per difference
     */
    static List<String> compare(Tokenizer plain, Tokenizer withSpecials, List<Row> rows) {
        List<String> failures = new ArrayList<>();
        for (Row row : rows) {
            if (row.error() != null) {
                try {
                    int[] ids = plain.encode(row.text());
                    failures.add(row.name() + ": ids " + Arrays.toString(ids) + ", expected the error \"" + row.error() + "\"");
                } catch (TokenizerException expected) {
                    // refused, as the library refuses it
                }
                continue;
            }
            int[] ids;
            try {
                ids = plain.encode(row.text());
            } catch (TokenizerException e) {
                failures.add(row.name() + ": " + e.getMessage() + ", expected ids " + Arrays.toString(row.ids()));
                continue;
            }
            if (!Arrays.equals(row.ids(), ids)) {
                failures.add(row.name() + ": ids " + Arrays.toString(ids) + ", expected " + Arrays.toString(row.ids()));
                continue;
            }
            int[] special = withSpecials.encode(row.text());
            if (!Arrays.equals(row.idsWithSpecials(), special)) {
                failures.add(row.name() + ": with specials " + Arrays.toString(special) + ", expected " + Arrays.toString(row.idsWithSpecials()));
            }
            String decoded = plain.decode(ids);
            if (!row.decode().equals(decoded)) {
                failures.add(row.name() + ": decode \"" + decoded + "\", expected \"" + row.decode() + "\"");
            }
            String offsets = offsets(row.text(), plain.tokenize(row.text()));
            String expected = Arrays.stream(row.codePointOffsets()).map(o -> o[0] + ":" + o[1]).collect(Collectors.joining(" "));
            if (!expected.equals(offsets)) {
                failures.add(row.name() + ": offsets " + offsets + ", expected " + expected);
            }
        }
        return failures;
    }

    /** Spans as code point offsets, as the npm binding reports them. */
    private static String offsets(String text, List<TokenSpan> spans) {
        return spans.stream().map(s -> text.codePointCount(0, s.charStart()) + ":" + text.codePointCount(0, s.charEnd()))
                .collect(Collectors.joining(" "));
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
        return rows(SharedData.testdata().resolve("golden/hf").resolve(model).resolve(file));
    }

    private static List<String[]> rows(Path path) {
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
