package dev.faceembed.bench;

import dev.faceembed.CropLayout;
import dev.faceembed.EmbeddingBackend;
import dev.faceembed.EmbeddingBackends;
import dev.faceembed.EmbeddingOptions;
import dev.faceembed.FaceBatch;

import java.lang.foreign.ValueLayout;

/** Our onnxruntime backend: {@code encodeInto} of uint8 or float32 crops into off-heap output. */
final class FaceembedImplementation implements Implementation {
    private final EmbeddingBackend backend;
    private final CropLayout layout;

    FaceembedImplementation(EmbeddingOptions options, CropLayout layout) {
        this.backend = EmbeddingBackends.create(options);
        this.backend.ensureReady();
        this.layout = layout;
    }

    int dim() {
        return backend.embeddingDim();
    }

    @Override
    public float embed(Crops crops) {
        FaceBatch batch = layout == CropLayout.UINT8_HWC_RGB ? crops.uint8 : crops.float32;
        backend.encodeInto(batch, crops.out);
        return crops.out.get(ValueLayout.JAVA_FLOAT, 0);
    }

    @Override
    public void close() {
        backend.close();
    }
}
