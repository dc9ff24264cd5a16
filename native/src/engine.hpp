// A deserialised TensorRT engine and what the shim needs to know about its input and output.
#ifndef FACEEMBED_ENGINE_HPP
#define FACEEMBED_ENGINE_HPP

#include "faceembed_trt.h"
#include "trt_logger.hpp"

#include <NvInferRuntime.h>

#include <cstdint>
#include <memory>
#include <mutex>

namespace fe {

struct LoadedEngine {
    int32_t device = 0;
    // Declared before the TensorRT objects, which log to it until they are destroyed.
    RecordingLogger logger;
    // Declared before the engine, which must be destroyed first.
    std::unique_ptr<nvinfer1::IRuntime> runtime;
    std::unique_ptr<nvinfer1::ICudaEngine> engine;
    // Runners may be created from several threads; TensorRT does not promise that context creation is thread-safe.
    std::mutex context_mutex;
    fe_engine_io io{};
    int32_t height = 0;
    int32_t width = 0;
    int32_t dim = 0;
};

}  // namespace fe

// Shared with the runners made from it, so that releasing the engine before its runners is safe.
struct fe_engine {
    std::shared_ptr<fe::LoadedEngine> state;
};

#endif
