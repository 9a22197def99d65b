package dev.tokenlab.spark;

import dev.tokenlab.Tokenizer;
import dev.tokenlab.TokenizerNotFoundException;
import dev.tokenlab.Tokenizers;
import dev.tokenlab.budget.TokenBudget;
import dev.tokenlab.testing.SharedData;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.call_function;
import static org.apache.spark.sql.functions.callUDF;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The functions registered by {@link TokenlabFunctions#register} in a real local Spark ({@code local[2]}), on the
 * shared UDHR corpus: every figure equals the library's own, through the SQL names and the Dataset API alike.
 */
class TokenlabFunctionsTest {
    private static SparkSession spark;
    private static Map<String, String> texts;

    @BeforeAll
    static void start() {
        texts = UdhrCorpus.texts();
        spark = LocalSpark.shared();
        UdhrCorpus.frame(spark).createOrReplaceTempView("udhr");
    }

    @Test
    void countsOfEveryDocumentEqualTheLibrarysThroughSql() {
        List<Row> rows = spark.sql("SELECT file, tokenlab_count(text, 'llama3'), tokenlab_count(text, 'llama2') FROM udhr").collectAsList();
        assertEquals(532, rows.size());
        assertCountsEqualLibrary("llama3", rows, 1);
        assertCountsEqualLibrary("llama2", rows, 2);
        assertEquals(libraryTotal("llama3"), rows.stream().mapToLong(r -> r.getInt(1)).sum());
    }

    @Test
    void countsOfEveryDocumentEqualTheLibrarysThroughTheDatasetApi() {
        List<Row> rows = UdhrCorpus.frame(spark).select(col("file"), call_function("tokenlab_count", col("text"), lit("llama3")),
                callUDF("tokenlab_count", col("text"), lit("llama2"))).collectAsList();
        assertCountsEqualLibrary("llama3", rows, 1);
        assertCountsEqualLibrary("llama2", rows, 2);
    }

    @Test
    void idsEqualTheLibrarysOnEveryDocument() {
        Tokenizer llama3 = Tokenizers.get("llama3");
        List<Row> rows = spark.sql("SELECT file, tokenlab_encode(text, 'llama3') FROM udhr").collectAsList();
        assertEquals(texts.size(), rows.size());
        for (Row r : rows) {
            List<Integer> ids = r.getList(1);
            int[] expected = llama3.encode(texts.get(r.getString(0)));
            assertArrayEquals(expected, ids.stream().mapToInt(Integer::intValue).toArray(), r.getString(0));
        }
        assertEquals(List.of(359, 71, 67391), spark.sql("SELECT tokenlab_encode('unhappiness', 'llama3')").first().getList(0));
    }

    @Test
    void fitsAndTruncateEqualTheLibrarys() {
        TokenBudget budget = TokenBudget.of(Tokenizers.get("llama3"), 2_000);
        List<Row> rows = spark.sql("SELECT file, tokenlab_fits(text, 'llama3', 2000), tokenlab_truncate(text, 'llama3', 100),"
                + " tokenlab_fits(text, 'llama3', CAST(2000 AS BIGINT)) FROM udhr").collectAsList();
        int fitting = 0;
        for (Row r : rows) {
            String text = texts.get(r.getString(0));
            assertEquals(budget.fits(text), r.getBoolean(1), r.getString(0));
            assertEquals(r.getBoolean(1), r.getBoolean(3), r.getString(0));
            assertEquals(budget.truncate(text, 100, TokenBudget.Keep.HEAD), r.getString(2), r.getString(0));
            fitting += r.getBoolean(1) ? 1 : 0;
        }
        assertTrue(fitting > 0 && fitting < rows.size(), "some documents fit 2,000 tokens and some do not: " + fitting);
        assertEquals("unh", spark.sql("SELECT tokenlab_truncate('unhappiness', 'llama3', 2)").first().getString(0));
    }

    @Test
    void aModelFileIsOpenedByItsPathOrShippedToExecutorsByName() {
        Path file = SharedData.require("models/llama2/tokenizer.model");
        int[] expected = Tokenizers.load(file).encode("Hello world");
        // addFile is what spark-submit --files does; the bare name is not a file in the working directory
        spark.sparkContext().addFile(file.toString());
        Row r = spark.sql("SELECT tokenlab_encode('Hello world', '" + file + "'), tokenlab_encode('Hello world', 'tokenizer.model')").first();
        assertEquals(Arrays.stream(expected).boxed().toList(), r.getList(0));
        assertEquals(Arrays.stream(expected).boxed().toList(), r.getList(1));
    }

    @Test
    void nullInGivesNullOut() {
        Row r = spark.sql("SELECT tokenlab_count(NULL, 'llama3'), tokenlab_count('a', NULL), tokenlab_encode(NULL, 'llama3'),"
                + " tokenlab_fits('a', 'llama3', NULL), tokenlab_truncate(NULL, 'llama3', 3), tokenlab_chunks('a', 'llama3', 8, NULL),"
                + " tokenlab_words(NULL), tokenlab_count(CAST(NULL AS STRING), 'no-such-model')").first();
        for (int i = 0; i < r.size(); i++) {
            assertNull(r.get(i), "column " + i);
        }
    }

    @Test
    void anUnknownModelFailsTheQueryWithTokenlabsOneLineMessage() {
        Exception e = assertThrows(Exception.class, () -> spark.sql("SELECT tokenlab_count(text, 'lama3') FROM udhr").collectAsList());
        Throwable cause = e;
        while (cause != null && !(cause instanceof TokenizerNotFoundException)) {
            cause = cause.getCause();
        }
        if (cause == null) {
            fail("no TokenizerNotFoundException in the cause chain of " + e);
        }
        assertEquals("unknown model \"lama3\"; did you mean llama3, llama2?", cause.getMessage());
    }

    @Test
    void aWrongNumberIsOneClearError() {
        Exception e = assertThrows(Exception.class, () -> spark.sql("SELECT tokenlab_truncate('abc', 'llama3', 2.5)").collectAsList());
        Throwable cause = e;
        while (cause != null && !(cause instanceof IllegalArgumentException)) {
            cause = cause.getCause();
        }
        assertEquals("tokenlab_truncate: n must be a whole number up to 2147483647, not 2.5", cause == null ? null : cause.getMessage());
    }

    private static void assertCountsEqualLibrary(String model, List<Row> rows, int column) {
        Tokenizer t = Tokenizers.get(model);
        Map<String, Integer> seen = new HashMap<>();
        for (Row r : rows) {
            seen.put(r.getString(0), r.getInt(column));
        }
        assertEquals(texts.keySet(), seen.keySet());
        texts.forEach((file, text) -> assertEquals(t.count(text), seen.get(file), model + " on " + file));
    }

    private static long libraryTotal(String model) {
        Tokenizer t = Tokenizers.get(model);
        return texts.values().stream().mapToLong(t::count).sum();
    }

}
