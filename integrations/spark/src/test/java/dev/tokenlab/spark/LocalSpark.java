package dev.tokenlab.spark;

import org.apache.spark.sql.SparkSession;

import java.util.Map;

/** A real Spark in local mode ({@code local[2]}), small and quiet, for one test class at a time. */
final class LocalSpark {
    private LocalSpark() {
    }

    /** A new session (and context) with {@code conf} added; stop it with {@link #stop}. */
    static SparkSession start(Map<String, String> conf) {
        SparkSession.Builder builder = SparkSession.builder()
                .master("local[2]")
                .appName("tokenlab-spark-test")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.sql.warehouse.dir", "target/spark-warehouse");
        conf.forEach(builder::config);
        SparkSession spark = builder.getOrCreate();
        spark.sparkContext().setLogLevel("ERROR");
        return spark;
    }

    /** Stops the session and its context, so the next test class starts a fresh one with its own configuration. */
    static void stop(SparkSession spark) {
        if (spark != null) {
            spark.stop();
        }
        SparkSession.clearActiveSession();
        SparkSession.clearDefaultSession();
    }
}
