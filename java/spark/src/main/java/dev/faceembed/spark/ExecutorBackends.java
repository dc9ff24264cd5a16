package dev.faceembed.spark;

import dev.faceembed.Diagnostics;
import dev.faceembed.EmbeddingBackend;
import dev.faceembed.EmbeddingBackends;
import dev.faceembed.ModelException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The backends of this JVM (a Spark executor, or the driver in local mode): one per {@link ConfigSource}, created
 * on first use by a task, shared by every later task (backends are thread-safe), and closed when the JVM shuts down.
 * Loading a model or a TensorRT engine takes far longer than embedding one partition, so it must not happen per task.
 *
 * <p>A backend that fails to open is not remembered: the task fails, and its retry tries again. Before the first
 * backend of an executor opens, its native libraries are pointed at the executor's own folder
 * ({@link ExecutorNativeCache}).
 */
public final class ExecutorBackends {
    private static final Logger LOG = LoggerFactory.getLogger(ExecutorBackends.class);
    private static final Object LOCK = new Object();
    private static final Map<ConfigSource, ExecutorBackend> BACKENDS = new HashMap<>();
    private static boolean shutdownHookAdded;

    private ExecutorBackends() {
    }

    /**
     * The backend for {@code source}, opening it (with the configured backend and fallback rule) and loading its
     * model on first use. Tasks wait here while another task of the JVM opens the same backend.
     *
     * @throws dev.faceembed.BackendUnavailableException if the backend cannot run here and fallback is off
     * @throws dev.faceembed.config.ConfigException     if the configuration is invalid
     */
    static ExecutorBackend acquire(ConfigSource source) {
        synchronized (LOCK) {
            ExecutorBackend existing = BACKENDS.get(source);
            if (existing != null) {
                return existing;
            }
            ExecutorNativeCache.chooseForExecutor();
            ExecutorBackend opened = open(source);
            BACKENDS.put(source, opened);
            if (!shutdownHookAdded) {
                Runtime.getRuntime().addShutdownHook(
                        new Thread(ExecutorBackends::closeAll, "faceembed-backends-close"));
                shutdownHookAdded = true;
            }
            return opened;
        }
    }

    /**
     * {@link #acquire(ConfigSource)}, checking that the backend runs the model the driver read.
     *
     * @param modelSha256 the sha256 of the driver's model (recorded in the output column's metadata)
     * @throws dev.faceembed.ModelException if this executor's model file has other bytes
     */
    static ExecutorBackend acquire(ConfigSource source, String modelSha256) {
        ExecutorBackend backend = acquire(source);
        if (!backend.modelSha256().equals(modelSha256)) {
            // Same configuration, other bytes: a model path that holds different files on different machines.
            throw new ModelException("this executor's model " + backend.backend().diagnostics().model().location()
                    + " has sha256 " + backend.modelSha256() + ", but the driver's has " + modelSha256
                    + ": make every machine read the same model file (a shared path, or spark-submit --files)");
        }
        return backend;
    }

    /**
     * Closes every backend of this JVM, and the face pipelines built on them ({@link ExecutorPipelines}); tasks
     * still embedding fail with {@code BackendClosedException} (and are retried by Spark), later tasks open a new
     * backend. For tests and for applications that embed once and go on.
     */
    public static void closeAll() {
        // The pipelines first: their crop batches live in the backends' memory.
        ExecutorPipelines.closeAll();
        List<ExecutorBackend> closing;
        synchronized (LOCK) {
            closing = new ArrayList<>(BACKENDS.values());
            BACKENDS.clear();
        }
        for (ExecutorBackend backend : closing) {
            backend.backend().close();
        }
    }

    private static ExecutorBackend open(ConfigSource source) {
        long start = System.nanoTime();
        EmbeddingBackend backend = EmbeddingBackends.create(source.embeddingOptions());
        boolean success = false;
        try {
            backend.ensureReady();
            Diagnostics diagnostics = backend.diagnostics();
            LOG.info("faceembed backend {} on {} ({}-d, model {}, sha256 {}) opened in {} s{}",
                    diagnostics.backend().name(), diagnostics.backend().deviceDescription(),
                    diagnostics.model().embeddingDim(), diagnostics.model().name(), diagnostics.model().sha256(),
                    String.format(Locale.ROOT, "%.2f", (System.nanoTime() - start) / 1e9), diagnostics.fallback()
                            .map(f -> ", instead of " + f.requested() + ": " + f.reason()).orElse(""));
            ExecutorBackend opened = new ExecutorBackend(backend, diagnostics.backend().name(),
                    diagnostics.fallback().map(Diagnostics.Fallback::reason).orElse(null),
                    diagnostics.model().sha256());
            success = true;
            return opened;
        } finally {
            if (!success) {
                backend.close();
            }
        }
    }
}
