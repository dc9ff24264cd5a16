package dev.faceembed.trt;

import dev.faceembed.bindings.trt.FaceembedTrt;
import dev.faceembed.bindings.trt.FaceembedTrtLibrary;
import dev.faceembed.bindings.trt.FeCheck;
import dev.faceembed.bindings.trt.FeDeviceInfo;
import dev.faceembed.bindings.trt.FeException;
import dev.faceembed.bindings.trt.FeStatus;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What this machine offers the tensorrt backend, probed step by step through the shim: the shim itself, the CUDA
 * and TensorRT parts compiled into it, the driver, the devices, and the TensorRT libraries. Each step that fails
 * records why and how to fix it; probing never throws.
 *
 * @param shimLocation  where the shim was loaded from, or empty
 * @param shimBuildInfo the shim's build line, or empty
 * @param driverVersion CUDA driver version (e.g. 13000), 0 without a driver
 * @param runtimeVersion CUDA runtime version compiled into the shim, 0 if unknown
 * @param devices       the CUDA devices
 * @param tensorRtVersion TensorRT version, e.g. {@code 10.16.0}, or empty
 * @param failure       the first failed step and its fix, or empty when everything up to TensorRT is usable
 */
public record GpuEnvironment(String shimLocation, String shimBuildInfo, int driverVersion, int runtimeVersion,
                             List<GpuDevice> devices, String tensorRtVersion, Optional<String> failure) {

    /** Probes the machine (loads the shim and, if possible, TensorRT). */
    public static GpuEnvironment probe() {
        if (!FaceembedTrtLibrary.isAvailable()) {
            return failed("", "", 0, 0, List.of(), "the faceembed TensorRT shim is not available: "
                    + FaceembedTrtLibrary.unavailabilityCause().map(Throwable::getMessage).orElse(""));
        }
        FaceembedTrtLibrary library = FaceembedTrtLibrary.get();
        String location = library.location() + " (" + library.origin() + ")";
        String buildInfo = FaceembedTrt.fe_build_info().getString(0);
        int features = FaceembedTrt.fe_build_features();
        if ((features & FaceembedTrt.FE_FEATURE_CUDA) == 0) {
            return failed(location, buildInfo, 0, 0, List.of(), "the shim at " + library.location()
                    + " was built without CUDA: rebuild native/ where the CUDA toolkit is installed (./build.sh does"
                    + " when nvcc is found)");
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment number = arena.allocate(ValueLayout.JAVA_INT);
            FeCheck.check(FaceembedTrt.fe_cuda_driver_version(number), "fe_cuda_driver_version");
            int driver = number.get(ValueLayout.JAVA_INT, 0);
            FeCheck.check(FaceembedTrt.fe_cuda_runtime_version(number), "fe_cuda_runtime_version");
            int runtime = number.get(ValueLayout.JAVA_INT, 0);

            int status = FaceembedTrt.fe_device_count(number);
            if (status != FeStatus.OK.value()) {
                String message = FaceembedTrt.fe_last_error().getString(0);
                return failed(location, buildInfo, driver, runtime, List.of(), deviceFailure(FeStatus.of(status),
                        message));
            }
            List<GpuDevice> devices = new ArrayList<>();
            MemorySegment info = arena.allocate(FeDeviceInfo.LAYOUT);
            for (int i = 0; i < number.get(ValueLayout.JAVA_INT, 0); i++) {
                FeCheck.check(FaceembedTrt.fe_device_info_get(i, info), "fe_device_info_get");
                devices.add(new GpuDevice(i, FeDeviceInfo.name(info), FeDeviceInfo.computeMajor(info),
                        FeDeviceInfo.computeMinor(info), FeDeviceInfo.multiprocessors(info),
                        FeDeviceInfo.totalMemoryBytes(info) >> 20, FeDeviceInfo.freeMemoryBytes(info) >> 20));
            }
            if ((features & FaceembedTrt.FE_FEATURE_TENSORRT) == 0) {
                return failed(location, buildInfo, driver, runtime, devices, "the shim was built without the"
                        + " TensorRT headers: rebuild native/ with -DTENSORRT_ROOT=<TensorRT 10 folder>");
            }
            status = FaceembedTrt.fe_tensorrt_load(MemorySegment.NULL, MemorySegment.NULL);
            if (status != FeStatus.OK.value()) {
                return failed(location, buildInfo, driver, runtime, devices, "TensorRT 10 could not be loaded: "
                        + FaceembedTrt.fe_last_error().getString(0) + ". Install TensorRT 10 (libnvinfer.so.10,"
                        + " libnvonnxparser.so.10) and make it visible to the dynamic linker (LD_LIBRARY_PATH)");
            }
            FeCheck.check(FaceembedTrt.fe_tensorrt_version(number), "fe_tensorrt_version");
            int v = number.get(ValueLayout.JAVA_INT, 0);
            String version = (v / 10000) + "." + (v / 100 % 100) + "." + (v % 100);
            return new GpuEnvironment(location, buildInfo, driver, runtime, List.copyOf(devices), version,
                    Optional.empty());
        } catch (FeException e) {
            return failed(location, buildInfo, 0, 0, List.of(), e.getMessage());
        }
    }

    /** The shim's messages for a missing driver or device already name the CUDA error and the fix. */
    private static String deviceFailure(FeStatus status, String message) {
        return status == FeStatus.NO_DRIVER || status == FeStatus.NO_DEVICE ? message
                : "CUDA could not list the devices: " + message;
    }

    private static GpuEnvironment failed(String location, String buildInfo, int driver, int runtime,
                                         List<GpuDevice> devices, String why) {
        return new GpuEnvironment(location, buildInfo, driver, runtime, List.copyOf(devices), "", Optional.of(why));
    }

    /** CUDA version as {@code 13.0}, or empty for 0. */
    public static String cudaVersion(int version) {
        return version == 0 ? "" : (version / 1000) + "." + (version % 1000 / 10);
    }
}
