package dev.tokenlab.testing;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Locates the read-only reference data in {@code ../shared} (models and corpora that must never be
 * committed). Conformance tests call {@link #require(String)}: when the folder is absent the test is
 * <em>skipped</em> with a reason, unless {@code -Dtokenlab.requireShared=true} (CI) makes it fail.
 */
public final class SharedData {
    private SharedData() {
    }

    /** The shared folder (system property {@code tokenlab.shared}, else {@code ../shared} of the repo). */
    public static Path root() {
        String configured = System.getProperty("tokenlab.shared");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve(".git")) && !Files.exists(dir.resolve("testdata"))) {
            dir = dir.getParent();
        }
        return (dir == null ? Path.of("..") : dir.getParent()).resolve("shared").toAbsolutePath().normalize();
    }

    /** Whether CI demands the shared data ({@code -Dtokenlab.requireShared=true}). */
    public static boolean required() {
        return Boolean.getBoolean("tokenlab.requireShared");
    }

    /**
     * A file or folder under {@code ../shared}; skips the calling test when it is missing, or fails it
     * when the data is required.
     */
    public static Path require(String relative) {
        Path p = root().resolve(relative);
        if (!Files.exists(p)) {
            String why = "reference data " + p + " is not present (conformance test skipped; "
                    + "CI runs with -Dtokenlab.requireShared=true)";
            if (required()) {
                throw new AssertionError(why.replace("conformance test skipped; ", ""));
            }
            Assumptions.abort(why);
        }
        return p;
    }

    /** Every {@code .txt} file of the shared corpus (botchan, wagahaiwa and the 532 UDHR files), sorted; checked complete. */
    public static List<Path> corpusFiles() {
        Path corpus = corpus();
        try (Stream<Path> s = Files.walk(corpus)) {
            return s.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The shared corpus folder, checked complete: both novels, and every file {@code udhr/INDEX.tsv} lists,
     * each of the size it lists (plus a final newline), and no other {@code .txt} file in {@code udhr/}. A loop over a half-copied
     * corpus would otherwise pass on what is there.
     *
     * @throws AssertionError if the corpus is present but incomplete
     */
    public static Path corpus() {
        Path corpus = require("corpus");
        checkComplete(corpus);
        return corpus;
    }

    /** The UDHR folder of the shared corpus, checked complete (see {@link #corpus()}). */
    public static Path udhr() {
        return corpus().resolve("udhr");
    }

    private static void checkComplete(Path corpus) {
        try {
            for (String novel : List.of("botchan.txt", "wagahaiwa_nekodearu.txt")) {
                if (!Files.isRegularFile(corpus.resolve(novel))) {
                    throw new AssertionError("the shared corpus is incomplete: " + corpus.resolve(novel) + " is missing");
                }
            }
            Path udhr = corpus.resolve("udhr");
            List<String> index = Files.readAllLines(udhr.resolve("INDEX.tsv"));
            int listed = 0;
            for (String line : index.subList(1, index.size())) {
                if (line.isBlank()) {
                    continue;
                }
                String[] cols = line.split("\t");
                Path file = udhr.resolve(cols[0]);
                long size = Long.parseLong(cols[3]);
                // INDEX.tsv gives the size of the text; the files end with one newline more.
                if (!Files.isRegularFile(file) || Files.size(file) != size && Files.size(file) != size + 1) {
                    throw new AssertionError("the shared corpus is incomplete: " + file + " should be " + size + " bytes ("
                            + (Files.isRegularFile(file) ? Files.size(file) + " found" : "missing") + ")");
                }
                listed++;
            }
            try (Stream<Path> s = Files.list(udhr)) {
                long present = s.filter(p -> p.toString().endsWith(".txt")).count();
                if (present != listed || listed == 0) {
                    throw new AssertionError("the shared corpus has " + present + " UDHR files; INDEX.tsv lists " + listed);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The project's {@code testdata} folder. */
    public static Path testdata() {
        String configured = System.getProperty("tokenlab.testdata");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("testdata"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("cannot find the testdata folder above " + Path.of("").toAbsolutePath());
        }
        return dir.resolve("testdata");
    }
}
