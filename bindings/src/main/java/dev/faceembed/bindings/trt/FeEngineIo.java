package dev.faceembed.bindings.trt;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;

/**
 * {@snippet lang = c:
 * typedef struct fe_engine_io {
 *     char input_name[256]; char output_name[256]; int64_t input_dims[4]; int64_t output_dims[2];
 *     int32_t min_batch; int32_t opt_batch; int32_t max_batch; int32_t reserved;
 * } fe_engine_io;
 *}
 */
public final class FeEngineIo {
    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
            MemoryLayout.sequenceLayout(256, ValueLayout.JAVA_BYTE).withName("input_name"),
            MemoryLayout.sequenceLayout(256, ValueLayout.JAVA_BYTE).withName("output_name"),
            MemoryLayout.sequenceLayout(4, ValueLayout.JAVA_LONG).withName("input_dims"),
            MemoryLayout.sequenceLayout(2, ValueLayout.JAVA_LONG).withName("output_dims"),
            ValueLayout.JAVA_INT.withName("min_batch"),
            ValueLayout.JAVA_INT.withName("opt_batch"),
            ValueLayout.JAVA_INT.withName("max_batch"),
            ValueLayout.JAVA_INT.withName("reserved")).withName("fe_engine_io");

    private FeEngineIo() {
    }

    public static String inputName(MemorySegment s) {
        return s.asSlice(offset("input_name"), 256).getString(0);
    }

    public static String outputName(MemorySegment s) {
        return s.asSlice(offset("output_name"), 256).getString(0);
    }

    public static long inputDim(MemorySegment s, int i) {
        return s.getAtIndex(ValueLayout.JAVA_LONG, offset("input_dims") / Long.BYTES + i);
    }

    public static long outputDim(MemorySegment s, int i) {
        return s.getAtIndex(ValueLayout.JAVA_LONG, offset("output_dims") / Long.BYTES + i);
    }

    public static int minBatch(MemorySegment s) {
        return s.get(ValueLayout.JAVA_INT, offset("min_batch"));
    }

    public static int optBatch(MemorySegment s) {
        return s.get(ValueLayout.JAVA_INT, offset("opt_batch"));
    }

    public static int maxBatch(MemorySegment s) {
        return s.get(ValueLayout.JAVA_INT, offset("max_batch"));
    }

    static long offset(String field) {
        return LAYOUT.byteOffset(MemoryLayout.PathElement.groupElement(field));
    }
}
