package dev.faceembed.bindings.trt;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;

/**
 * One optimisation profile over the batch dimension; arrays of it are read from {@code fe_engine_io.profiles} and
 * passed as {@code fe_build_options.profiles}.
 * {@snippet lang = c:
 * typedef struct fe_profile { int32_t min_batch; int32_t opt_batch; int32_t max_batch; } fe_profile;
 *}
 */
public final class FeProfile {
    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
            ValueLayout.JAVA_INT.withName("min_batch"),
            ValueLayout.JAVA_INT.withName("opt_batch"),
            ValueLayout.JAVA_INT.withName("max_batch")).withName("fe_profile");

    private static final long MIN_BATCH = offset("min_batch");
    private static final long OPT_BATCH = offset("opt_batch");
    private static final long MAX_BATCH = offset("max_batch");

    private FeProfile() {
    }

    /** Sets element {@code index} of an array of profiles. */
    public static void set(MemorySegment array, int index, int minBatch, int optBatch, int maxBatch) {
        long base = index * LAYOUT.byteSize();
        array.set(ValueLayout.JAVA_INT, base + MIN_BATCH, minBatch);
        array.set(ValueLayout.JAVA_INT, base + OPT_BATCH, optBatch);
        array.set(ValueLayout.JAVA_INT, base + MAX_BATCH, maxBatch);
    }

    public static int minBatch(MemorySegment array, int index) {
        return array.get(ValueLayout.JAVA_INT, index * LAYOUT.byteSize() + MIN_BATCH);
    }

    public static int optBatch(MemorySegment array, int index) {
        return array.get(ValueLayout.JAVA_INT, index * LAYOUT.byteSize() + OPT_BATCH);
    }

    public static int maxBatch(MemorySegment array, int index) {
        return array.get(ValueLayout.JAVA_INT, index * LAYOUT.byteSize() + MAX_BATCH);
    }

    private static long offset(String field) {
        return LAYOUT.byteOffset(MemoryLayout.PathElement.groupElement(field));
    }
}
