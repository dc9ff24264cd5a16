package dev.faceembed.bindings.trt;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;

/**
 * {@snippet lang = c:
 * typedef struct fe_device_info {
 *     char name[256]; int32_t compute_major; int32_t compute_minor; int32_t multiprocessors; int32_t reserved;
 *     uint64_t total_memory_bytes; uint64_t free_memory_bytes;
 * } fe_device_info;
 *}
 */
public final class FeDeviceInfo {
    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
            MemoryLayout.sequenceLayout(256, ValueLayout.JAVA_BYTE).withName("name"),
            ValueLayout.JAVA_INT.withName("compute_major"),
            ValueLayout.JAVA_INT.withName("compute_minor"),
            ValueLayout.JAVA_INT.withName("multiprocessors"),
            ValueLayout.JAVA_INT.withName("reserved"),
            ValueLayout.JAVA_LONG.withName("total_memory_bytes"),
            ValueLayout.JAVA_LONG.withName("free_memory_bytes")).withName("fe_device_info");

    private FeDeviceInfo() {
    }

    public static String name(MemorySegment s) {
        return s.asSlice(offset("name"), 256).getString(0);
    }

    public static int computeMajor(MemorySegment s) {
        return s.get(ValueLayout.JAVA_INT, offset("compute_major"));
    }

    public static int computeMinor(MemorySegment s) {
        return s.get(ValueLayout.JAVA_INT, offset("compute_minor"));
    }

    public static int multiprocessors(MemorySegment s) {
        return s.get(ValueLayout.JAVA_INT, offset("multiprocessors"));
    }

    public static long totalMemoryBytes(MemorySegment s) {
        return s.get(ValueLayout.JAVA_LONG, offset("total_memory_bytes"));
    }

    public static long freeMemoryBytes(MemorySegment s) {
        return s.get(ValueLayout.JAVA_LONG, offset("free_memory_bytes"));
    }

    static long offset(String field) {
        return LAYOUT.byteOffset(MemoryLayout.PathElement.groupElement(field));
    }
}
