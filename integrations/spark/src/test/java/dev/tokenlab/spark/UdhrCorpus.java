package dev.tokenlab.spark;

import dev.tokenlab.testing.SharedData;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.input_file_name;
import static org.apache.spark.sql.functions.split;

/** The shared UDHR corpus (532 translations), as files for the library and as a DataFrame {@code (file, text)} for Spark. */
final class UdhrCorpus {
    private UdhrCorpus() {
    }

    /** File name → text, read by the library's side (Java's strict UTF-8), sorted by name. */
    static Map<String, String> texts() {
        Path udhr = SharedData.udhr();
        Map<String, String> texts = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(udhr)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".txt")).sorted().toList()) {
                texts.put(f.getFileName().toString(), Files.readString(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return texts;
    }

    /** One row per file: {@code file} (its name) and {@code text} (the whole file), as Spark reads them. */
    static Dataset<Row> frame(SparkSession spark) {
        return spark.read().option("wholetext", "true").option("pathGlobFilter", "*.txt")
                .text(SharedData.udhr().toString())
                .select(element_at(split(input_file_name(), "/"), -1).as("file"), col("value").as("text"));
    }
}
