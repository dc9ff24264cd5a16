package dev.faceembed.preprocess;

import dev.faceembed.CropLayout;
import dev.faceembed.FaceBatch;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Reproducible uint8 crops for benchmarks and parity checks: byte {@code i} of a batch is the top byte of the
 * counter-based SplitMix64 output {@code mix(seed + (i + 1) * 0x9E3779B97F4A7C15)}. Any language can regenerate
 * them from the seed (tools/reference/make_reference_embeddings.py does, in NumPy).
 */
public final class SyntheticCrops {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private SyntheticCrops() {
    }

    /**
     * Fills all {@link FaceBatch#capacity()} crops of a uint8 batch; the count is left as it is.
     *
     * @param batch a {@link CropLayout#UINT8_HWC_RGB} batch
     * @param seed  the seed; the same seed gives the same bytes
     * @throws IllegalArgumentException if the batch is not uint8
     */
    public static void fill(FaceBatch batch, long seed) {
        if (batch.layout() != CropLayout.UINT8_HWC_RGB) {
            throw new IllegalArgumentException("synthetic crops are uint8 RGB, the batch is " + batch.layout());
        }
        MemorySegment data = batch.segment();
        long bytes = batch.capacity() * batch.cropBytes();
        for (long i = 0; i < bytes; i++) {
            data.set(ValueLayout.JAVA_BYTE, i, (byte) (mix(seed + (i + 1) * GOLDEN) >>> 56));
        }
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
