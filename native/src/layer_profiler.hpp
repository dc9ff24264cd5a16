// Per-layer GPU times of a runner's execution contexts (TensorRT's IProfiler), summed over runs, as JSON.
#ifndef FACEEMBED_LAYER_PROFILER_HPP
#define FACEEMBED_LAYER_PROFILER_HPP

#include <NvInferRuntime.h>

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace fe {

class LayerProfiler final : public nvinfer1::IProfiler {
public:
    // Called by TensorRT at the end of each profiled enqueueV3, on the calling thread.
    void reportLayerTime(const char* layer_name, float ms) noexcept override;

    // One more enqueue was profiled.
    void count_run() noexcept { ++runs_; }

    // {"runs":R,"total_ms":T,"layers":[{"name":...,"calls":C,"total_ms":X,"average_ms":Y,"percent":P},...]},
    // layers in the order TensorRT first reported them.
    std::string json() const;
    void reset() noexcept;

private:
    struct Layer {
        std::string name;
        int64_t calls = 0;
        double total_ms = 0.0;
    };
    std::vector<Layer> layers_;
    std::unordered_map<std::string, size_t> index_;
    int64_t runs_ = 0;
};

// `text` as a JSON string literal, quotes included.
std::string json_string(const std::string& text);

}  // namespace fe

#endif
