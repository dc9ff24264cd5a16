package dev.faceembed.spark;

import dev.faceembed.detect.FaceDetector;
import dev.faceembed.detect.FacePipeline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The face pipelines of this JVM (a Spark executor, or the driver in local mode): one per open backend of
 * {@link ExecutorBackends}, built on that backend, so that an executor running both the crop and the photo stage
 * loads the embedding model once. The detector and landmark models are loaded by the first task that needs them and
 * shared by the later ones (pipelines are thread-safe). {@link ExecutorBackends#closeAll()} closes them, before the
 * backends they use.
 */
final class ExecutorPipelines {
    private static final Logger LOG = LoggerFactory.getLogger(ExecutorPipelines.class);
    private static final Object LOCK = new Object();
    private static final Map<ExecutorBackend, Shared> PIPELINES = new HashMap<>();

    /** A pipeline and the detector it owns (the backend belongs to {@link ExecutorBackends}). */
    private record Shared(FaceDetector detector, FacePipeline pipeline) {
    }

    private ExecutorPipelines() {
    }

    /**
     * The pipeline over {@code backend} with the detection settings of {@code source} (the configuration that
     * backend was opened with), opening the detector on first use.
     *
     * @throws dev.faceembed.config.ConfigException if the detection settings are invalid
     */
    static FacePipeline acquire(ConfigSource source, ExecutorBackend backend) {
        synchronized (LOCK) {
            Shared existing = PIPELINES.get(backend);
            if (existing != null) {
                return existing.pipeline();
            }
            long start = System.nanoTime();
            FaceDetector detector = FaceDetector.open(source.load());
            boolean success = false;
            try {
                Shared opened = new Shared(detector, FacePipeline.of(detector, backend.backend()));
                PIPELINES.put(backend, opened);
                success = true;
                LOG.info("faceembed face detector opened in {} s", String.format(Locale.ROOT, "%.2f",
                        (System.nanoTime() - start) / 1e9));
                return opened.pipeline();
            } finally {
                if (!success) {
                    detector.close();
                }
            }
        }
    }

    /** Closes every pipeline and its detector; calls in progress finish first. */
    static void closeAll() {
        List<Shared> closing;
        synchronized (LOCK) {
            closing = new ArrayList<>(PIPELINES.values());
            PIPELINES.clear();
        }
        for (Shared shared : closing) {
            shared.pipeline().close();
            shared.detector().close();
        }
    }
}
