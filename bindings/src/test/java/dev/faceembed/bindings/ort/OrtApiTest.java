package dev.faceembed.bindings.ort;

import dev.faceembed.bindings.testing.OnnxModelWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.faceembed.bindings.ort.OrtApi.C_POINTER;
import static dev.faceembed.bindings.ort.OrtApi.C_SIZE_T;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Exercises every bound slot of {@link OrtApi} against the real library, with results that a function bound to the
 * wrong slot could not produce (or would crash on).
 */
class OrtApiTest {
    private static Arena arena;
    private static MemorySegment env;

    /** Z = X + Y, with X, Y and Z of shape [N, 3]. */
    private static final byte[] ADD_MODEL = new OnnxModelWriter()
            .input("X", OnnxModelWriter.FLOAT, "N", 3L)
            .input("Y", OnnxModelWriter.FLOAT, "N", 3L)
            .node("Add", List.of("X", "Y"), List.of("Z"))
            .output("Z", OnnxModelWriter.FLOAT, "N", 3L)
            .build();

    @BeforeAll
    static void createEnv() {
        arena = Arena.ofConfined();
        MemorySegment out = arena.allocate(C_POINTER);
        OrtStatus.check(OrtApi.CreateEnv(OrtApi.ORT_LOGGING_LEVEL_ERROR, arena.allocateFrom("OrtApiTest"), out));
        env = out.get(C_POINTER, 0);
        assertNotEquals(0L, env.address());
    }

    @AfterAll
    static void releaseEnv() {
        OrtApi.ReleaseEnv(env);
        arena.close();
    }

    @Test
    void apiVersionAndLibraryVersion() {
        OnnxRuntimeLibrary library = OnnxRuntimeLibrary.get();
        assertEquals("1.23.2", library.version());
        MemorySegment base = OrtApiBase.OrtGetApiBase(SymbolLookup.libraryLookup(Path.of(library.location()),
                Arena.global()).find("OrtGetApiBase").orElseThrow());
        assertEquals(library.version(), OrtApiBase.GetVersionString(base));
        assertNotEquals(0L, OrtApiBase.GetApi(base, OnnxRuntimeLibrary.API_VERSION).address());
        assertEquals(0L, OrtApiBase.GetApi(base, OnnxRuntimeLibrary.API_VERSION + 1).address(),
                "a newer API version than the library has must be refused with NULL");
        assertTrue(OrtApi.GetBuildInfoString().getString(0).contains("ORT Build Info"));
    }

    @Test
    void statusCarriesCodeAndMessageAndIsReleased() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment status = OrtApi.CreateStatus(OrtErrorCode.INVALID_GRAPH.value(), a.allocateFrom("boom"));
            OrtException e = assertThrows(OrtException.class, () -> OrtStatus.check(status));
            assertEquals(OrtErrorCode.INVALID_GRAPH, e.code());
            assertEquals("boom", e.ortMessage());

            MemorySegment unknown = OrtApi.CreateStatus(4242, a.allocateFrom("from the future"));
            OrtException u = assertThrows(OrtException.class, () -> OrtStatus.check(unknown));
            assertEquals(OrtErrorCode.UNKNOWN, u.code());
            assertEquals(4242, u.rawCode());
        }
        OrtStatus.check(MemorySegment.NULL);
    }

    @Test
    void missingModelFileIsNoSuchFile() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment options = sessionOptions(a);
            MemorySegment out = a.allocate(C_POINTER);
            OrtException e = assertThrows(OrtException.class, () -> OrtStatus.check(
                    OrtApi.CreateSession(env, a.allocateFrom("/nonexistent/model.onnx"), options, out)));
            assertEquals(OrtErrorCode.NO_SUCHFILE, e.code());
            assertTrue(e.getMessage().contains("/nonexistent/model.onnx"), e.getMessage());
            OrtApi.ReleaseSessionOptions(options);
        }
    }

    @Test
    void createSessionFromFileRuns(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("add.onnx");
        Files.write(file, ADD_MODEL);
        try (Arena a = Arena.ofConfined()) {
            MemorySegment options = sessionOptions(a);
            MemorySegment out = a.allocate(C_POINTER);
            OrtStatus.check(OrtApi.CreateSession(env, a.allocateFrom(file.toString()), options, out));
            MemorySegment session = out.get(C_POINTER, 0);
            assertArrayEquals(new float[]{11, 22, 33}, runAdd(a, session, 1, MemorySegment.NULL));
            OrtApi.ReleaseSession(session);
            OrtApi.ReleaseSessionOptions(options);
        }
    }

    @Test
    void sessionMetadataAndRunIntoCallerMemory() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment options = sessionOptions(a);
            MemorySegment session = sessionFromArray(a, ADD_MODEL, options);

            MemorySegment count = a.allocate(C_SIZE_T);
            OrtStatus.check(OrtApi.SessionGetInputCount(session, count));
            assertEquals(2L, count.get(C_SIZE_T, 0));
            OrtStatus.check(OrtApi.SessionGetOutputCount(session, count));
            assertEquals(1L, count.get(C_SIZE_T, 0));

            MemorySegment allocatorOut = a.allocate(C_POINTER);
            OrtStatus.check(OrtApi.GetAllocatorWithDefaultOptions(allocatorOut));
            MemorySegment allocator = allocatorOut.get(C_POINTER, 0);
            assertEquals(List.of("X", "Y"), List.of(inputName(a, session, allocator, 0), inputName(a, session, allocator, 1)));
            MemorySegment nameOut = a.allocate(C_POINTER);
            OrtStatus.check(OrtApi.SessionGetOutputName(session, 0, allocator, nameOut));
            assertEquals("Z", nameOut.get(C_POINTER, 0).getString(0));
            OrtStatus.check(OrtApi.AllocatorFree(allocator, nameOut.get(C_POINTER, 0)));

            assertShape(a, session, true, 1);
            assertShape(a, session, false, 0);

            float[] sums = runAdd(a, session, 2, MemorySegment.NULL);
            assertArrayEquals(new float[]{11, 22, 33, 44, 55, 66}, sums);

            OrtApi.ReleaseSession(session);
            OrtApi.ReleaseSessionOptions(options);
        }
    }

    @Test
    void terminatedRunOptionsStopTheRun() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment options = sessionOptions(a);
            MemorySegment session = sessionFromArray(a, ADD_MODEL, options);
            MemorySegment runOptionsOut = a.allocate(C_POINTER);
            OrtStatus.check(OrtApi.CreateRunOptions(runOptionsOut));
            MemorySegment runOptions = runOptionsOut.get(C_POINTER, 0);
            assertArrayEquals(new float[]{11, 22, 33}, runAdd(a, session, 1, runOptions));
            OrtStatus.check(OrtApi.RunOptionsSetTerminate(runOptions));
            OrtException e = assertThrows(OrtException.class, () -> runAdd(a, session, 1, runOptions));
            assertTrue(e.getMessage().toLowerCase().contains("terminate"), e.getMessage());
            OrtApi.ReleaseRunOptions(runOptions);
            OrtApi.ReleaseSession(session);
            OrtApi.ReleaseSessionOptions(options);
        }
    }

    @Test
    void sessionOptionSettersValidateTheirOwnArgument() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment options = sessionOptions(a);
            OrtStatus.check(OrtApi.SetSessionExecutionMode(options, OrtApi.ORT_PARALLEL));
            OrtStatus.check(OrtApi.SetSessionGraphOptimizationLevel(options, OrtApi.ORT_ENABLE_BASIC));
            OrtStatus.check(OrtApi.SetIntraOpNumThreads(options, 1));
            OrtStatus.check(OrtApi.SetInterOpNumThreads(options, 1));
            OrtStatus.check(OrtApi.AddSessionConfigEntry(options, a.allocateFrom("session.set_denormal_as_zero"),
                    a.allocateFrom("1")));

            OrtException level = assertThrows(OrtException.class,
                    () -> OrtStatus.check(OrtApi.SetSessionGraphOptimizationLevel(options, 42)));
            assertTrue(level.getMessage().contains("graph_optimization_level"), level.getMessage());
            OrtException key = assertThrows(OrtException.class, () -> OrtStatus.check(
                    OrtApi.AddSessionConfigEntry(options, a.allocateFrom(""), a.allocateFrom("1"))));
            assertTrue(key.getMessage().contains("Config key"), key.getMessage());
            OrtException mode = assertThrows(OrtException.class,
                    () -> OrtStatus.check(OrtApi.SetSessionExecutionMode(options, 42)));
            assertTrue(mode.getMessage().contains("execution_mode"), mode.getMessage());
            OrtApi.ReleaseSessionOptions(options);
        }
    }

    /**
     * The two thread-count setters share a signature, so a swapped slot would go unnoticed by a status check; the
     * number of pool threads a session starts tells them apart (intra-op threads exist in sequential mode, inter-op
     * threads only in parallel mode).
     */
    @Test
    void intraAndInterOpThreadCountsReachTheirOwnPools() throws IOException {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "counts threads through /proc (Linux)");
        try (Arena a = Arena.ofConfined()) {
            MemorySegment intra = sessionOptions(a);
            OrtStatus.check(OrtApi.SetIntraOpNumThreads(intra, 9));
            OrtStatus.check(OrtApi.SetInterOpNumThreads(intra, 1));
            assertTrue(threadsStartedBySession(a, intra) >= 8, "intra-op pool of 9 starts 8 threads");

            MemorySegment inter = sessionOptions(a);
            OrtStatus.check(OrtApi.SetIntraOpNumThreads(inter, 1));
            OrtStatus.check(OrtApi.SetInterOpNumThreads(inter, 9));
            assertTrue(threadsStartedBySession(a, inter) < 4, "sequential mode starts no inter-op pool");
            OrtStatus.check(OrtApi.SetSessionExecutionMode(inter, OrtApi.ORT_PARALLEL));
            assertTrue(threadsStartedBySession(a, inter) >= 8, "parallel mode starts the inter-op pool of 9");
            OrtApi.ReleaseSessionOptions(intra);
            OrtApi.ReleaseSessionOptions(inter);
        }
    }

    private static long threadsStartedBySession(Arena a, MemorySegment options) throws IOException {
        long before = threadCount();
        MemorySegment session = sessionFromArray(a, ADD_MODEL, options);
        long started = threadCount() - before;
        OrtApi.ReleaseSession(session);
        return started;
    }

    private static long threadCount() throws IOException {
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            return tasks.count();
        }
    }

    @Test
    void availableProvidersIncludeCpu() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment listOut = a.allocate(C_POINTER);
            MemorySegment lengthOut = a.allocate(ValueLayout.JAVA_INT);
            OrtStatus.check(OrtApi.GetAvailableProviders(listOut, lengthOut));
            int length = lengthOut.get(ValueLayout.JAVA_INT, 0);
            MemorySegment list = listOut.get(C_POINTER, 0);
            List<String> providers = new ArrayList<>();
            for (int i = 0; i < length; i++) {
                providers.add(list.getAtIndex(C_POINTER, i).getString(0));
            }
            OrtStatus.check(OrtApi.ReleaseAvailableProviders(list, length));
            assertTrue(providers.contains("CPUExecutionProvider"), providers.toString());
        }
    }

    /**
     * On the CPU build every CUDA and TensorRT provider function fails with its own provider's name (a swapped slot
     * would name the other provider); the release functions accept NULL.
     */
    @Test
    void gpuProviderFunctionsAnswerForTheirOwnProvider() {
        List<String> providers = new ArrayList<>();
        try (Arena a = Arena.ofConfined()) {
            MemorySegment listOut = a.allocate(C_POINTER);
            MemorySegment lengthOut = a.allocate(ValueLayout.JAVA_INT);
            OrtStatus.check(OrtApi.GetAvailableProviders(listOut, lengthOut));
            for (int i = 0; i < lengthOut.get(ValueLayout.JAVA_INT, 0); i++) {
                providers.add(listOut.get(C_POINTER, 0).getAtIndex(C_POINTER, i).getString(0));
            }
            OrtStatus.check(OrtApi.ReleaseAvailableProviders(listOut.get(C_POINTER, 0), providers.size()));
        }
        assumeTrue(!providers.contains("CUDAExecutionProvider"), "a GPU build of ONNX Runtime is loaded");
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(C_POINTER);
            MemorySegment keys = a.allocate(C_POINTER);
            keys.set(C_POINTER, 0, a.allocateFrom("device_id"));
            MemorySegment values = a.allocate(C_POINTER);
            values.set(C_POINTER, 0, a.allocateFrom("0"));
            MemorySegment allocator = a.allocate(C_POINTER);
            OrtStatus.check(OrtApi.GetAllocatorWithDefaultOptions(allocator));
            MemorySegment options = sessionOptions(a);

            assertFails("CUDA execution provider is not enabled", OrtApi.CreateCUDAProviderOptions(out));
            assertFails("CUDA execution provider is not enabled",
                    OrtApi.UpdateCUDAProviderOptions(MemorySegment.NULL, keys, values, 1));
            assertFails("CUDA execution provider is not enabled", OrtApi.GetCUDAProviderOptionsAsString(
                    MemorySegment.NULL, allocator.get(C_POINTER, 0), out));
            assertFails("AppendExecutionProvider_Cuda",
                    OrtApi.SessionOptionsAppendExecutionProvider_CUDA_V2(options, MemorySegment.NULL));
            OrtApi.ReleaseCUDAProviderOptions(MemorySegment.NULL);

            assertFails("TensorRT execution provider is not enabled", OrtApi.CreateTensorRTProviderOptions(out));
            assertFails("TensorRT execution provider is not enabled",
                    OrtApi.UpdateTensorRTProviderOptions(MemorySegment.NULL, keys, values, 1));
            assertFails("TensorRT execution provider is not enabled", OrtApi.GetTensorRTProviderOptionsAsString(
                    MemorySegment.NULL, allocator.get(C_POINTER, 0), out));
            assertFails("AppendExecutionProvider_TensorRT",
                    OrtApi.SessionOptionsAppendExecutionProvider_TensorRT_V2(options, MemorySegment.NULL));
            OrtApi.ReleaseTensorRTProviderOptions(MemorySegment.NULL);
            OrtApi.ReleaseSessionOptions(options);
        }
    }

    private static void assertFails(String fragment, MemorySegment status) {
        OrtException e = assertThrows(OrtException.class, () -> OrtStatus.check(status));
        assertTrue(e.getMessage().contains(fragment), "expected '" + fragment + "' in: " + e.getMessage());
    }

    private static MemorySegment sessionOptions(Arena a) {
        MemorySegment out = a.allocate(C_POINTER);
        OrtStatus.check(OrtApi.CreateSessionOptions(out));
        return out.get(C_POINTER, 0);
    }

    private static MemorySegment sessionFromArray(Arena a, byte[] model, MemorySegment options) {
        MemorySegment bytes = a.allocateFrom(ValueLayout.JAVA_BYTE, model);
        MemorySegment out = a.allocate(C_POINTER);
        OrtStatus.check(OrtApi.CreateSessionFromArray(env, bytes, bytes.byteSize(), options, out));
        return out.get(C_POINTER, 0);
    }

    private static String inputName(Arena a, MemorySegment session, MemorySegment allocator, int index) {
        MemorySegment out = a.allocate(C_POINTER);
        OrtStatus.check(OrtApi.SessionGetInputName(session, index, allocator, out));
        String name = out.get(C_POINTER, 0).getString(0);
        OrtStatus.check(OrtApi.AllocatorFree(allocator, out.get(C_POINTER, 0)));
        return name;
    }

    private static void assertShape(Arena a, MemorySegment session, boolean input, int index) {
        MemorySegment typeOut = a.allocate(C_POINTER);
        OrtStatus.check(input ? OrtApi.SessionGetInputTypeInfo(session, index, typeOut)
                : OrtApi.SessionGetOutputTypeInfo(session, index, typeOut));
        MemorySegment typeInfo = typeOut.get(C_POINTER, 0);
        MemorySegment tensorOut = a.allocate(C_POINTER);
        OrtStatus.check(OrtApi.CastTypeInfoToTensorInfo(typeInfo, tensorOut));
        MemorySegment tensor = tensorOut.get(C_POINTER, 0);

        MemorySegment elementType = a.allocate(ValueLayout.JAVA_INT);
        OrtStatus.check(OrtApi.GetTensorElementType(tensor, elementType));
        assertEquals(OrtApi.ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT, elementType.get(ValueLayout.JAVA_INT, 0));
        MemorySegment rank = a.allocate(C_SIZE_T);
        OrtStatus.check(OrtApi.GetDimensionsCount(tensor, rank));
        assertEquals(2L, rank.get(C_SIZE_T, 0));
        MemorySegment dims = a.allocate(ValueLayout.JAVA_LONG, 2);
        OrtStatus.check(OrtApi.GetDimensions(tensor, dims, 2));
        assertArrayEquals(new long[]{-1, 3}, dims.toArray(ValueLayout.JAVA_LONG));
        MemorySegment symbols = a.allocate(C_POINTER, 2);
        OrtStatus.check(OrtApi.GetSymbolicDimensions(tensor, symbols, 2));
        assertEquals("N", symbols.getAtIndex(C_POINTER, 0).getString(0));
        assertEquals("", symbols.getAtIndex(C_POINTER, 1).getString(0));
        OrtApi.ReleaseTypeInfo(typeInfo);
    }

    /** Runs the Add model on rows {1,2,3},{4,5,6},.. + {10,20,30},{40,50,60},.., the output bound to our memory. */
    private static float[] runAdd(Arena a, MemorySegment session, int rows, MemorySegment runOptions) {
        MemorySegment infoOut = a.allocate(C_POINTER);
        OrtStatus.check(OrtApi.CreateCpuMemoryInfo(OrtApi.OrtArenaAllocator, OrtApi.OrtMemTypeDefault, infoOut));
        MemorySegment info = infoOut.get(C_POINTER, 0);
        float[] x = new float[rows * 3];
        float[] y = new float[rows * 3];
        for (int i = 0; i < x.length; i++) {
            x[i] = i + 1;
            y[i] = 10 * (i + 1);
        }
        MemorySegment xs = a.allocateFrom(ValueLayout.JAVA_FLOAT, x);
        MemorySegment ys = a.allocateFrom(ValueLayout.JAVA_FLOAT, y);
        MemorySegment zs = a.allocate(ValueLayout.JAVA_FLOAT, x.length);
        MemorySegment shape = a.allocateFrom(ValueLayout.JAVA_LONG, rows, 3);
        MemorySegment values = a.allocate(C_POINTER, 3);
        OrtStatus.check(OrtApi.CreateTensorWithDataAsOrtValue(info, xs, xs.byteSize(), shape, 2,
                OrtApi.ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT, values.asSlice(0)));
        OrtStatus.check(OrtApi.CreateTensorWithDataAsOrtValue(info, ys, ys.byteSize(), shape, 2,
                OrtApi.ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT, values.asSlice(C_POINTER.byteSize())));
        OrtStatus.check(OrtApi.CreateTensorWithDataAsOrtValue(info, zs, zs.byteSize(), shape, 2,
                OrtApi.ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT, values.asSlice(2 * C_POINTER.byteSize())));
        MemorySegment inputNames = a.allocate(C_POINTER, 2);
        inputNames.setAtIndex(C_POINTER, 0, a.allocateFrom("X"));
        inputNames.setAtIndex(C_POINTER, 1, a.allocateFrom("Y"));
        MemorySegment outputNames = a.allocate(C_POINTER, 1);
        outputNames.setAtIndex(C_POINTER, 0, a.allocateFrom("Z"));
        try {
            OrtStatus.check(OrtApi.Run(session, runOptions, inputNames, values, 2, outputNames, 1,
                    values.asSlice(2 * C_POINTER.byteSize())));
            return zs.toArray(ValueLayout.JAVA_FLOAT);
        } finally {
            for (int i = 0; i < 3; i++) {
                OrtApi.ReleaseValue(values.getAtIndex(C_POINTER, i));
            }
            OrtApi.ReleaseMemoryInfo(info);
        }
    }
}
