package dev.faceembed.onnxruntime;

import dev.faceembed.BackendClosedException;
import dev.faceembed.CropLayout;
import dev.faceembed.CropSize;
import dev.faceembed.Device;
import dev.faceembed.EmbeddingBackend;
import dev.faceembed.EmbeddingException;
import dev.faceembed.FaceBatch;
import dev.faceembed.InvalidInputException;
import dev.faceembed.ModelException;
import dev.faceembed.bindings.testing.OnnxModelWriter;
import dev.faceembed.model.ModelSpec;
import dev.faceembed.testing.NativeHeap;
import dev.faceembed.testing.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Ten thousand failing calls of each kind, in native code and before it, must not leak native memory (measured with
 * glibc's malloc statistics) nor crash the JVM. Each round also makes one good call, so failures are interleaved
 * with the normal path.
 */
class FailureLeakTest {
    private static final int WARM_UP_ROUNDS = 4_000;
    private static final int WINDOWS = 7;
    private static final int ROUNDS_PER_WINDOW = 2_000;
    /** 64 bytes per round: far below any real leak (one unreleased OrtStatus is over 100 bytes). */
    private static final long ALLOWED_GROWTH = 64L * ROUNDS_PER_WINDOW;

    @TempDir
    Path dir;

    @Test
    void failingCallsLeakNothing() {
        assumeTrue(NativeHeap.isAvailable(), "needs glibc's mallinfo2 to count native allocations");
        ModelSpec notOnnx = ModelSpec.file(TestModels.write(dir, "text.onnx", "not a model".getBytes()),
                TestModels.TINY);
        // Reshape of 48 values to [-1, 47] loads fine but fails inside Run on every call.
        ModelSpec failsAtRun = ModelSpec.file(TestModels.write(dir, "bad-reshape.onnx", new OnnxModelWriter()
                .input("x", OnnxModelWriter.FLOAT, "N", 3L, 4L, 4L)
                .initializer("target", new long[]{2}, new long[]{-1, 47})
                .node("Flatten", List.of("x"), List.of("flat"))
                .node("Reshape", List.of("flat", "target"), List.of("out"))
                .output("out", OnnxModelWriter.FLOAT, "N", 47L)
                .build()), TestModels.TINY);
        try (Arena arena = Arena.ofConfined();
             EmbeddingBackend good = new OnnxRuntimeBackend(TestModels.flatten(dir, "N"), OnnxRuntimeOptions.defaults(), Device.cpu(), 8);
             EmbeddingBackend failing = new OnnxRuntimeBackend(failsAtRun, OnnxRuntimeOptions.defaults(), Device.cpu(), 8)) {
            FaceBatch nan = FaceBatch.allocate(arena, CropLayout.FLOAT32_NCHW, new CropSize(4, 4), 2);
            nan.segment().setAtIndex(ValueLayout.JAVA_FLOAT, 5, Float.NaN);
            FaceBatch wrongSize = FaceBatch.allocate(arena, CropLayout.UINT8_HWC_RGB, new CropSize(8, 8), 1);
            FaceBatch fine = FaceBatch.allocate(arena, CropLayout.UINT8_HWC_RGB, new CropSize(4, 4), 2);
            MemorySegment out = arena.allocate(2 * 48 * 4);
            EmbeddingBackend closed = new OnnxRuntimeBackend(TestModels.flatten(dir, "N"), OnnxRuntimeOptions.defaults(), Device.cpu(), 8);
            closed.close();

            Runnable round = () -> {
                assertThrows(ModelException.class,
                        () -> new OnnxRuntimeBackend(notOnnx, OnnxRuntimeOptions.defaults(), Device.cpu(), 8).ensureReady());
                assertThrows(EmbeddingException.class, () -> failing.encodeInto(fine, out));
                assertThrows(InvalidInputException.class, () -> good.encodeInto(nan, out));
                assertThrows(InvalidInputException.class, () -> good.encodeInto(wrongSize, out));
                assertThrows(BackendClosedException.class, () -> closed.encodeInto(fine, out));
                good.encodeInto(fine, out);
            };
            for (int i = 0; i < WARM_UP_ROUNDS; i++) {
                round.run();
            }
            long[] growth = new long[WINDOWS];
            for (int w = 0; w < WINDOWS; w++) {
                long before = NativeHeap.allocatedBytes();
                for (int i = 0; i < ROUNDS_PER_WINDOW; i++) {
                    round.run();
                }
                growth[w] = NativeHeap.allocatedBytes() - before;
            }
            // A leak raises the native heap in every window; the JVM's own malloc use (JIT arenas and their caches)
            // moves it up or down in one-off steps. So the median window is the measure.
            long median = Arrays.stream(growth).sorted().toArray()[WINDOWS / 2];
            System.out.println("native heap growth per window of " + ROUNDS_PER_WINDOW + " rounds of failing calls: "
                    + Arrays.toString(growth));
            assertTrue(median < ALLOWED_GROWTH, "native heap grew by a median " + median + " bytes per window of "
                    + ROUNDS_PER_WINDOW + " rounds of failing calls: " + Arrays.toString(growth));
        }
    }
}
