package dev.faceembed.bindings.trt;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;

/**
 * {@snippet lang = c:
 * typedef struct fe_build_options {
 *     uint32_t struct_size; int32_t device; int32_t precision; int32_t min_batch; int32_t opt_batch;
 *     int32_t max_batch; int32_t reserved; uint64_t workspace_bytes; const char* timing_cache_path;
 * } fe_build_options;
 *}
 */
public final class FeBuildOptions {
    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
            ValueLayout.JAVA_INT.withName("struct_size"),
            ValueLayout.JAVA_INT.withName("device"),
            ValueLayout.JAVA_INT.withName("precision"),
            ValueLayout.JAVA_INT.withName("min_batch"),
            ValueLayout.JAVA_INT.withName("opt_batch"),
            ValueLayout.JAVA_INT.withName("max_batch"),
            ValueLayout.JAVA_INT.withName("reserved"),
            MemoryLayout.paddingLayout(4),
            ValueLayout.JAVA_LONG.withName("workspace_bytes"),
            ValueLayout.ADDRESS.withName("timing_cache_path")).withName("fe_build_options");

    private FeBuildOptions() {
    }

    /** Fills a zeroed struct. {@code timingCachePath} may be {@link MemorySegment#NULL}. */
    public static void set(MemorySegment s, int device, int precision, int minBatch, int optBatch, int maxBatch,
                           long workspaceBytes, MemorySegment timingCachePath) {
        s.set(ValueLayout.JAVA_INT, offset("struct_size"), (int) LAYOUT.byteSize());
        s.set(ValueLayout.JAVA_INT, offset("device"), device);
        s.set(ValueLayout.JAVA_INT, offset("precision"), precision);
        s.set(ValueLayout.JAVA_INT, offset("min_batch"), minBatch);
        s.set(ValueLayout.JAVA_INT, offset("opt_batch"), optBatch);
        s.set(ValueLayout.JAVA_INT, offset("max_batch"), maxBatch);
        s.set(ValueLayout.JAVA_LONG, offset("workspace_bytes"), workspaceBytes);
        s.set(ValueLayout.ADDRESS, offset("timing_cache_path"), timingCachePath);
    }

    static long offset(String field) {
        return LAYOUT.byteOffset(MemoryLayout.PathElement.groupElement(field));
    }
}
