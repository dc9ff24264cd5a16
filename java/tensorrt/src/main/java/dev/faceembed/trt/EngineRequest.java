package dev.faceembed.trt;

import dev.faceembed.Device;
import dev.faceembed.cache.LookupPolicy;
import dev.faceembed.model.ModelSpec;

import java.util.Objects;

/**
 * An engine to find or build: the model on a GPU with the engine settings.
 *
 * @param model    the ONNX model
 * @param device   the CUDA device
 * @param options  precision, batch profile, workspace, cache locations
 * @param minBatch the bottom of the batch profile
 * @param policy   whether a missing engine may be built, and whether a built one is uploaded
 */
public record EngineRequest(ModelSpec model, Device device, TensorRtOptions options, int minBatch,
                            LookupPolicy policy) {
    /** Checks that the profile's smallest batch is 1 to the opt batch. */
    public EngineRequest {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(policy, "policy");
        int opt = options.engine().optBatchSize();
        if (minBatch < 1 || minBatch > opt) {
            throw new IllegalArgumentException("the smallest batch of the profile must be 1.." + opt
                    + " (the opt batch), got " + minBatch);
        }
    }

    /**
     * What opening the backend asks for: a batch profile from 1, built if missing, uploaded if configured.
     *
     * @param model   the model
     * @param device  the GPU
     * @param options the backend's options
     * @return the request
     */
    public static EngineRequest forBackend(ModelSpec model, Device device, TensorRtOptions options) {
        return new EngineRequest(model, device, options, 1, options.storage().engineS3Upload()
                ? LookupPolicy.buildAndUpload() : LookupPolicy.buildIfMissing());
    }
}
