package dev.tokenlab.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads {@code testdata/golden/NAME.tsv}: per edge case, the reference ids (see testdata/README.md). */
public final class Golden {

    /** The reference ids of one case: special-token text as text, and with all specials allowed. */
    public record Row(int[] ordinary, int[] allowed) {
    }

    private Golden() {
    }

    /** Edge-case name → reference ids, for one encoding. */
    public static Map<String, Row> load(String encoding) {
        Map<String, Row> rows = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(SharedData.testdata().resolve("golden/" + encoding + ".tsv"), StandardCharsets.UTF_8)) {
                if (line.startsWith("#") || line.isEmpty()) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                rows.put(f[0], new Row(ids(f[1]), ids(f[2])));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    private static int[] ids(String s) {
        return s.isEmpty() ? new int[0] : Arrays.stream(s.split(" ")).mapToInt(Integer::parseInt).toArray();
    }
}
