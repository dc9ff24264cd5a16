package dev.faceembed;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a backend is and how it runs, for logs, {@code embed info} and the CLI's JSON output.
 *
 * @param backend          the backend that runs ({@code onnxruntime} or {@code tensorrt})
 * @param requestedBackend the backend that was asked for (differs from {@code backend} after a fallback)
 * @param fallbackReason   why the requested backend is not the one running, naming the failed step and the fix;
 *                         empty when there was no fallback
 * @param device           where inference runs, e.g. {@code cpu} or {@code cuda:0 (NVIDIA H100)}
 * @param precision        {@code fp32} or {@code fp16}
 * @param maxBatchSize     most crops per native run; larger batches are split
 * @param embeddingDim     floats per embedding
 * @param modelName        the model's name
 * @param modelLocation    file path or class path resource of the model
 * @param modelSha256      sha256 of the model's bytes
 * @param enginePath       the TensorRT engine file in use, or empty
 * @param versions         versions of the components in use (faceembed, ONNX Runtime, ...)
 * @param settings         the settings that decide speed (threads, optimisation level, denormal flushing, ...)
 */
public record Diagnostics(String backend, String requestedBackend, String fallbackReason, String device,
                          String precision, int maxBatchSize, int embeddingDim, String modelName,
                          String modelLocation, String modelSha256, String enginePath, Map<String, String> versions,
                          Map<String, String> settings) {
    public Diagnostics {
        versions = Collections.unmodifiableMap(new LinkedHashMap<>(versions));
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /** The same diagnostics for a backend that runs in place of {@code requested} because of {@code reason}. */
    public Diagnostics withFallback(String requested, String reason) {
        return new Diagnostics(backend, requested, reason, device, precision, maxBatchSize, embeddingDim, modelName,
                modelLocation, modelSha256, enginePath, versions, settings);
    }
}
