package dev.faceembed.spark;

import org.apache.spark.sql.SparkSession;

/**
 * The Spark session of the test JVM, shared by every test class (starting one takes seconds): local[2] on loopback
 * only, no UI. Executors of local mode run in this JVM, whose surefire argLine carries the module and native-access
 * flags; the extraJavaOptions say the same for a cluster.
 */
final class TestSpark {
    private static SparkSession session;

    private TestSpark() {
    }

    static synchronized SparkSession session() {
        if (session == null) {
            session = builder("local[2]").getOrCreate();
        }
        return session;
    }

    static SparkSession.Builder builder(String master) {
        return SparkSession.builder()
                .appName("faceembed-spark-test")
                .master(master)
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.ui.enabled", "false")
                .config("spark.ui.showConsoleProgress", "false")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.driver.extraJavaOptions", "--enable-native-access=ALL-UNNAMED")
                .config("spark.executor.extraJavaOptions", "--enable-native-access=ALL-UNNAMED");
    }
}
