package dev.faceembed.trt;

import dev.faceembed.BackendUnavailableException;
import dev.faceembed.bindings.trt.FeException;
import dev.faceembed.bindings.trt.FeStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gets an engine onto its GPU: resolves it, loads it, and when TensorRT refuses a cached engine (built by another
 * TensorRT, for another GPU, or damaged past what the cache's checks see) evicts it from the local cache, builds it
 * again here and loads that, once. Every failure becomes a {@link BackendUnavailableException} naming the step, so
 * the fallback rule applies; none leaks as a raw shim error.
 */
final class EngineLoader {
    private static final Logger LOG = LoggerFactory.getLogger(EngineLoader.class);

    /** A loaded engine and how it was found. */
    record Loaded(ResolvedEngine resolved, EngineRuntime.LoadedEngine engine) {
    }

    private final EngineSupplier supplier;
    private final EngineRuntime runtime;

    EngineLoader(EngineSupplier supplier, EngineRuntime runtime) {
        this.supplier = supplier;
        this.runtime = runtime;
    }

    Loaded load(EngineRequest request) {
        ResolvedEngine resolved = supplier.resolve(request);
        try {
            return new Loaded(resolved, runtime.load(resolved.engine().plan(), resolved.gpu().index()));
        } catch (FeException first) {
            if (first.status() != FeStatus.TENSORRT) {
                throw unavailable(resolved, first);
            }
            LOG.warn("TensorRT refused engine {}: {}; building it again", resolved.engine().plan(),
                    first.getMessage());
            ResolvedEngine rebuilt = supplier.rebuild(request, resolved, first.getMessage());
            try {
                return new Loaded(rebuilt, runtime.load(rebuilt.engine().plan(), rebuilt.gpu().index()));
            } catch (FeException second) {
                throw new BackendUnavailableException(TensorRtProvider.NAME + ": TensorRT refused engine "
                        + resolved.engine().plan() + " (" + first.getMessage() + "), and the engine built again"
                        + " here failed to load too (" + second.getMessage() + ")", second);
            }
        }
    }

    private static BackendUnavailableException unavailable(ResolvedEngine resolved, FeException e) {
        String fix = e.status() == FeStatus.OUT_OF_MEMORY
                ? ": free GPU memory (other processes on " + resolved.gpu() + "?), or lower tensorrt.max_batch_size"
                : "";
        return new BackendUnavailableException(TensorRtProvider.NAME + ": loading engine "
                + resolved.engine().plan() + " onto " + resolved.gpu() + " failed: " + e.getMessage() + fix, e);
    }
}
