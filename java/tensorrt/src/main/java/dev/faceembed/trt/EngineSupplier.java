package dev.faceembed.trt;

/**
 * Where opening the tensorrt backend gets its engine: {@link EngineResolver} (the engine cache and the builder);
 * tests stand in for it where what they check is the JVM side of a failing load.
 */
interface EngineSupplier {

    /** A usable engine for the request, from the cache or built. */
    ResolvedEngine resolve(EngineRequest request);

    /**
     * After TensorRT refused {@code refused} (it passed the cache's checks, yet does not deserialise here): removes it
     * from the local cache and builds it again on this machine, without asking S3 (whose copy is the one refused).
     */
    ResolvedEngine rebuild(EngineRequest request, ResolvedEngine refused, String reason);
}
