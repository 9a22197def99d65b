package dev.tokenlab.spark;

import dev.tokenlab.Tokenizer;
import dev.tokenlab.Tokenizers;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.call_function;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A fresh session configured with {@code spark.sql.extensions=dev.tokenlab.spark.TokenlabExtensions} and nothing
 * registered by code has every function, under its SQL name and through the Dataset API.
 */
class TokenlabExtensionsTest {
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = LocalSpark.fresh(Map.of("spark.sql.extensions", TokenlabExtensions.class.getName()));
    }

    @AfterAll
    static void stop() {
        LocalSpark.stop(spark);
    }

    @Test
    void everyFunctionIsThereWithoutRegistering() {
        Row r = spark.sql("SELECT tokenlab_count('unhappiness', 'llama3'), tokenlab_encode('unhappiness', 'llama3'),"
                + " tokenlab_fits('unhappiness', 'llama3', 2), tokenlab_truncate('unhappiness', 'llama3', 2),"
                + " size(tokenlab_chunks('unhappiness', 'llama3', 1, 0)), tokenlab_words('don\\'t stop')").first();
        assertEquals(3, r.getInt(0));
        assertEquals(List.of(359, 71, 67391), r.getList(1));
        assertEquals(false, r.getBoolean(2));
        assertEquals("unh", r.getString(3));
        assertEquals(3, r.getInt(4));
        assertEquals(3, r.getInt(5));
        List<String> listed = spark.sql("SHOW FUNCTIONS LIKE 'tokenlab*'").as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
        assertEquals(TokenlabFunctions.names().stream().sorted().toList(), listed.stream().sorted().toList());
    }

    @Test
    void describeFunctionShowsItsArguments() {
        String described = spark.sql("DESCRIBE FUNCTION tokenlab_chunks").collectAsList().toString();
        assertTrue(described.contains("tokenlab_chunks(text, model, max, overlap)"), described);
    }

    @Test
    void udhrTotalsEqualTheLibrarysThroughSqlAndTheDatasetApi() {
        Map<String, String> texts = UdhrCorpus.texts();
        UdhrCorpus.frame(spark).createOrReplaceTempView("udhr");
        Tokenizer llama3 = Tokenizers.get("llama3");
        long expected = texts.values().stream().mapToLong(llama3::count).sum();
        assertEquals(expected, spark.sql("SELECT sum(tokenlab_count(text, 'llama3')) FROM udhr").first().getLong(0));
        assertEquals(expected, UdhrCorpus.frame(spark).select(sum(call_function("tokenlab_count", col("text"), lit("llama3"))))
                .first().getLong(0));
    }

    @Test
    void aWrongNumberOfArgumentsIsOneClearError() {
        Exception e = assertThrows(Exception.class, () -> spark.sql("SELECT tokenlab_count('a')").collectAsList());
        assertTrue(String.valueOf(e.getMessage()).contains("tokenlab_count takes 2 arguments (text, model), not 1"), e.toString());
    }
}
