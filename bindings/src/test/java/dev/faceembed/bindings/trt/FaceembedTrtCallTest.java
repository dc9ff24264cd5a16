package dev.faceembed.bindings.trt;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

import static dev.faceembed.bindings.trt.FaceembedTrt.C_POINTER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The bindings against the shim CMake built (build/native/libfaceembed_trt.so), on any machine: each call goes
 * through the shim's argument checks, whose messages name the field they read, so a struct field written at the
 * wrong offset or a downcall with the wrong signature shows up here without a GPU. Skipped when the shim is not
 * built.
 */
class FaceembedTrtCallTest {
    private static final Path BUILT = Path.of("..", "build", "native", "libfaceembed_trt.so");

    @BeforeAll
    static void shimIsBuilt() {
        if (System.getProperty(FaceembedTrtLibrary.PATH_PROPERTY) == null && Files.isRegularFile(BUILT)) {
            System.setProperty(FaceembedTrtLibrary.PATH_PROPERTY, BUILT.toAbsolutePath().normalize().toString());
        }
        assumeTrue(FaceembedTrtLibrary.isAvailable(), () -> "the shim is not built here ("
                + FaceembedTrtLibrary.unavailabilityCause().map(Throwable::getMessage).orElse("") + ")");
    }

    private static FeException failure(int status, String function) {
        return assertThrows(FeException.class, () -> FeCheck.check(status, function));
    }

    private static void assertInvalid(int status, String part) {
        FeException e = failure(status, "call");
        assertEquals(FeStatus.INVALID_ARGUMENT, e.status(), e.getMessage());
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }

    @Test
    void theAbiIsTheOneBound() {
        assertEquals(FaceembedTrt.FE_ABI_VERSION, FaceembedTrt.fe_abi_version());
        assertTrue(FaceembedTrt.fe_build_info().getString(0).startsWith("faceembed_trt abi 2; "));
    }

    @Test
    void deviceAndPinnedMemoryFunctionsCheckTheirArguments() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment free = arena.allocate(ValueLayout.JAVA_LONG);
            MemorySegment total = arena.allocate(ValueLayout.JAVA_LONG);
            assertInvalid(FaceembedTrt.fe_device_memory_get(-1, free, total), "device must be >= 0, got -1");
            assertInvalid(FaceembedTrt.fe_device_memory_get(0, MemorySegment.NULL, total), "free_bytes");
            MemorySegment out = arena.allocate(C_POINTER);
            assertInvalid(FaceembedTrt.fe_host_alloc(-3, 64, out), "device must be >= 0, got -3");
            assertInvalid(FaceembedTrt.fe_host_alloc(0, 0, out), "bytes must be > 0");
            assertInvalid(FaceembedTrt.fe_device_info_get(-1, arena.allocate(FeDeviceInfo.LAYOUT)), "device");
        }
    }

    @Test
    void tensorRtQueriesNeedALoadedTensorRt() {
        try (Arena arena = Arena.ofConfined()) {
            int status = FaceembedTrt.fe_tensorrt_versions_get(arena.allocate(FeTensorRtVersions.LAYOUT));
            FeStatus s = failure(status, "fe_tensorrt_versions_get").status();
            assertTrue(s == FeStatus.NO_TENSORRT || s == FeStatus.NOT_BUILT, s.name());
            status = FaceembedTrt.fe_tensorrt_libraries(arena.allocate(C_POINTER));
            s = failure(status, "fe_tensorrt_libraries").status();
            assertTrue(s == FeStatus.NO_TENSORRT || s == FeStatus.NOT_BUILT, s.name());
            FeCheck.check(FaceembedTrt.fe_tensorrt_load_plugins(MemorySegment.NULL, 0), "fe_tensorrt_load_plugins");
            MemorySegment paths = arena.allocate(C_POINTER, 2);
            paths.setAtIndex(C_POINTER, 0, arena.allocateFrom("libplugin.so"));
            assertInvalid(FaceembedTrt.fe_tensorrt_load_plugins(paths, 2), "paths[1] must not be NULL");
        }
    }

    /** Builds with valid options changed by {@code change}, and expects the shim to reject the field it names. */
    private static void assertBuildRejects(Consumer<MemorySegment> change, String part) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment profiles = arena.allocate(FeProfile.LAYOUT, 2);
            FeProfile.set(profiles, 0, 1, 4, 8);
            FeProfile.set(profiles, 1, 9, 32, 64);
            MemorySegment options = arena.allocate(FeBuildOptions.LAYOUT);
            FeBuildOptions.init(options);
            FeBuildOptions.setPrecision(options, FaceembedTrt.FE_PRECISION_INT8);
            FeBuildOptions.setTf32(options, true);
            FeBuildOptions.setHardwareCompatibility(options, FaceembedTrt.FE_HARDWARE_COMPAT_SAME_COMPUTE_CAPABILITY);
            FeBuildOptions.setOptimizationLevel(options, 5);
            FeBuildOptions.setProfiles(options, profiles, 2);
            FeBuildOptions.setWorkspaceBytes(options, 1L << 30);
            FeBuildOptions.setTimingCachePath(options, MemorySegment.NULL);
            change.accept(options);
            MemorySegment plan = arena.allocate(C_POINTER);
            MemorySegment size = arena.allocate(FaceembedTrt.C_SIZE_T);
            assertInvalid(FaceembedTrt.fe_engine_build(arena.allocateFrom("model.onnx"), options, plan, size), part);
        }
    }

    @Test
    void buildOptionsAreReadWhereJavaWritesThem() {
        assertBuildRejects(o -> FeBuildOptions.setDevice(o, -2), "options->device must be >= 0, got -2");
        assertBuildRejects(o -> FeBuildOptions.setPrecision(o, 7), "options->precision");
        assertBuildRejects(o -> FeBuildOptions.setHardwareCompatibility(o, 5), "options->hardware_compatibility");
        assertBuildRejects(o -> FeBuildOptions.setOptimizationLevel(o, 6), "options->optimization_level");
        assertBuildRejects(o -> FeBuildOptions.setProfiles(o, MemorySegment.NULL, 1), "options->profiles must not");
        assertBuildRejects(o -> FeBuildOptions.setProfiles(o, o, 9), "options->profile_count must be 1..8, got 9");
        long profiles = FeBuildOptions.LAYOUT.byteOffset(MemoryLayout.PathElement.groupElement("profiles"));
        assertBuildRejects(o -> FeProfile.set(o.get(C_POINTER, profiles).reinterpret(24), 1, 5, 4, 8),
                "options->profiles[1] must satisfy 1 <= min_batch <= opt_batch <= max_batch, got 5 / 4 / 8");
        assertBuildRejects(o -> o.set(ValueLayout.JAVA_INT, 0, 8), "options->struct_size is 8");
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment path = arena.allocateFrom("");
            assertBuildRejects(o -> FeBuildOptions.setTimingCachePath(o, path), "options->timing_cache_path");
        }
    }

    @Test
    void runnerOptionsAreReadWhereJavaWritesThem() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment options = arena.allocate(FeRunnerOptions.LAYOUT);
            MemorySegment preprocess = arena.allocate(FePreprocess.LAYOUT);
            for (int plane = 0; plane < 3; plane++) {
                FePreprocess.setPlane(preprocess, plane, 2 - plane, 127.5f, 0.0f);
            }
            // Never dereferenced: the shim checks every argument before it touches the engine.
            MemorySegment notAnEngine = arena.allocate(64);
            MemorySegment out = arena.allocate(C_POINTER);
            FeRunnerOptions.init(options);
            FeRunnerOptions.setMaxBatch(options, 64);
            FeRunnerOptions.setStreams(options, 2);
            FeRunnerOptions.setCudaGraphs(options, true);
            FeRunnerOptions.setSpinWait(options, true);
            FeRunnerOptions.setWarmupLayouts(options,
                    FaceembedTrt.FE_WARMUP_UINT8_HWC_RGB | FaceembedTrt.FE_WARMUP_FLOAT32_NCHW);
            FeRunnerOptions.setProfileLayers(options, true);
            FeRunnerOptions.setTiming(options, true);
            // Every option is valid, so the first complaint is the preprocessing's std of 0.
            assertInvalid(FaceembedTrt.fe_runner_create(notAnEngine, options, preprocess, out), "preprocess.std[0]");
            FeRunnerOptions.setStreams(options, 65);
            assertInvalid(FaceembedTrt.fe_runner_create(notAnEngine, options, preprocess, out),
                    "options->streams must be 1..64, got 65");
            FeRunnerOptions.setStreams(options, 1);
            FeRunnerOptions.setWarmupLayouts(options, 4);
            assertInvalid(FaceembedTrt.fe_runner_create(notAnEngine, options, preprocess, out),
                    "options->warmup_layouts");
            FeRunnerOptions.setWarmupLayouts(options, 0);
            FeRunnerOptions.setMaxBatch(options, -1);
            assertInvalid(FaceembedTrt.fe_runner_create(notAnEngine, options, preprocess, out), "options->max_batch");
        }
    }

    @Test
    void runnerQueriesCheckTheirArguments() {
        try (Arena arena = Arena.ofConfined()) {
            assertInvalid(FaceembedTrt.fe_runner_describe(MemorySegment.NULL, arena.allocate(FeRunnerInfo.LAYOUT)),
                    "fe_runner_describe: runner must not be NULL");
            assertInvalid(FaceembedTrt.fe_runner_last_timing(MemorySegment.NULL, arena.allocate(FeRunTiming.LAYOUT)),
                    "fe_runner_last_timing: runner must not be NULL");
            assertInvalid(FaceembedTrt.fe_runner_diagnostics(MemorySegment.NULL, arena.allocate(C_POINTER)),
                    "fe_runner_diagnostics: runner must not be NULL");
            assertInvalid(FaceembedTrt.fe_runner_profile_json(arena.allocate(64), 3, arena.allocate(C_POINTER)),
                    "reset must be 0 or 1, got 3");
        }
    }

    @Test
    void structHelpersFormatWhatTheyRead() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment info = arena.allocate(FeDeviceInfo.LAYOUT);
            long uuid = FeDeviceInfo.LAYOUT.byteOffset(MemoryLayout.PathElement.groupElement("uuid"));
            for (int i = 0; i < 16; i++) {
                info.set(ValueLayout.JAVA_BYTE, uuid + i, (byte) (0xa0 + i));
            }
            info.set(ValueLayout.JAVA_INT, FeDeviceInfo.LAYOUT.byteOffset(MemoryLayout.PathElement.groupElement(
                    "pci_bus")), 0x41);
            assertEquals("GPU-a0a1a2a3-a4a5-a6a7-a8a9-aaabacadaeaf", FeDeviceInfo.uuid(info));
            assertEquals("00000000:41:00.0", FeDeviceInfo.pciBusId(info));
            assertEquals("10.16.0", FeTensorRtVersions.text(101600));
        }
    }
}
