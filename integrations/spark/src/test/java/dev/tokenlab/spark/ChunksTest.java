package dev.tokenlab.spark;

import dev.tokenlab.Tokenizer;
import dev.tokenlab.Tokenizers;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.call_function;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.posexplode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code tokenlab_chunks} on every UDHR document, exploded as a user would: each chunk is its text's
 * {@code substring(start, end)}, re-encodes to at most the maximum (its {@code tokens} is that count), and the
 * chunks of a document cover it in order — without overlap they tile it, with overlap each starts after the one
 * before and no later than its end.
 */
class ChunksTest {
    private static final int MAX = 256;
    private static final int OVERLAP = 32;
    private static SparkSession spark;
    private static Map<String, String> texts;

    @BeforeAll
    static void start() {
        texts = UdhrCorpus.texts();
        spark = LocalSpark.shared();
        UdhrCorpus.frame(spark).createOrReplaceTempView("udhr");
    }

    @Test
    void chunksWithOverlapCoverEveryDocumentInOrderThroughSql() {
        List<Row> rows = spark.sql("SELECT file, pos, c.text, c.start, c.end, c.tokens FROM udhr"
                + " LATERAL VIEW posexplode(tokenlab_chunks(text, 'llama3', " + MAX + ", " + OVERLAP + ")) AS pos, c").collectAsList();
        Map<String, List<Row>> byFile = byFile(rows);
        Tokenizer llama3 = Tokenizers.get("llama3");
        for (Map.Entry<String, List<Row>> e : byFile.entrySet()) {
            String text = texts.get(e.getKey());
            int previousStart = -1;
            int previousEnd = 0;
            for (Row r : e.getValue()) {
                int start = r.getInt(3);
                int end = r.getInt(4);
                checkChunk(llama3, e.getKey(), text, r);
                assertTrue(start > previousStart && start <= previousEnd, e.getKey() + ": chunk " + r.getInt(1) + " starts at " + start);
                previousStart = start;
                previousEnd = end;
            }
            assertEquals(text.length(), previousEnd, e.getKey() + ": the chunks stop before the end");
        }
        assertEquals(texts.keySet(), byFile.keySet());
    }

    @Test
    void chunksWithoutOverlapTileEveryDocumentThroughTheDatasetApi() {
        List<Row> rows = UdhrCorpus.frame(spark)
                .select(col("file"), posexplode(call_function("tokenlab_chunks", col("text"), lit("llama2"), lit(MAX), lit(0))))
                .select(col("file"), col("pos"), col("col.text"), col("col.start"), col("col.end"), col("col.tokens"))
                .collectAsList();
        Map<String, List<Row>> byFile = byFile(rows);
        Tokenizer llama2 = Tokenizers.get("llama2");
        for (Map.Entry<String, List<Row>> e : byFile.entrySet()) {
            String text = texts.get(e.getKey());
            int position = 0;
            for (Row r : e.getValue()) {
                checkChunk(llama2, e.getKey(), text, r);
                assertEquals(position, r.getInt(3), e.getKey() + ": chunk " + r.getInt(1) + " does not start where the one before ended");
                position = r.getInt(4);
            }
            assertEquals(text.length(), position, e.getKey() + ": the chunks stop before the end");
        }
        assertEquals(texts.keySet(), byFile.keySet());
    }

    @Test
    void explodeGivesOneRowPerChunk() {
        long chunks = spark.sql("SELECT explode(tokenlab_chunks('unhappiness', 'llama3', 1, 0))").count();
        assertEquals(3, chunks);
        assertEquals(List.of("un", "h", "appiness"), spark.range(1)
                .select(explode(call_function("tokenlab_chunks", lit("unhappiness"), lit("llama3"), lit(1), lit(0))).as("c"))
                .select(col("c.text")).as(org.apache.spark.sql.Encoders.STRING()).collectAsList());
    }

    /** The chunk is its text's substring at its offsets, and re-encodes to its token count, at most {@link #MAX}. */
    private static void checkChunk(Tokenizer tokenizer, String file, String text, Row r) {
        String chunk = r.getString(2);
        assertEquals(text.substring(r.getInt(3), r.getInt(4)), chunk, file + ": chunk " + r.getInt(1));
        int tokens = tokenizer.count(chunk);
        assertEquals(tokens, r.getInt(5), file + ": chunk " + r.getInt(1) + " token count");
        assertTrue(tokens <= MAX, file + ": chunk " + r.getInt(1) + " has " + tokens + " tokens");
    }

    /** The rows of each file, in chunk order. */
    private static Map<String, List<Row>> byFile(List<Row> rows) {
        Map<String, List<Row>> byFile = new HashMap<>();
        for (Row r : rows) {
            byFile.computeIfAbsent(r.getString(0), f -> new ArrayList<>()).add(r);
        }
        byFile.values().forEach(list -> list.sort((a, b) -> Integer.compare(a.getInt(1), b.getInt(1))));
        return byFile;
    }
}
