package dev.faceembed.trt;

import dev.faceembed.bindings.trt.FaceembedTrt;
import dev.faceembed.bindings.trt.FaceembedTrtLibrary;
import dev.faceembed.bindings.trt.FeCheck;
import dev.faceembed.bindings.trt.FeDeviceInfo;
import dev.faceembed.bindings.trt.FeException;
import dev.faceembed.bindings.trt.FeStatus;
import dev.faceembed.bindings.trt.FeTensorRtVersions;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What this machine offers the tensorrt backend, probed step by step through the shim: the shim itself, the CUDA
 * and TensorRT parts compiled into it, the driver, the devices, and the TensorRT libraries. Each step that fails
 * records why and how to fix it; probing never throws, and creates no CUDA context (device properties are read
 * without one).
 *
 * @param shimLocation   where the shim was loaded from, or empty
 * @param shimBuildInfo  the shim's build line, or empty
 * @param driverVersion  CUDA driver version (e.g. 13000), 0 without a driver
 * @param runtimeVersion CUDA runtime version compiled into the shim, 0 if unknown
 * @param devices        the CUDA devices
 * @param tensorRt       the loaded TensorRT libraries and their versions, when they loaded
 * @param failure        the first failed step and its fix, or empty when everything up to TensorRT is usable
 */
public record GpuEnvironment(String shimLocation, String shimBuildInfo, int driverVersion, int runtimeVersion,
                             List<GpuDevice> devices, Optional<TensorRtLibraries> tensorRt,
                             Optional<String> failure) {

    /**
     * The TensorRT the shim loaded.
     *
     * @param version          the libnvinfer release, e.g. {@code 10.16.0}
     * @param headers          the release of the headers the shim was compiled against
     * @param onnxParser       the ONNX parser's own API version
     * @param pluginsLoaded    whether libnvinfer_plugin was found and initialised
     * @param libraries        one line per library: role, state and path or reason
     */
    public record TensorRtLibraries(String version, String headers, String onnxParser, boolean pluginsLoaded,
                                    List<String> libraries) {
    }

    /**
     * Probes the machine (loads the shim and, if possible, TensorRT).
     *
     * @return what was found, and the first step that failed
     */
    public static GpuEnvironment probe() {
        if (!FaceembedTrtLibrary.isAvailable()) {
            return new Probe("", "").failed("the faceembed TensorRT shim is not available: "
                    + FaceembedTrtLibrary.unavailabilityCause().map(Throwable::getMessage).orElse(""));
        }
        FaceembedTrtLibrary library = FaceembedTrtLibrary.get();
        Probe probe = new Probe(library.summary(),
                FaceembedTrt.fe_build_info().getString(0));
        int features = FaceembedTrt.fe_build_features();
        if ((features & FaceembedTrt.FE_FEATURE_CUDA) == 0) {
            return probe.failed("the shim at " + library.location() + " was built without CUDA: rebuild native/"
                    + " where the CUDA toolkit is installed (./build.sh does when nvcc is found)");
        }
        try (Arena arena = Arena.ofConfined()) {
            return probe.cuda(arena, (features & FaceembedTrt.FE_FEATURE_TENSORRT) != 0);
        } catch (FeException e) {
            return probe.failed(e.getMessage());
        }
    }

    /**
     * The release of the loaded TensorRT.
     *
     * @return e.g. {@code 10.16.0}, or empty
     */
    public String tensorRtVersion() {
        return tensorRt.map(TensorRtLibraries::version).orElse("");
    }

    /**
     * A CUDA version number in words.
     *
     * @param version as CUDA reports it, e.g. {@code 13000}
     * @return e.g. {@code 13.0}, or empty for 0
     */
    public static String cudaVersion(int version) {
        return version == 0 ? "" : (version / 1000) + "." + (version % 1000 / 10);
    }

    /** The steps of one probe, accumulating what they found. */
    private static final class Probe {
        private final String location;
        private final String buildInfo;
        private int driver;
        private int runtime;
        private final List<GpuDevice> devices = new ArrayList<>();

        Probe(String location, String buildInfo) {
            this.location = location;
            this.buildInfo = buildInfo;
        }

        GpuEnvironment cuda(Arena arena, boolean tensorRtBuilt) {
            MemorySegment number = arena.allocate(ValueLayout.JAVA_INT);
            FeCheck.check(FaceembedTrt.fe_cuda_driver_version(number), "fe_cuda_driver_version");
            driver = number.get(ValueLayout.JAVA_INT, 0);
            FeCheck.check(FaceembedTrt.fe_cuda_runtime_version(number), "fe_cuda_runtime_version");
            runtime = number.get(ValueLayout.JAVA_INT, 0);
            int status = FaceembedTrt.fe_device_count(number);
            if (status != FeStatus.OK.value()) {
                String message = FaceembedTrt.fe_last_error().getString(0);
                FeStatus s = FeStatus.of(status);
                return failed(s == FeStatus.NO_DRIVER || s == FeStatus.NO_DEVICE ? message
                        : "CUDA could not list the devices: " + message);
            }
            MemorySegment info = arena.allocate(FeDeviceInfo.LAYOUT);
            for (int i = 0; i < number.get(ValueLayout.JAVA_INT, 0); i++) {
                FeCheck.check(FaceembedTrt.fe_device_info_get(i, info), "fe_device_info_get");
                devices.add(new GpuDevice(i, FeDeviceInfo.name(info), FeDeviceInfo.uuid(info),
                        FeDeviceInfo.computeMajor(info), FeDeviceInfo.computeMinor(info),
                        FeDeviceInfo.multiprocessors(info), FeDeviceInfo.pciBusId(info),
                        FeDeviceInfo.totalMemoryBytes(info) >> 20));
            }
            if (!tensorRtBuilt) {
                return failed("the shim was built without the TensorRT headers: rebuild native/ with"
                        + " -DTENSORRT_ROOT=<TensorRT 10 folder>");
            }
            return tensorRt(arena);
        }

        private GpuEnvironment tensorRt(Arena arena) {
            int status = FaceembedTrt.fe_tensorrt_load(MemorySegment.NULL, MemorySegment.NULL);
            if (status != FeStatus.OK.value()) {
                return failed("TensorRT 10 could not be loaded: " + FaceembedTrt.fe_last_error().getString(0)
                        + ". Install TensorRT 10 (libnvinfer.so.10, libnvonnxparser.so.10) and make it visible to the"
                        + " dynamic linker (LD_LIBRARY_PATH)");
            }
            MemorySegment versions = arena.allocate(FeTensorRtVersions.LAYOUT);
            FeCheck.check(FaceembedTrt.fe_tensorrt_versions_get(versions), "fe_tensorrt_versions_get");
            MemorySegment text = arena.allocate(ValueLayout.ADDRESS);
            FeCheck.check(FaceembedTrt.fe_tensorrt_libraries(text), "fe_tensorrt_libraries");
            List<String> libraries = text.get(FaceembedTrt.C_POINTER, 0).getString(0).lines()
                    .map(line -> line.replace('\t', ' ')).toList();
            TensorRtLibraries trt = new TensorRtLibraries(
                    FeTensorRtVersions.text(FeTensorRtVersions.library(versions)),
                    FeTensorRtVersions.text(FeTensorRtVersions.headers(versions)),
                    Integer.toString(FeTensorRtVersions.onnxParser(versions)),
                    FeTensorRtVersions.pluginsLoaded(versions), libraries);
            return new GpuEnvironment(location, buildInfo, driver, runtime, List.copyOf(devices), Optional.of(trt),
                    Optional.empty());
        }

        GpuEnvironment failed(String why) {
            return new GpuEnvironment(location, buildInfo, driver, runtime, List.copyOf(devices), Optional.empty(),
                    Optional.of(why));
        }
    }
}
