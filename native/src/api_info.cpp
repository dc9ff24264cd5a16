// Version, last error, and what this build contains.
#include "faceembed_trt.h"
#include "status.hpp"

#include <cstdio>

#ifdef FE_HAVE_CUDA
#include <cuda_runtime_api.h>
#endif
#ifdef FE_HAVE_TENSORRT
#include <NvInferVersion.h>
#endif

namespace {

const char* compose_build_info() noexcept {
    static char text[512];
    int n = 0;
#if defined(__clang__)
    n = std::snprintf(text, sizeof text, "faceembed_trt abi %d; clang++ %d.%d.%d", FE_ABI_VERSION, __clang_major__,
                      __clang_minor__, __clang_patchlevel__);
#elif defined(__GNUC__)
    n = std::snprintf(text, sizeof text, "faceembed_trt abi %d; g++ %d.%d.%d", FE_ABI_VERSION, __GNUC__,
                      __GNUC_MINOR__, __GNUC_PATCHLEVEL__);
#else
    n = std::snprintf(text, sizeof text, "faceembed_trt abi %d", FE_ABI_VERSION);
#endif
    auto append = [&](const char* format, auto... args) {
        if (n >= 0 && static_cast<size_t>(n) < sizeof text) {
            n += std::snprintf(text + n, sizeof text - static_cast<size_t>(n), format, args...);
        }
    };
#ifdef FE_HAVE_CUDA
    // FE_CUDA_ARCHS_TEXT comes from CMake's CMAKE_CUDA_ARCHITECTURES, so it names what was really compiled.
    append("; CUDA %d.%d static, %s", CUDART_VERSION / 1000, (CUDART_VERSION % 1000) / 10, FE_CUDA_ARCHS_TEXT);
#else
    append("; CUDA: not built");
#endif
#ifdef FE_HAVE_TENSORRT
    append("; TensorRT headers %d.%d.%d (dlopen at run time, needs TensorRT %d.%d or newer)", NV_TENSORRT_MAJOR,
           NV_TENSORRT_MINOR, NV_TENSORRT_PATCH, NV_TENSORRT_MAJOR, NV_TENSORRT_MINOR);
#else
    append("; TensorRT: not built");
#endif
    return text;
}

}  // namespace

extern "C" {

FE_API uint32_t fe_abi_version(void) {
    return FE_ABI_VERSION;
}

FE_API const char* fe_last_error(void) {
    return fe::last_error();
}

FE_API uint32_t fe_build_features(void) {
    uint32_t features = 0;
#ifdef FE_HAVE_CUDA
    features |= FE_FEATURE_CUDA;
#endif
#ifdef FE_HAVE_TENSORRT
    features |= FE_FEATURE_TENSORRT;
#endif
    return features;
}

FE_API const char* fe_build_info(void) {
    static const char* const info = compose_build_info();
    return info;
}

}  // extern "C"
