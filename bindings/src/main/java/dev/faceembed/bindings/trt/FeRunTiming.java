package dev.faceembed.bindings.trt;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;

/**
 * What {@code fe_runner_last_timing} reports about a runner's last call. The GPU times are there only for runners
 * created with {@code timing = 1}.
 * {@snippet lang = c:
 * typedef struct fe_run_timing {
 *     int32_t chunks; int32_t graph_launches; float span_ms; float chunk_sum_ms; float host_wait_ms; float reserved;
 * } fe_run_timing;
 *}
 */
public final class FeRunTiming {
    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
            ValueLayout.JAVA_INT.withName("chunks"),
            ValueLayout.JAVA_INT.withName("graph_launches"),
            ValueLayout.JAVA_FLOAT.withName("span_ms"),
            ValueLayout.JAVA_FLOAT.withName("chunk_sum_ms"),
            ValueLayout.JAVA_FLOAT.withName("host_wait_ms"),
            ValueLayout.JAVA_FLOAT.withName("reserved")).withName("fe_run_timing");

    private static final long CHUNKS = offset("chunks");
    private static final long GRAPH_LAUNCHES = offset("graph_launches");
    private static final long SPAN_MS = offset("span_ms");
    private static final long CHUNK_SUM_MS = offset("chunk_sum_ms");
    private static final long HOST_WAIT_MS = offset("host_wait_ms");

    private FeRunTiming() {
    }

    public static int chunks(MemorySegment s) {
        return s.get(ValueLayout.JAVA_INT, CHUNKS);
    }

    public static int graphLaunches(MemorySegment s) {
        return s.get(ValueLayout.JAVA_INT, GRAPH_LAUNCHES);
    }

    /** GPU time from the first chunk's start to the last chunk's end. */
    public static float spanMs(MemorySegment s) {
        return s.get(ValueLayout.JAVA_FLOAT, SPAN_MS);
    }

    /** The sum of the chunks' own GPU times; above {@link #spanMs} when chunks overlapped. */
    public static float chunkSumMs(MemorySegment s) {
        return s.get(ValueLayout.JAVA_FLOAT, CHUNK_SUM_MS);
    }

    public static float hostWaitMs(MemorySegment s) {
        return s.get(ValueLayout.JAVA_FLOAT, HOST_WAIT_MS);
    }

    private static long offset(String field) {
        return LAYOUT.byteOffset(MemoryLayout.PathElement.groupElement(field));
    }
}
