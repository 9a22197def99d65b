package dev.tokenlab.spark;

import org.apache.spark.sql.SparkSession;

import java.util.Map;

/**
 * A real Spark in local mode ({@code local[2]}), small and quiet. The test classes that register the functions by
 * code share one session ({@link #shared}); a class that needs its own configuration starts a fresh one
 * ({@link #fresh}), which ends the shared one first (one context per JVM).
 */
final class LocalSpark {
    private static SparkSession shared;

    private LocalSpark() {
    }

    /** The session shared by test classes, with {@link TokenlabFunctions#register} called on it. */
    static synchronized SparkSession shared() {
        if (shared == null || shared.sparkContext().isStopped()) {
            shared = start(Map.of());
            TokenlabFunctions.register(shared);
        }
        return shared;
    }

    /** A new session (and context) with {@code conf} added; stop it with {@link #stop}. */
    static synchronized SparkSession fresh(Map<String, String> conf) {
        stop(shared);
        shared = null;
        return start(conf);
    }

    /** Stops the session and its context. */
    static synchronized void stop(SparkSession spark) {
        if (spark != null) {
            spark.stop();
        }
        SparkSession.clearActiveSession();
        SparkSession.clearDefaultSession();
    }

    private static SparkSession start(Map<String, String> conf) {
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
}
