// What the GPU tests of the TensorRT path share: the skip check, engine builds, crops, runners and comparisons.
// Header-only, used through the public ABI.
#ifndef FACEEMBED_TEST_GPU_ENGINE_SUPPORT_HPP
#define FACEEMBED_TEST_GPU_ENGINE_SUPPORT_HPP

#include "check.hpp"

#include <cmath>
#include <random>
#include <string>
#include <vector>

namespace fe_test {

constexpr int kSize = 112;
constexpr int kPixels = kSize * kSize;
constexpr int kDim = 512;

const fe_preprocess kBgr{{2, 1, 0}, {127.5f, 127.5f, 127.5f}, {127.5f, 127.5f, 127.5f}};

// Why the TensorRT GPU tests cannot run here, or "" (and TensorRT is loaded) when they can.
inline std::string no_tensorrt_gpu_reason() {
    int32_t devices = 0;
    if (fe_device_count(&devices) != FE_OK || devices == 0) {
        return std::string("no CUDA device: ") + fe_last_error();
    }
    if (fe_tensorrt_load(nullptr, nullptr) != FE_OK) {
        return std::string("no TensorRT 10 library: ") + fe_last_error();
    }
    return "";
}

struct Plan {
    void* data = nullptr;
    size_t size = 0;
    Plan() = default;
    Plan(const Plan&) = delete;
    Plan& operator=(const Plan&) = delete;
    ~Plan() { fe_plan_free(data); }
};

inline fe_build_options build_options(int32_t precision, const std::vector<fe_profile>& profiles,
                                      const char* timing_cache) {
    fe_build_options o{};
    o.struct_size = sizeof(fe_build_options);
    o.device = 0;
    o.precision = precision;
    o.tf32 = 0;
    o.hardware_compatibility = FE_HARDWARE_COMPAT_NONE;
    o.optimization_level = -1;
    o.profile_count = static_cast<int32_t>(profiles.size());
    o.profiles = profiles.data();
    o.workspace_bytes = size_t{1} << 30;
    o.timing_cache_path = timing_cache;
    return o;
}

inline fe_runner_options runner_options(int32_t max_batch, int32_t streams, int32_t cuda_graphs) {
    fe_runner_options o{};
    o.struct_size = sizeof(fe_runner_options);
    o.max_batch = max_batch;
    o.streams = streams;
    o.cuda_graphs = cuda_graphs;
    o.spin_wait = 0;
    o.warmup_layouts = FE_WARMUP_UINT8_HWC_RGB | FE_WARMUP_FLOAT32_NCHW;
    o.profile_layers = 0;
    o.timing = 0;
    return o;
}

inline std::vector<unsigned char> random_crops(int count, unsigned seed) {
    std::vector<unsigned char> crops(static_cast<size_t>(count) * kPixels * 3);
    std::mt19937 random(seed);
    std::uniform_int_distribution<int> byte(0, 255);
    for (unsigned char& b : crops) {
        b = static_cast<unsigned char>(byte(random));
    }
    return crops;
}

inline std::vector<float> planes_of(const std::vector<unsigned char>& crops) {
    const int count = static_cast<int>(crops.size() / (kPixels * 3));
    std::vector<float> planes(static_cast<size_t>(count) * 3 * kPixels);
    CHECK_STATUS(fe_preprocess_reference(crops.data(), count, kSize, kSize, &kBgr, planes.data()), FE_OK);
    return planes;
}

inline std::vector<float> embed(fe_runner* runner, const void* input, int32_t layout, int count) {
    std::vector<float> out(static_cast<size_t>(count) * kDim, NAN);
    CHECK_STATUS(fe_runner_run(runner, input, layout, count, kSize, kSize, out.data()), FE_OK);
    return out;
}

inline float max_abs_difference(const std::vector<float>& a, const std::vector<float>& b) {
    float worst = a.size() == b.size() ? 0.0f : INFINITY;
    for (size_t i = 0; i < a.size() && i < b.size(); ++i) {
        worst = std::fmax(worst, std::fabs(a[i] - b[i]));
    }
    return worst;
}

// The lowest cosine similarity of corresponding rows (the rows are unit vectors).
inline double lowest_cosine(const std::vector<float>& a, const std::vector<float>& b) {
    double worst = a.size() == b.size() ? 1.0 : -1.0;
    for (size_t r = 0; r < a.size() / kDim && a.size() == b.size(); ++r) {
        double cosine = 0.0;
        for (int i = 0; i < kDim; ++i) {
            cosine += static_cast<double>(a[r * kDim + i]) * b[r * kDim + i];
        }
        worst = std::fmin(worst, cosine);
    }
    return worst;
}

inline void check_unit_rows(const std::vector<float>& rows) {
    for (size_t r = 0; r < rows.size() / kDim; ++r) {
        double norm = 0.0;
        for (int i = 0; i < kDim; ++i) {
            norm += static_cast<double>(rows[r * kDim + i]) * rows[r * kDim + i];
        }
        CHECK(std::fabs(norm - 1.0) < 1e-4);
    }
}

}  // namespace fe_test

#endif
