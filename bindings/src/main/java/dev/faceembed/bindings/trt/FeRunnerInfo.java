package dev.faceembed.bindings.trt;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;

/**
 * What {@code fe_runner_describe} reports.
 * {@snippet lang = c:
 * typedef struct fe_runner_info {
 *     int32_t max_batch; int32_t streams; int32_t cuda_graphs; int32_t graphs_captured; uint64_t device_bytes;
 *     uint64_t pinned_bytes;
 * } fe_runner_info;
 *}
 */
public final class FeRunnerInfo {
    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
            ValueLayout.JAVA_INT.withName("max_batch"),
            ValueLayout.JAVA_INT.withName("streams"),
            ValueLayout.JAVA_INT.withName("cuda_graphs"),
            ValueLayout.JAVA_INT.withName("graphs_captured"),
            ValueLayout.JAVA_LONG.withName("device_bytes"),
            ValueLayout.JAVA_LONG.withName("pinned_bytes")).withName("fe_runner_info");

    private static final long MAX_BATCH = offset("max_batch");
    private static final long STREAMS = offset("streams");
    private static final long CUDA_GRAPHS = offset("cuda_graphs");
    private static final long GRAPHS_CAPTURED = offset("graphs_captured");
    private static final long DEVICE_BYTES = offset("device_bytes");
    private static final long PINNED_BYTES = offset("pinned_bytes");

    private FeRunnerInfo() {
    }

    public static int maxBatch(MemorySegment s) {
        return s.get(ValueLayout.JAVA_INT, MAX_BATCH);
    }

    public static int streams(MemorySegment s) {
        return s.get(ValueLayout.JAVA_INT, STREAMS);
    }

    /** Whether CUDA graphs are in use (false if not asked for, or after a failed capture). */
    public static boolean cudaGraphs(MemorySegment s) {
        return s.get(ValueLayout.JAVA_INT, CUDA_GRAPHS) != 0;
    }

    public static int graphsCaptured(MemorySegment s) {
        return s.get(ValueLayout.JAVA_INT, GRAPHS_CAPTURED);
    }

    public static long deviceBytes(MemorySegment s) {
        return s.get(ValueLayout.JAVA_LONG, DEVICE_BYTES);
    }

    public static long pinnedBytes(MemorySegment s) {
        return s.get(ValueLayout.JAVA_LONG, PINNED_BYTES);
    }

    private static long offset(String field) {
        return LAYOUT.byteOffset(MemoryLayout.PathElement.groupElement(field));
    }
}
