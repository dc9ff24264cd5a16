package dev.faceembed.bindings.trt;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;

/**
 * Options of {@code fe_engine_build}. Fill a struct with {@link #init} (struct size and defaults: device 0, fp32,
 * no TF32, no hardware compatibility, TensorRT's optimisation level, no profiles, default workspace, no timing
 * cache), then the setters.
 * {@snippet lang = c:
 * typedef struct fe_build_options {
 *     uint32_t struct_size; int32_t device; int32_t precision; int32_t tf32; int32_t hardware_compatibility;
 *     int32_t optimization_level; int32_t profile_count; int32_t reserved; uint64_t workspace_bytes;
 *     const fe_profile* profiles; const char* timing_cache_path;
 * } fe_build_options;
 *}
 */
public final class FeBuildOptions {
    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
            ValueLayout.JAVA_INT.withName("struct_size"),
            ValueLayout.JAVA_INT.withName("device"),
            ValueLayout.JAVA_INT.withName("precision"),
            ValueLayout.JAVA_INT.withName("tf32"),
            ValueLayout.JAVA_INT.withName("hardware_compatibility"),
            ValueLayout.JAVA_INT.withName("optimization_level"),
            ValueLayout.JAVA_INT.withName("profile_count"),
            ValueLayout.JAVA_INT.withName("reserved"),
            ValueLayout.JAVA_LONG.withName("workspace_bytes"),
            ValueLayout.ADDRESS.withName("profiles"),
            ValueLayout.ADDRESS.withName("timing_cache_path")).withName("fe_build_options");

    private static final long STRUCT_SIZE = offset("struct_size");
    private static final long DEVICE = offset("device");
    private static final long PRECISION = offset("precision");
    private static final long TF32 = offset("tf32");
    private static final long HARDWARE_COMPATIBILITY = offset("hardware_compatibility");
    private static final long OPTIMIZATION_LEVEL = offset("optimization_level");
    private static final long PROFILE_COUNT = offset("profile_count");
    private static final long WORKSPACE_BYTES = offset("workspace_bytes");
    private static final long PROFILES = offset("profiles");
    private static final long TIMING_CACHE_PATH = offset("timing_cache_path");

    private FeBuildOptions() {
    }

    /** Zeroes the struct and writes its size and the defaults. */
    public static void init(MemorySegment s) {
        s.asSlice(0, LAYOUT.byteSize()).fill((byte) 0);
        s.set(ValueLayout.JAVA_INT, STRUCT_SIZE, (int) LAYOUT.byteSize());
        s.set(ValueLayout.JAVA_INT, OPTIMIZATION_LEVEL, -1);
    }

    public static void setDevice(MemorySegment s, int device) {
        s.set(ValueLayout.JAVA_INT, DEVICE, device);
    }

    /** {@code FE_PRECISION_*}. */
    public static void setPrecision(MemorySegment s, int precision) {
        s.set(ValueLayout.JAVA_INT, PRECISION, precision);
    }

    /** Whether fp32 layers may compute in TF32 (off: BuilderFlag::kTF32 cleared). */
    public static void setTf32(MemorySegment s, boolean tf32) {
        s.set(ValueLayout.JAVA_INT, TF32, tf32 ? 1 : 0);
    }

    /** {@code FE_HARDWARE_COMPAT_*}. */
    public static void setHardwareCompatibility(MemorySegment s, int level) {
        s.set(ValueLayout.JAVA_INT, HARDWARE_COMPATIBILITY, level);
    }

    /** 0..5, or -1 for TensorRT's default. */
    public static void setOptimizationLevel(MemorySegment s, int level) {
        s.set(ValueLayout.JAVA_INT, OPTIMIZATION_LEVEL, level);
    }

    /** {@code count} profiles in an array of {@link FeProfile#LAYOUT}, which must outlive the build call. */
    public static void setProfiles(MemorySegment s, MemorySegment profiles, int count) {
        s.set(ValueLayout.ADDRESS, PROFILES, profiles);
        s.set(ValueLayout.JAVA_INT, PROFILE_COUNT, count);
    }

    /** 0 for TensorRT's default. */
    public static void setWorkspaceBytes(MemorySegment s, long bytes) {
        s.set(ValueLayout.JAVA_LONG, WORKSPACE_BYTES, bytes);
    }

    /** A C string, or {@link MemorySegment#NULL} for no timing cache. */
    public static void setTimingCachePath(MemorySegment s, MemorySegment path) {
        s.set(ValueLayout.ADDRESS, TIMING_CACHE_PATH, path);
    }

    private static long offset(String field) {
        return LAYOUT.byteOffset(MemoryLayout.PathElement.groupElement(field));
    }
}
