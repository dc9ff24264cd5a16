package dev.faceembed.trt;

import dev.faceembed.CropLayout;
import dev.faceembed.CropSize;
import dev.faceembed.FaceBatch;
import dev.faceembed.bindings.trt.FaceembedTrt;
import dev.faceembed.bindings.trt.FaceembedTrtLibrary;
import dev.faceembed.bindings.trt.FeCheck;
import dev.faceembed.bindings.trt.FeException;
import dev.faceembed.bindings.trt.FePreprocess;
import dev.faceembed.bindings.trt.FeStatus;
import dev.faceembed.model.ModelSpec;
import dev.faceembed.model.Preprocessing;
import dev.faceembed.preprocess.CropConverter;
import dev.faceembed.preprocess.SyntheticCrops;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The shim as Java sees it, on any machine: loading, ABI, errors, and the CPU reference of its GPU kernels. */
class ShimTest {

    @BeforeAll
    static void shimIsBuilt() {
        assumeTrue(FaceembedTrtLibrary.isAvailable(), () -> "the shim is not built here ("
                + FaceembedTrtLibrary.unavailabilityCause().map(Throwable::getMessage).orElse("") + ")");
    }

    @Test
    void theShimLoadsWithTheExpectedAbiAndSaysWhatItWasBuiltWith() {
        assertEquals(FaceembedTrt.FE_ABI_VERSION, FaceembedTrt.fe_abi_version());
        String info = FaceembedTrt.fe_build_info().getString(0);
        assertTrue(info.contains("abi " + FaceembedTrt.FE_ABI_VERSION), info);
        assertTrue(info.contains("CUDA"), info);
    }

    @Test
    void aFailedCallCarriesTheArgumentItRejected() {
        FeException e = assertThrows(FeException.class, () -> FeCheck.check(
                FaceembedTrt.fe_device_count(MemorySegment.NULL), "fe_device_count"));
        assertEquals(FeStatus.INVALID_ARGUMENT, e.status());
        assertTrue(e.getMessage().contains("out"), e.getMessage());
        try (Arena arena = Arena.ofConfined()) {
            FeCheck.check(FaceembedTrt.fe_cuda_runtime_version(arena.allocate(ValueLayout.JAVA_INT)),
                    "fe_cuda_runtime_version");
            assertEquals("", FaceembedTrt.fe_last_error().getString(0), "success clears the message");
        }
    }

    /** The shim's CPU reference runs the same arithmetic as its preprocessing kernel; Java must agree with it. */
    @Test
    void thePreprocessingKernelMathEqualsJavasConversion() {
        Preprocessing pre = ModelSpec.bundledDefault().preprocessing();
        CropSize size = pre.cropSize();
        int count = 3;
        try (Arena arena = Arena.ofConfined()) {
            FaceBatch crops = FaceBatch.allocate(arena, CropLayout.UINT8_HWC_RGB, size, count);
            SyntheticCrops.fill(crops, 9);
            MemorySegment preprocess = arena.allocate(FePreprocess.LAYOUT);
            for (int plane = 0; plane < 3; plane++) {
                FePreprocess.setPlane(preprocess, plane, pre.channelOrder().rgbChannelOfPlane(plane),
                        pre.mean().get(plane).floatValue(), pre.std().get(plane).floatValue());
            }
            long floats = count * 3L * size.height() * size.width();
            MemorySegment shim = arena.allocate(floats * Float.BYTES);
            FeCheck.check(FaceembedTrt.fe_preprocess_reference(crops.segment(), count, size.height(), size.width(),
                    preprocess, shim), "fe_preprocess_reference");
            MemorySegment java = arena.allocate(floats * Float.BYTES);
            new CropConverter(pre, size).convert(crops.segment(), 0, count, java);
            assertArrayEquals(java.toArray(ValueLayout.JAVA_FLOAT), shim.toArray(ValueLayout.JAVA_FLOAT));
        }
    }

    @Test
    void theNormalisationKernelMathGivesUnitRowsAndKeepsZeroRows() {
        float[] rows = {3, 4, 0, 0, 0, 0, 1, 2, 2};
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment data = arena.allocateFrom(ValueLayout.JAVA_FLOAT, rows);
            FeCheck.check(FaceembedTrt.fe_l2_normalize_reference(data, 3, 3), "fe_l2_normalize_reference");
            assertArrayEquals(new float[]{0.6f, 0.8f, 0, 0, 0, 0, 1 / 3f, 2 / 3f, 2 / 3f},
                    data.toArray(ValueLayout.JAVA_FLOAT), 1e-7f);
        }
    }
}
