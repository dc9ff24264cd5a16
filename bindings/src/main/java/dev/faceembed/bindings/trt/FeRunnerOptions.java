package dev.faceembed.bindings.trt;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;

/**
 * Options of {@code fe_runner_create}. Fill a struct with {@link #init} (struct size and defaults: the engine's
 * max batch, 1 stream, no CUDA graphs, blocking waits, no warm-up, no layer profile, no timing), then the setters.
 * {@snippet lang = c:
 * typedef struct fe_runner_options {
 *     uint32_t struct_size; int32_t max_batch; int32_t streams; int32_t cuda_graphs; int32_t spin_wait;
 *     uint32_t warmup_layouts; int32_t profile_layers; int32_t timing;
 * } fe_runner_options;
 *}
 */
public final class FeRunnerOptions {
    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
            ValueLayout.JAVA_INT.withName("struct_size"),
            ValueLayout.JAVA_INT.withName("max_batch"),
            ValueLayout.JAVA_INT.withName("streams"),
            ValueLayout.JAVA_INT.withName("cuda_graphs"),
            ValueLayout.JAVA_INT.withName("spin_wait"),
            ValueLayout.JAVA_INT.withName("warmup_layouts"),
            ValueLayout.JAVA_INT.withName("profile_layers"),
            ValueLayout.JAVA_INT.withName("timing")).withName("fe_runner_options");

    private static final long STRUCT_SIZE = offset("struct_size");
    private static final long MAX_BATCH = offset("max_batch");
    private static final long STREAMS = offset("streams");
    private static final long CUDA_GRAPHS = offset("cuda_graphs");
    private static final long SPIN_WAIT = offset("spin_wait");
    private static final long WARMUP_LAYOUTS = offset("warmup_layouts");
    private static final long PROFILE_LAYERS = offset("profile_layers");
    private static final long TIMING = offset("timing");

    private FeRunnerOptions() {
    }

    /** Zeroes the struct and writes its size and the defaults. */
    public static void init(MemorySegment s) {
        s.asSlice(0, LAYOUT.byteSize()).fill((byte) 0);
        s.set(ValueLayout.JAVA_INT, STRUCT_SIZE, (int) LAYOUT.byteSize());
        s.set(ValueLayout.JAVA_INT, STREAMS, 1);
    }

    /** The largest chunk of a call; 0 for the engine's max batch. */
    public static void setMaxBatch(MemorySegment s, int maxBatch) {
        s.set(ValueLayout.JAVA_INT, MAX_BATCH, maxBatch);
    }

    public static void setStreams(MemorySegment s, int streams) {
        s.set(ValueLayout.JAVA_INT, STREAMS, streams);
    }

    public static void setCudaGraphs(MemorySegment s, boolean cudaGraphs) {
        s.set(ValueLayout.JAVA_INT, CUDA_GRAPHS, cudaGraphs ? 1 : 0);
    }

    public static void setSpinWait(MemorySegment s, boolean spinWait) {
        s.set(ValueLayout.JAVA_INT, SPIN_WAIT, spinWait ? 1 : 0);
    }

    /** {@code FE_WARMUP_*} bits. */
    public static void setWarmupLayouts(MemorySegment s, int layouts) {
        s.set(ValueLayout.JAVA_INT, WARMUP_LAYOUTS, layouts);
    }

    public static void setProfileLayers(MemorySegment s, boolean profileLayers) {
        s.set(ValueLayout.JAVA_INT, PROFILE_LAYERS, profileLayers ? 1 : 0);
    }

    public static void setTiming(MemorySegment s, boolean timing) {
        s.set(ValueLayout.JAVA_INT, TIMING, timing ? 1 : 0);
    }

    private static long offset(String field) {
        return LAYOUT.byteOffset(MemoryLayout.PathElement.groupElement(field));
    }
}
