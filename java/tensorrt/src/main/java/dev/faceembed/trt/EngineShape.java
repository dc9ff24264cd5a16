package dev.faceembed.trt;

import dev.faceembed.CropSize;
import dev.faceembed.cache.BatchProfile;

import java.util.List;

/**
 * What a loaded engine takes and gives, read from the engine itself.
 *
 * @param cropSize        H x W of its input {@code [N, 3, H, W]}
 * @param embeddingDim    D of its output {@code [N, D]}
 * @param maxBatch        the largest batch of any of its profiles: the largest chunk of a call
 * @param profiles        its optimisation profiles
 * @param activationBytes device memory one execution context needs for activations
 */
record EngineShape(CropSize cropSize, int embeddingDim, int maxBatch, List<BatchProfile> profiles,
                   long activationBytes) {
    EngineShape {
        profiles = List.copyOf(profiles);
    }
}
