package dev.faceembed.bindings.trt;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;

/**
 * {@snippet lang = c:
 * typedef struct fe_preprocess { int32_t source_channel[3]; float mean[3]; float std[3]; } fe_preprocess;
 *}
 */
public final class FePreprocess {
    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
            MemoryLayout.sequenceLayout(3, ValueLayout.JAVA_INT).withName("source_channel"),
            MemoryLayout.sequenceLayout(3, ValueLayout.JAVA_FLOAT).withName("mean"),
            MemoryLayout.sequenceLayout(3, ValueLayout.JAVA_FLOAT).withName("std")).withName("fe_preprocess");

    private static final long SOURCE_CHANNEL = offset("source_channel");
    private static final long MEAN = offset("mean");
    private static final long STD = offset("std");

    private FePreprocess() {
    }

    /** Sets plane {@code plane}: RGB channel {@code sourceChannel}, {@code (pixel - mean) / std}. */
    public static void setPlane(MemorySegment s, int plane, int sourceChannel, float mean, float std) {
        s.set(ValueLayout.JAVA_INT, SOURCE_CHANNEL + 4L * plane, sourceChannel);
        s.set(ValueLayout.JAVA_FLOAT, MEAN + 4L * plane, mean);
        s.set(ValueLayout.JAVA_FLOAT, STD + 4L * plane, std);
    }

    private static long offset(String field) {
        return LAYOUT.byteOffset(MemoryLayout.PathElement.groupElement(field));
    }
}
