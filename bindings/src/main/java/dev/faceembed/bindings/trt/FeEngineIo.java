package dev.faceembed.bindings.trt;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;

/**
 * What {@code fe_engine_describe} reports.
 * {@snippet lang = c:
 * typedef struct fe_engine_io {
 *     char input_name[256]; char output_name[256]; int64_t input_dims[4]; int64_t output_dims[2];
 *     int32_t min_batch; int32_t max_batch; int32_t profile_count; int32_t reserved; uint64_t activation_bytes;
 *     fe_profile profiles[FE_MAX_PROFILES];
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
            ValueLayout.JAVA_INT.withName("max_batch"),
            ValueLayout.JAVA_INT.withName("profile_count"),
            ValueLayout.JAVA_INT.withName("reserved"),
            ValueLayout.JAVA_LONG.withName("activation_bytes"),
            MemoryLayout.sequenceLayout(FaceembedTrt.FE_MAX_PROFILES, FeProfile.LAYOUT).withName("profiles"))
            .withName("fe_engine_io");

    private static final long INPUT_DIMS = offset("input_dims");
    private static final long OUTPUT_DIMS = offset("output_dims");
    private static final long MAX_BATCH = offset("max_batch");
    private static final long PROFILE_COUNT = offset("profile_count");
    private static final long ACTIVATION_BYTES = offset("activation_bytes");
    private static final long PROFILES = offset("profiles");

    private FeEngineIo() {
    }

    public static long inputDim(MemorySegment s, int i) {
        return s.get(ValueLayout.JAVA_LONG, INPUT_DIMS + (long) i * Long.BYTES);
    }

    public static long outputDim(MemorySegment s, int i) {
        return s.get(ValueLayout.JAVA_LONG, OUTPUT_DIMS + (long) i * Long.BYTES);
    }

    /** The largest batch of the engine's profiles: the largest chunk a runner can take. */
    public static int maxBatch(MemorySegment s) {
        return s.get(ValueLayout.JAVA_INT, MAX_BATCH);
    }

    public static int profileCount(MemorySegment s) {
        return s.get(ValueLayout.JAVA_INT, PROFILE_COUNT);
    }

    /** The profiles as an array for {@link FeProfile}'s getters; {@link #profileCount} of them are valid. */
    public static MemorySegment profiles(MemorySegment s) {
        return s.asSlice(PROFILES, FaceembedTrt.FE_MAX_PROFILES * FeProfile.LAYOUT.byteSize());
    }

    /** Activation memory of one execution context (the largest over the profiles). */
    public static long activationBytes(MemorySegment s) {
        return s.get(ValueLayout.JAVA_LONG, ACTIVATION_BYTES);
    }

    private static long offset(String field) {
        return LAYOUT.byteOffset(MemoryLayout.PathElement.groupElement(field));
    }
}
