// Test doubles of TensorRT's libraries with the entry points the shim looks up, so that loading can be tested
// where TensorRT is not installed. Factories create nothing (they return NULL), which the shim must report as a
// TensorRT failure. Built in variants:
//   FAKE_NVINFER_VERSION=<n>   libnvinfer reporting version n (e.g. 101600, or 90000 for a wrong major)
//   FAKE_WITHOUT_FACTORIES     a libnvinfer that lacks the create*_INTERNAL functions
//   FAKE_ONNX_PARSER           libnvonnxparser; FAKE_PARSER_API_VERSION=<n> its parser API version (default 100)
//   FAKE_PLUGIN_LIBRARY        libnvinfer_plugin; FAKE_PLUGIN_INIT_FAILS makes initLibNvInferPlugins log an error
//                              through the logger it is given and return false
//   FAKE_USER_PLUGIN           a user's plugin library; FAKE_USER_PLUGIN_CREATORS adds getPluginCreators, which
//                              makes the shim register it with the plugin registry
#include <NvInferRuntime.h>

#include <cstdint>

#define FAKE_EXPORT extern "C" __attribute__((visibility("default")))

#if defined(FAKE_ONNX_PARSER)
#ifndef FAKE_PARSER_API_VERSION
#define FAKE_PARSER_API_VERSION 100
#endif
FAKE_EXPORT void* createNvOnnxParser_INTERNAL(void*, void*, int) noexcept {
    return nullptr;
}
FAKE_EXPORT int getNvOnnxParserVersion() noexcept {
    return FAKE_PARSER_API_VERSION;
}
#elif defined(FAKE_PLUGIN_LIBRARY)
FAKE_EXPORT bool initLibNvInferPlugins(void* logger, const char*) {
#ifdef FAKE_PLUGIN_INIT_FAILS
    static_cast<nvinfer1::ILogger*>(logger)->log(nvinfer1::ILogger::Severity::kERROR,
                                                  "fake plugin library: no plugin could be registered");
    return false;
#else
    static_cast<nvinfer1::ILogger*>(logger)->log(nvinfer1::ILogger::Severity::kINFO, "fake plugins registered");
    return true;
#endif
}
#elif defined(FAKE_USER_PLUGIN)
FAKE_EXPORT int fake_user_plugin_marker() {
    return 1;
}
#ifdef FAKE_USER_PLUGIN_CREATORS
FAKE_EXPORT void* const* getPluginCreators(int32_t& count) noexcept {
    count = 0;
    return nullptr;
}
#endif
#else
FAKE_EXPORT int32_t getInferLibVersion() noexcept {
    return FAKE_NVINFER_VERSION;
}
FAKE_EXPORT nvinfer1::IPluginRegistry* getPluginRegistry() noexcept {
    return nullptr;
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
