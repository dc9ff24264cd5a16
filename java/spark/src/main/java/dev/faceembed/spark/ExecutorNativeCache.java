package dev.faceembed.spark;

import dev.faceembed.bindings.loader.ExtractionCache;
import org.apache.spark.SparkEnv;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a Spark executor extracts faceembed's native libraries (ONNX Runtime, the TensorRT shim): into its own
 * working directory, which the cluster manager creates for each executor and removes with it (a standalone worker's
 * {@code work/<app>/<executor>}, a YARN container's directory, a Kubernetes pod's work dir). The default cache under
 * {@code user.home} does not suit executors: YARN and Kubernetes often run them as users with no writable home, and
 * there every executor of a machine would share one folder. When the working directory is not writable, the
 * default chain applies ({@link ExtractionCache#standard()}: the user's cache, else a private folder in
 * {@code java.io.tmpdir}).
 *
 * <p>A cache set by the user ({@value ExtractionCache#ROOT_PROPERTY} in {@code spark.executor.extraJavaOptions}, or
 * {@value ExtractionCache#ROOT_VARIABLE} or {@value ExtractionCache#CACHE_DIR_VARIABLE} with
 * {@code spark.executorEnv}) wins. The driver, and local mode, whose executors run in the driver, keep the default.
 */
final class ExecutorNativeCache {
    private static final Logger LOG = LoggerFactory.getLogger(ExecutorNativeCache.class);
    /** The executor id of the driver, and of local mode's executor (Spark's own SparkContext.DRIVER_IDENTIFIER). */
    private static final String DRIVER = "driver";
    /** The folder the libraries go into, inside the working directory. */
    static final String FOLDER = "faceembed-native";

    private ExecutorNativeCache() {
    }

    /** Chooses the extraction folder of this executor JVM, once; call before its first backend opens. */
    static void chooseForExecutor() {
        if (isSet(System.getProperty(ExtractionCache.ROOT_PROPERTY))
                || isSet(System.getenv(ExtractionCache.ROOT_VARIABLE))
                || isSet(System.getenv(ExtractionCache.CACHE_DIR_VARIABLE))) {
            return;
        }
        SparkEnv env = SparkEnv.get();
        if (env == null || DRIVER.equals(env.executorId())) {
            return;
        }
        Path workingDirectory = Path.of("").toAbsolutePath();
        Optional<Path> root = folder(workingDirectory);
        if (root.isEmpty()) {
            LOG.info("the working directory {} is not writable: faceembed native libraries extract to the default "
                    + "cache (set {} to choose a folder)", workingDirectory, ExtractionCache.ROOT_PROPERTY);
            return;
        }
        System.setProperty(ExtractionCache.ROOT_PROPERTY, root.get().toString());
        LOG.info("faceembed native libraries extract to {} (set {} to choose another folder)", root.get(),
                ExtractionCache.ROOT_PROPERTY);
    }

    /** The working directory's folder, when the working directory is writable. */
    static Optional<Path> folder(Path workingDirectory) {
        return Files.isWritable(workingDirectory) ? Optional.of(workingDirectory.resolve(FOLDER)) : Optional.empty();
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }
}
