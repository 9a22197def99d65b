package dev.tokenlab.spark;

import dev.tokenlab.Tokenizer;
import dev.tokenlab.TokenizerNotFoundException;
import dev.tokenlab.Tokenizers;
import dev.tokenlab.explain.Words;
import dev.tokenlab.testing.SharedData;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@link CorpusJob} in a real local Spark: on the UDHR corpus (one document per file) its summary is the
 * library's own characters, words and tokens; a parquet table is read by its text and id columns.
 */
class CorpusJobTest {
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = LocalSpark.shared();
    }

    @Test
    void udhrSummaryEqualsTheLibrarysCounts(@TempDir Path out) throws Exception {
        Map<String, String> texts = UdhrCorpus.texts();
        JobOptions options = JobOptions.parse("--input", SharedData.udhr().toString(), "--format", "text",
                "--models", "llama3,llama2", "--output", out.toString(), "--output-format", "csv", "--context", "2000");
        List<Row> summary = CorpusJob.run(spark, options).collectAsList();

        long characters = texts.values().stream().mapToLong(t -> t.codePointCount(0, t.length())).sum();
        long words = texts.values().stream().mapToLong(t -> Words.count(t).words()).sum();
        long llama3 = total("llama3", texts);
        long llama2 = total("llama2", texts);
        long llama3Over = texts.values().stream().filter(t -> Tokenizers.get("llama3").count(t) > 2000).count();
        assertEquals(List.of(
                RowFactory.create("llama3", 532L, characters, words, llama3, round((double) llama3 / words), 1.0, 2000, llama3Over),
                RowFactory.create("llama2", 532L, characters, words, llama2, round((double) llama2 / words), round((double) llama2 / llama3),
                        2000, texts.values().stream().filter(t -> Tokenizers.get("llama2").count(t) > 2000).count())), summary);

        List<Row> written = spark.read().option("header", "true").option("inferSchema", "true").csv(out.resolve("summary").toString()).collectAsList();
        assertEquals(summary.toString(), written.toString());
        assertEquals(532, spark.read().option("header", "true").csv(out.resolve("documents").toString()).count());
    }

    @Test
    void aParquetTableIsReadByItsColumnsAndNullTextsAreLeftOut(@TempDir Path dir) throws Exception {
        StructType schema = new StructType().add("doc", DataTypes.LongType).add("body", DataTypes.StringType);
        spark.createDataFrame(Arrays.asList(RowFactory.create(1L, "unhappiness"), RowFactory.create(2L, "Hello world"),
                RowFactory.create(3L, null)), schema).write().parquet(dir.resolve("in").toString());
        JobOptions options = JobOptions.parse("--input", dir.resolve("in").toString(), "--format", "parquet", "--column", "body",
                "--id", "doc", "--models", "llama3", "--output", dir.resolve("out").toString(), "--output-format", "json");
        Row summary = CorpusJob.run(spark, options).first();
        assertEquals(RowFactory.create("llama3", 2L, 22L, 3L, 5L, round(5 / 3.0), 1.0, null, null), summary);
        List<Row> documents = spark.read().json(dir.resolve("out/documents").toString()).orderBy("document")
                .select("document", "characters", "words", "tokens_llama3").collectAsList();
        assertEquals(List.of(RowFactory.create("1", 11L, 1L, 3L), RowFactory.create("2", 11L, 2L, 2L)), documents);
    }

    @Test
    void anUnknownModelFailsBeforeAnyTaskWithTokenlabsMessage(@TempDir Path out) {
        JobOptions options = JobOptions.parse("--input", out.toString(), "--format", "json", "--models", "llama3,lama2",
                "--output", out.toString());
        TokenizerNotFoundException e = assertThrows(TokenizerNotFoundException.class, () -> CorpusJob.run(spark, options));
        assertEquals("unknown model \"lama2\"; did you mean llama2, llama3?", e.getMessage());
    }

    @Test
    void aBadCommandLineIsOneLine() {
        assertEquals("--format must be one of text, parquet, json, not 'csv'",
                assertThrows(IllegalArgumentException.class, () -> JobOptions.parse("--format", "csv")).getMessage());
        assertEquals("--output is required", assertThrows(IllegalArgumentException.class,
                () -> JobOptions.parse("--input", "x", "--format", "text", "--models", "llama3")).getMessage());
        assertEquals("--context must be a positive whole number, not '0'",
                assertThrows(IllegalArgumentException.class, () -> JobOptions.parse("--context", "0")).getMessage());
        assertNull(JobOptions.parse("--input", "x", "--format", "text", "--models", "llama3", "--output", "o").context());
    }

    private static long total(String model, Map<String, String> texts) {
        Tokenizer t = Tokenizers.get(model);
        return texts.values().stream().mapToLong(t::count).sum();
    }

    private static double round(double d) {
        return java.math.BigDecimal.valueOf(d).setScale(4, java.math.RoundingMode.HALF_UP).doubleValue();
    }
}
