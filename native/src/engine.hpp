// A deserialised TensorRT engine and what the shim needs to know about its input, output and profiles.
#ifndef FACEEMBED_ENGINE_HPP
#define FACEEMBED_ENGINE_HPP

#include "faceembed_trt.h"

#include <NvInferRuntime.h>

#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

namespace fe {

struct LoadedEngine {
    int32_t device = 0;
    // Declared before the engine, which must be destroyed first. Both log to process_logger().
    std::unique_ptr<nvinfer1::IRuntime> runtime;
    std::unique_ptr<nvinfer1::ICudaEngine> engine;
    // Runners may be created from several threads; TensorRT does not promise that context creation is thread-safe.
    std::mutex context_mutex;
    fe_engine_io io{};
    std::vector<fe_profile> profiles;
    // Activation memory of an execution context on each profile.
    std::vector<int64_t> activation_bytes;
    int32_t height = 0;
    int32_t width = 0;
    int32_t dim = 0;
};

// TensorRT 10.1 replaced the size_t memory-size getters by int64_t "V2" ones and deprecated the old ones; the shim
// compiles against either.
int64_t activation_bytes_for_profile(const nvinfer1::ICudaEngine& engine, int32_t profile);

}  // namespace fe

// Shared with the runners made from it, so that releasing the engine before its runners is safe.
struct fe_engine {
    std::shared_ptr<fe::LoadedEngine> state;
};

#endif
