package dev.faceembed.onnxruntime;

import dev.faceembed.CropLayout;
import dev.faceembed.EmbeddingBackend;
import dev.faceembed.EmbeddingBackends;
import dev.faceembed.EmbeddingOptions;
import dev.faceembed.FaceBatch;
import dev.faceembed.model.ModelPrecision;
import dev.faceembed.model.ModelSpec;
import dev.faceembed.preprocess.SyntheticCrops;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bundled int8 model on ONNX Runtime 1.23.2 through our binding: it loads (QDQ at opset 13), says it is int8, gives
 * the same rows whatever the batch, and stays near the fp32 model. Its accuracy on real faces is measured by
 * tools/quantize/evaluate.py (models/README.md); these seeded crops are noise, on which the two drift more.
 */
class Int8ModelTest {
    private static final int COUNT = 16;
    private static final int DIM = 512;

    @Test
    void runsAsInt8AndStaysNearFp32() {
        try (Arena arena = Arena.ofConfined();
             EmbeddingBackend int8 = EmbeddingBackends.create(EmbeddingOptions.defaults()
                     .withModel(ModelSpec.bundled(ModelPrecision.INT8)));
             EmbeddingBackend fp32 = EmbeddingBackends.create(EmbeddingOptions.defaults())) {
            assertEquals("int8", int8.diagnostics().backend().precision());
            assertEquals("fr_feature_dynbatch_int8", int8.diagnostics().model().name());
            assertEquals("fp32", fp32.diagnostics().backend().precision());
            FaceBatch crops = int8.allocateBatch(arena, CropLayout.UINT8_HWC_RGB, COUNT);
            SyntheticCrops.fill(crops, 3);
            MemorySegment batched = arena.allocate((long) COUNT * DIM * Float.BYTES, 64);
            MemorySegment single = arena.allocate((long) COUNT * DIM * Float.BYTES, 64);
            MemorySegment reference = arena.allocate((long) COUNT * DIM * Float.BYTES, 64);
            int8.encodeInto(crops, batched);
            fp32.encodeInto(crops, reference);
            for (int i = 0; i < COUNT; i++) {
                int8.encodeInto(FaceBatch.wrap(crops.crop(i), CropLayout.UINT8_HWC_RGB, crops.size(), 1),
                        single.asSlice((long) i * DIM * Float.BYTES));
            }
            for (int row = 0; row < COUNT; row++) {
                assertTrue(cosine(batched, single, row) > 0.99999, "row " + row + " depends on the batch");
                double drift = cosine(batched, reference, row);
                assertTrue(drift > 0.8, "row " + row + ": cosine to fp32 " + drift);
            }
        }
    }

    private static double cosine(MemorySegment a, MemorySegment b, int row) {
        double dot = 0;
        for (int i = 0; i < DIM; i++) {
            long offset = ((long) row * DIM + i) * Float.BYTES;
            dot += a.get(ValueLayout.JAVA_FLOAT, offset) * b.get(ValueLayout.JAVA_FLOAT, offset);
        }
        return dot;
    }
}
