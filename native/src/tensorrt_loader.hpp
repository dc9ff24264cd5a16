// TensorRT opened at run time: the factory functions of libnvinfer.so.10 and libnvonnxparser.so.10, found with
// dlsym. They are the only symbols the TensorRT 10 C++ API needs; every other call goes through the objects'
// virtual tables, which are those of the headers compiled against or of a later TensorRT 10 (hence the check that
// the library is not older than the headers).
#ifndef FACEEMBED_TENSORRT_LOADER_HPP
#define FACEEMBED_TENSORRT_LOADER_HPP

#include <NvInfer.h>
#include <NvOnnxParser.h>

#include <cstdint>

namespace fe {

struct TensorRtLibrary {
    // The exact signatures the headers declare, so that a changed header fails to compile instead of crashing.
    decltype(&::getInferLibVersion) version;
    decltype(&::createInferBuilder_INTERNAL) create_builder;
    decltype(&::createInferRuntime_INTERNAL) create_runtime;
    decltype(&::getPluginRegistry) plugin_registry;
    decltype(&::createNvOnnxParser_INTERNAL) create_onnx_parser;
    decltype(&::getNvOnnxParserVersion) onnx_parser_version;
    // getInferLibVersion() at load time, e.g. 101600.
    int32_t library_version;
};

// The loaded library; FE_ERR_NO_TENSORRT if fe_tensorrt_load has not succeeded.
const TensorRtLibrary& tensorrt_library();

}  // namespace fe

#endif
