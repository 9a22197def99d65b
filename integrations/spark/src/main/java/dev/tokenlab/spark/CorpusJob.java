package dev.tokenlab.spark;

import dev.tokenlab.TokenizerException;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.apache.spark.sql.functions.call_function;
import static org.apache.spark.sql.functions.char_length;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.input_file_name;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * The ready corpus job: token counts of a corpus by several models, per document and in sum.
 *
 * <pre>
 * spark-submit --class dev.tokenlab.spark.CorpusJob tokenlab-spark-all.jar \
 *     --input s3://bucket/crawl/ --format parquet --column text --models llama3,llama2 --output s3://bucket/counts/ --context 8192
 * </pre>
 *
 * It writes two tables under {@code --output}: {@code documents/} (document, characters, words, and per model its
 * tokens, tokens per word, ratio to the first model and, with {@code --context}, whether it is over the context) and
 * {@code summary/} (one row per model: documents, characters, words, tokens, tokens per word, relative to the first
 * model, documents over the context; decimals rounded to 4 places), and prints the summary. Characters are Unicode
 * code points, words and tokens are counted as {@code tokenlab compare} counts them, so on the same files the
 * summary equals {@code tokenlab compare --format csv}'s total rows. A {@code text} input is one document per file
 * (those matching {@code --glob}, found recursively); rows whose text is null are left out.
 *
 * <p>Exit codes, as the CLI's: 0 done, 1 the input cannot be read or a task failed, 2 a bad command line, 4 an
 * unknown model.
 */
public final class CorpusJob {
    private static final StructType SUMMARY = new StructType()
            .add("model", DataTypes.StringType, false)
            .add("documents", DataTypes.LongType, false)
            .add("characters", DataTypes.LongType, false)
            .add("words", DataTypes.LongType, false)
            .add("tokens", DataTypes.LongType, false)
            .add("tokens_per_word", DataTypes.DoubleType, true)
            .add("relative_to_first", DataTypes.DoubleType, true)
            .add("context", DataTypes.IntegerType, true)
            .add("documents_over_context", DataTypes.LongType, true);

    private CorpusJob() {
    }

    /** Runs the job in the session {@code spark-submit} (or {@code -Dspark.master=…}) configures; exits with its code. */
    public static void main(String[] args) {
        JobOptions options;
        try {
            options = JobOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("tokenlab-spark: " + e.getMessage());
            System.err.println(JobOptions.USAGE);
            System.exit(2);
            return;
        }
        SparkSession spark = SparkSession.builder().appName("tokenlab corpus job").getOrCreate();
        int code;
        try {
            Dataset<Row> summary = run(spark, options);
            System.out.println(String.join(",", SUMMARY.fieldNames()));
            for (Row r : summary.collectAsList()) {
                System.out.println(r.mkString(","));
            }
            code = 0;
        } catch (TokenizerException e) {
            System.err.println("tokenlab-spark: " + e.getMessage());
            code = 4;
        } catch (AnalysisException e) {
            System.err.println("tokenlab-spark: " + options.input() + ": " + e.getSimpleMessage());
            code = 1;
        } catch (RuntimeException e) {
            // a task failed (an unreadable file, a model file an executor cannot read): the innermost message
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            System.err.println("tokenlab-spark: the job failed: " + String.valueOf(cause.getMessage()).lines().findFirst().orElse(""));
            code = 1;
        } finally {
            spark.stop();
        }
        System.exit(code);
    }

    /**
     * Measures the corpus {@code options} names, writes both tables and returns the summary.
     *
     * @throws TokenizerException if a model cannot be opened (checked on the driver before any task runs)
     * @throws AnalysisException  if the input cannot be read
     */
    public static Dataset<Row> run(SparkSession spark, JobOptions options) throws AnalysisException {
        for (String model : options.models()) {
            Models.tokenizer(model); // an unknown model fails here, in one line, not in every task
        }
        TokenlabFunctions.register(spark);
        Dataset<Row> documents = measure(read(spark, options), options).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            write(documents, options.outputFormat(), options.output() + "/documents");
            Dataset<Row> summary = spark.createDataFrame(summaryRows(documents, options), SUMMARY);
            write(summary.coalesce(1), options.outputFormat(), options.output() + "/summary");
            return summary;
        } finally {
            documents.unpersist();
        }
    }

    /** The input as rows of {@code (document, text)}. */
    private static Dataset<Row> read(SparkSession spark, JobOptions options) throws AnalysisException {
        Dataset<Row> rows;
        Column document;
        if (options.format().equals("text")) {
            rows = spark.read().option("wholetext", "true").option("recursiveFileLookup", "true")
                    .option("pathGlobFilter", options.glob()).text(options.input()).withColumnRenamed("value", "text");
            document = input_file_name();
        } else {
            Dataset<Row> table = spark.read().format(options.format()).load(options.input());
            rows = table.withColumn("text", col(quoted(options.column())).cast(DataTypes.StringType));
            document = options.id() != null ? col(quoted(options.id())).cast(DataTypes.StringType)
                    : concat(input_file_name(), lit("#"), monotonically_increasing_id().cast(DataTypes.StringType));
        }
        return rows.select(document.as("document"), col("text")).where(col("text").isNotNull());
    }

    private static Dataset<Row> measure(Dataset<Row> docs, JobOptions options) {
        List<Column> columns = new ArrayList<>(List.of(col("document"), char_length(col("text")).cast(DataTypes.LongType).as("characters"),
                call_function("tokenlab_words", col("text")).cast(DataTypes.LongType).as("words")));
        for (String model : options.models()) {
            columns.add(call_function("tokenlab_count", col("text"), lit(model)).cast(DataTypes.LongType).as(tokensColumn(model)));
        }
        Dataset<Row> measured = docs.select(columns.toArray(new Column[0]));
        String first = tokensColumn(options.models().get(0));
        for (String model : options.models()) {
            String tokens = tokensColumn(model);
            measured = measured.withColumn("tokens_per_word_" + suffix(model), ratio(col(tokens), col("words")));
            if (!tokens.equals(first)) {
                measured = measured.withColumn("ratio_" + suffix(model), ratio(col(tokens), col(first)));
            }
            if (options.context() != null) {
                measured = measured.withColumn("over_context_" + suffix(model), col(tokens).gt(options.context()));
            }
        }
        return measured;
    }

    private static List<Row> summaryRows(Dataset<Row> documents, JobOptions options) {
        List<Column> sums = new ArrayList<>(List.of(sum("characters"), sum("words")));
        for (String model : options.models()) {
            sums.add(sum(tokensColumn(model)));
            sums.add(options.context() == null ? lit(null).cast(DataTypes.LongType)
                    : sum(when(col(tokensColumn(model)).gt(options.context()), 1L).otherwise(0L)));
        }
        Row totals = documents.agg(count(lit(1)), sums.toArray(new Column[0])).first();
        long docs = totals.getLong(0);
        long characters = totals.isNullAt(1) ? 0 : totals.getLong(1);
        long words = totals.isNullAt(2) ? 0 : totals.getLong(2);
        long firstTokens = totals.isNullAt(3) ? 0 : totals.getLong(3);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < options.models().size(); i++) {
            long tokens = totals.isNullAt(3 + 2 * i) ? 0 : totals.getLong(3 + 2 * i);
            Long over = totals.isNullAt(4 + 2 * i) ? null : totals.getLong(4 + 2 * i);
            rows.add(RowFactory.create(options.models().get(i), docs, characters, words, tokens, rounded(tokens, words),
                    rounded(tokens, firstTokens), options.context(), over));
        }
        return rows;
    }

    /** {@code a / b} rounded half up to 4 places, as {@code tokenlab compare} prints it; null when {@code b} is 0. */
    private static Double rounded(long a, long b) {
        return b == 0 ? null : BigDecimal.valueOf((double) a / b).setScale(4, RoundingMode.HALF_UP).doubleValue();
    }

    private static Column ratio(Column a, Column b) {
        return when(b.notEqual(0), a.cast(DataTypes.DoubleType).divide(b));
    }

    private static void write(Dataset<Row> table, String format, String path) {
        table.write().mode(SaveMode.Overwrite).format(format).option("header", "true").save(path);
    }

    private static String tokensColumn(String model) {
        return "tokens_" + suffix(model);
    }

    /** A column-name form of a model: {@code llama3.1 → llama3_1}, a path by its file name. */
    static String suffix(String model) {
        String name = model.substring(model.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        return name.replaceAll("[^a-z0-9]+", "_");
    }

    private static String quoted(String column) {
        return "`" + column.replace("`", "``") + "`";
    }
}
