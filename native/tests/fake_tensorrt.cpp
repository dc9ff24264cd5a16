// Test doubles of libnvinfer.so.10 and libnvonnxparser.so.10 with the entry points fe_tensorrt_load looks up, so
// that loading can be tested where TensorRT is not installed. Their factories create nothing (they return NULL),
// which the shim must report as a TensorRT failure. Built in variants:
//   FAKE_NVINFER_VERSION=<n>   the nvinfer double reporting version n (e.g. 101600, or 90000 for a wrong major)
//   FAKE_WITHOUT_FACTORIES     an nvinfer double that lacks the create*_INTERNAL functions
//   FAKE_ONNX_PARSER           the parser double
#include <cstdint>

#define FAKE_EXPORT extern "C" __attribute__((visibility("default")))

#ifdef FAKE_ONNX_PARSER
FAKE_EXPORT void* createNvOnnxParser_INTERNAL(void*, void*, int) noexcept {
    return nullptr;
}
#else
FAKE_EXPORT int32_t getInferLibVersion() noexcept {
    return FAKE_NVINFER_VERSION;
}
#ifndef FAKE_WITHOUT_FACTORIES
FAKE_EXPORT void* createInferBuilder_INTERNAL(void*, int32_t) noexcept {
    return nullptr;
}
FAKE_EXPORT void* createInferRuntime_INTERNAL(void*, int32_t) noexcept {
    return nullptr;
}
#endif
#endif
