package dev.faceembed.bench;

import dev.faceembed.CropLayout;
import dev.faceembed.CropSize;
import dev.faceembed.FaceBatch;
import dev.faceembed.model.Preprocessing;
import dev.faceembed.preprocess.CropConverter;
import dev.faceembed.preprocess.SyntheticCrops;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * The same seeded crops in every form the implementations take: off-heap uint8 and float32 batches (ours), a direct
 * FloatBuffer and a {@code float[][][][]} (ONNX Runtime's Java API), plus output buffers. One per benchmark thread.
 */
final class Crops implements AutoCloseable {
    final int count;
    final CropSize size;
    final FaceBatch uint8;
    final FaceBatch float32;
    final FloatBuffer direct;
    final float[][][][] array;
    final MemorySegment out;
    final float[] outArray;
    private final Arena arena = Arena.ofShared();

    Crops(int count, CropSize size, Preprocessing preprocessing, int dim, long seed) {
        this.count = count;
        this.size = size;
        uint8 = FaceBatch.allocate(arena, CropLayout.UINT8_HWC_RGB, size, count);
        SyntheticCrops.fill(uint8, seed);
        float32 = FaceBatch.allocate(arena, CropLayout.FLOAT32_NCHW, size, count);
        new CropConverter(preprocessing, size).convert(uint8.segment(), 0, count, float32.segment());
        long floats = (long) count * 3 * size.height() * size.width();
        direct = float32.segment().asSlice(0, floats * Float.BYTES).asByteBuffer().order(ByteOrder.nativeOrder())
                .asFloatBuffer();
        array = new float[count][3][size.height()][size.width()];
        for (int n = 0; n < count; n++) {
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < size.height(); y++) {
                    for (int x = 0; x < size.width(); x++) {
                        long i = (((long) n * 3 + c) * size.height() + y) * size.width() + x;
                        array[n][c][y][x] = float32.segment().getAtIndex(ValueLayout.JAVA_FLOAT, i);
                    }
                }
            }
        }
        out = arena.allocate((long) count * dim * Float.BYTES, 64);
        outArray = new float[count * dim];
    }

    /** L2-normalises {@code dim}-float rows in place, as our backends do on the way out. */
    static void normalise(float[] rows, int dim) {
        for (int r = 0; r < rows.length / dim; r++) {
            double sum = 0;
            for (int i = 0; i < dim; i++) {
                sum += (double) rows[r * dim + i] * rows[r * dim + i];
            }
            float scale = (float) (1 / Math.sqrt(sum));
            for (int i = 0; i < dim; i++) {
                rows[r * dim + i] *= scale;
            }
        }
    }

    @Override
    public void close() {
        arena.close();
    }
}
