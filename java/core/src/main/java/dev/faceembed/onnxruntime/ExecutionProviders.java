package dev.faceembed.onnxruntime;

import dev.faceembed.BackendUnavailableException;
import dev.faceembed.bindings.ort.OrtApi;
import dev.faceembed.bindings.ort.OrtException;
import dev.faceembed.bindings.ort.OrtStatus;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Optional;

import static dev.faceembed.bindings.ort.OrtApi.C_POINTER;

/**
 * ONNX Runtime's GPU execution providers (CUDA, TensorRT): whether the loaded library has them, and adding one to a
 * session's options with its device.
 */
final class ExecutionProviders {
    private ExecutionProviders() {
    }

    /** Why the loaded ONNX Runtime cannot run {@code provider}, or empty if it can (CPU always can). */
    static Optional<String> unavailability(ExecutionProvider provider) {
        if (provider == ExecutionProvider.CPU) {
            return Optional.empty();
        }
        if (!OnnxRuntimeEnvironment.isAvailable()) {
            return Optional.of(OnnxRuntimeEnvironment.unavailabilityReason());
        }
        OnnxRuntimeEnvironment env = OnnxRuntimeEnvironment.get();
        List<String> available = env.availableProviders();
        if (available.contains(provider.ortName())) {
            return Optional.empty();
        }
        return Optional.of("the loaded ONNX Runtime " + env.version() + " (" + env.libraryLocation() + ") has no "
                + provider.ortName() + ", only " + available + ": load a GPU build of ONNX Runtime (Maven profile"
                + " onnxruntime-gpu, or -Dfaceembed.onnxruntime.library=<its libonnxruntime.so>; it needs CUDA 12 and"
                + " cuDNN 9), or set onnxruntime.execution_provider to cpu");
    }

    /** Adds the settings' GPU provider, on its device, to session {@code options}; nothing for CPU. */
    static void append(Arena call, MemorySegment options, OnnxRuntimeOptions settings, int deviceId) {
        if (settings.provider() == ExecutionProvider.CPU) {
            return;
        }
        boolean cuda = settings.provider() == ExecutionProvider.CUDA;
        MemorySegment out = call.allocate(C_POINTER);
        MemorySegment providerOptions = MemorySegment.NULL;
        try {
            OrtStatus.check(cuda ? OrtApi.CreateCUDAProviderOptions(out) : OrtApi.CreateTensorRTProviderOptions(out));
            providerOptions = out.get(C_POINTER, 0);
            MemorySegment keys = call.allocate(C_POINTER);
            keys.set(C_POINTER, 0, call.allocateFrom("device_id"));
            MemorySegment values = call.allocate(C_POINTER);
            values.set(C_POINTER, 0, call.allocateFrom(Integer.toString(deviceId)));
            OrtStatus.check(cuda ? OrtApi.UpdateCUDAProviderOptions(providerOptions, keys, values, 1)
                    : OrtApi.UpdateTensorRTProviderOptions(providerOptions, keys, values, 1));
            OrtStatus.check(cuda ? OrtApi.SessionOptionsAppendExecutionProvider_CUDA_V2(options, providerOptions)
                    : OrtApi.SessionOptionsAppendExecutionProvider_TensorRT_V2(options, providerOptions));
        } catch (OrtException e) {
            throw new BackendUnavailableException("onnxruntime: " + settings.provider().ortName() + " on device "
                    + deviceId + " cannot be used: " + e.ortMessage().strip() + ". Check the GPU, CUDA 12"
                    + " and cuDNN 9 libraries (and TensorRT for the TensorRT provider), or set"
                    + " onnxruntime.execution_provider to cpu", e);
        } finally {
            if (providerOptions.address() != 0L) {
                if (cuda) {
                    OrtApi.ReleaseCUDAProviderOptions(providerOptions);
                } else {
                    OrtApi.ReleaseTensorRTProviderOptions(providerOptions);
                }
            }
        }
    }
}
