package dev.faceembed.trt;

import dev.faceembed.cache.CachedEngine;
import dev.faceembed.cache.EngineKey;
import dev.faceembed.model.LoadedModel;

/**
 * A usable engine and everything that led to it.
 *
 * @param environment the GPU environment probed
 * @param gpu         the device it is for
 * @param model       the model it was built from
 * @param key         its cache key
 * @param engine      the validated plan file in the cache, and where it came from
 */
public record ResolvedEngine(GpuEnvironment environment, GpuDevice gpu, LoadedModel model, EngineKey key,
                             CachedEngine engine) {
}
