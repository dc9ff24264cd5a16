// fe_runner_* entry points: argument checks here, in every build; the work in tensorrt_backend.hpp.
#include "faceembed_trt.h"
#include "preprocess_check.hpp"
#include "status.hpp"
#include "tensorrt_backend.hpp"

#include <string>

namespace {

// Runners use at most this many buffer sets: beyond a few, more streams only cost memory.
constexpr int32_t kMaxStreams = 64;

void require_flag(int32_t value, const char* name) {
    if (value != 0 && value != 1) {
        fe::invalid_argument(std::string(name) + " must be 0 or 1, got " + std::to_string(value));
    }
}

void check_runner_options(const fe_runner_options& o) {
    if (o.struct_size < sizeof(fe_runner_options)) {
        fe::invalid_argument("options->struct_size is " + std::to_string(o.struct_size) + ", this shim needs " +
                             std::to_string(sizeof(fe_runner_options)) + " (sizeof(fe_runner_options))");
    }
    if (o.max_batch < 0) {
        fe::invalid_argument("options->max_batch must be >= 0 (0: the engine's), got " + std::to_string(o.max_batch));
    }
    if (o.streams < 1 || o.streams > kMaxStreams) {
        fe::invalid_argument("options->streams must be 1.." + std::to_string(kMaxStreams) + ", got " +
                             std::to_string(o.streams));
    }
    require_flag(o.cuda_graphs, "options->cuda_graphs");
    require_flag(o.spin_wait, "options->spin_wait");
    require_flag(o.profile_layers, "options->profile_layers");
    require_flag(o.timing, "options->timing");
    if ((o.warmup_layouts & ~(FE_WARMUP_UINT8_HWC_RGB | FE_WARMUP_FLOAT32_NCHW)) != 0) {
        fe::invalid_argument("options->warmup_layouts must be a combination of FE_WARMUP_UINT8_HWC_RGB (1) and "
                             "FE_WARMUP_FLOAT32_NCHW (2), got " + std::to_string(o.warmup_layouts));
    }
}

}  // namespace

extern "C" {

FE_API fe_status fe_runner_create(fe_engine* engine, const fe_runner_options* options,
                                  const fe_preprocess* preprocess, fe_runner** out) {
    return fe::guarded(__func__, [&] {
        fe::require_not_null(out, "out");
        *out = nullptr;
        fe::require_not_null(engine, "engine");
        fe::require_not_null(options, "options");
        check_runner_options(*options);
        fe::require_not_null(preprocess, "preprocess");
        fe::check_preprocess(*preprocess);
        *out = fe::runner_create(*engine, *options, *preprocess);
    });
}

FE_API void fe_runner_release(fe_runner* runner) {
    if (runner != nullptr) {
        fe::runner_release(runner);
    }
}

FE_API fe_status fe_runner_run(fe_runner* runner, const void* input, int32_t layout, int32_t count, int32_t height,
                               int32_t width, float* output) {
    return fe::guarded(__func__, [&] {
        fe::require_not_null(runner, "runner");
        if (layout != FE_LAYOUT_UINT8_HWC_RGB && layout != FE_LAYOUT_FLOAT32_NCHW) {
            fe::invalid_argument("layout must be FE_LAYOUT_UINT8_HWC_RGB (0) or FE_LAYOUT_FLOAT32_NCHW (1), got " +
                                 std::to_string(layout));
        }
        if (count < 0) {
            fe::invalid_argument("count must be >= 0, got " + std::to_string(count));
        }
        if (height <= 0 || width <= 0) {
            fe::invalid_argument("height and width must be > 0, got " + std::to_string(height) + "x" +
                                 std::to_string(width));
        }
        if (count > 0) {
            fe::require_not_null(input, "input");
            fe::require_not_null(output, "output");
        }
        fe::runner_run(*runner, input, layout, count, height, width, output);
    });
}

FE_API fe_status fe_runner_describe(const fe_runner* runner, fe_runner_info* out) {
    return fe::guarded(__func__, [&] {
        fe::require_not_null(out, "out");
        *out = fe_runner_info{};
        fe::require_not_null(runner, "runner");
        fe::runner_describe(*runner, *out);
    });
}

FE_API fe_status fe_runner_diagnostics(fe_runner* runner, const char** out) {
    return fe::guarded(__func__, [&] {
        fe::require_not_null(out, "out");
        *out = nullptr;
        fe::require_not_null(runner, "runner");
        *out = fe::runner_diagnostics(*runner);
    });
}

FE_API fe_status fe_runner_last_timing(const fe_runner* runner, fe_run_timing* out) {
    return fe::guarded(__func__, [&] {
        fe::require_not_null(out, "out");
        *out = fe_run_timing{};
        fe::require_not_null(runner, "runner");
        fe::runner_last_timing(*runner, *out);
    });
}

FE_API fe_status fe_runner_profile_json(fe_runner* runner, int32_t reset, const char** out) {
    return fe::guarded(__func__, [&] {
        fe::require_not_null(out, "out");
        *out = nullptr;
        fe::require_not_null(runner, "runner");
        require_flag(reset, "reset");
        *out = fe::runner_profile_json(*runner, reset != 0);
    });
}

}  // extern "C"
