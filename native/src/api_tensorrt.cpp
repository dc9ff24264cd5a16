// fe_* entry points of the TensorRT part: argument checks here, in every build; the work in tensorrt_backend.hpp.
#include "faceembed_trt.h"
#include "preprocess_check.hpp"
#include "status.hpp"
#include "tensorrt_backend.hpp"

#include <cstdlib>
#include <string>

namespace {

// Runners use at most this many buffer sets: beyond a few, more streams only cost memory.
constexpr int32_t kMaxStreams = 64;

void require_optional_path(const char* path, const char* name) {
    if (path != nullptr && path[0] == '\0') {
        fe::invalid_argument(std::string(name) + " must be NULL or a path, got an empty string");
    }
}

void check_build_options(const fe_build_options& o) {
    if (o.struct_size < sizeof(fe_build_options)) {
        fe::invalid_argument("options->struct_size is " + std::to_string(o.struct_size) + ", this shim needs " +
                             std::to_string(sizeof(fe_build_options)) + " (sizeof(fe_build_options))");
    }
    if (o.device < 0) {
        fe::invalid_argument("options->device must be >= 0, got " + std::to_string(o.device));
    }
    if (o.precision != FE_PRECISION_FP32 && o.precision != FE_PRECISION_FP16) {
        fe::invalid_argument("options->precision must be FE_PRECISION_FP32 (0) or FE_PRECISION_FP16 (1), got " +
                             std::to_string(o.precision));
    }
    if (o.min_batch < 1 || o.opt_batch < o.min_batch || o.max_batch < o.opt_batch) {
        fe::invalid_argument("options batch sizes must satisfy 1 <= min_batch <= opt_batch <= max_batch, got " +
                             std::to_string(o.min_batch) + " / " + std::to_string(o.opt_batch) + " / " +
                             std::to_string(o.max_batch));
    }
    require_optional_path(o.timing_cache_path, "options->timing_cache_path");
}

}  // namespace

extern "C" {

FE_API fe_status fe_tensorrt_load(const char* nvinfer_path, const char* onnxparser_path) {
    return fe::guarded(__func__, [&] {
        require_optional_path(nvinfer_path, "nvinfer_path");
        require_optional_path(onnxparser_path, "onnxparser_path");
        fe::tensorrt_load(nvinfer_path, onnxparser_path);
    });
}

FE_API fe_status fe_tensorrt_version(int32_t* out) {
    return fe::guarded(__func__, [&] {
        fe::require_not_null(out, "out");
        *out = 0;
        *out = fe::tensorrt_version();
    });
}

FE_API fe_status fe_engine_build(const char* onnx_path, const fe_build_options* options, void** plan_out,
                                 size_t* plan_size_out) {
    return fe::guarded(__func__, [&] {
        fe::require_not_null(plan_out, "plan_out");
        fe::require_not_null(plan_size_out, "plan_size_out");
        *plan_out = nullptr;
        *plan_size_out = 0;
        fe::require_not_null(onnx_path, "onnx_path");
        if (onnx_path[0] == '\0') {
            fe::invalid_argument("onnx_path must not be empty");
        }
        fe::require_not_null(options, "options");
        check_build_options(*options);
        const fe::MallocPlan plan = fe::engine_build(onnx_path, *options);
        *plan_out = plan.data;
        *plan_size_out = plan.size;
    });
}

FE_API void fe_plan_free(void* plan) {
    std::free(plan);
}

FE_API fe_status fe_engine_load(const void* plan, size_t plan_size, int32_t device, fe_engine** out) {
    return fe::guarded(__func__, [&] {
        fe::require_not_null(out, "out");
        *out = nullptr;
        fe::require_not_null(plan, "plan");
        if (plan_size == 0) {
            fe::invalid_argument("plan_size must be > 0");
        }
        if (device < 0) {
            fe::invalid_argument("device must be >= 0, got " + std::to_string(device));
        }
        *out = fe::engine_load(plan, plan_size, device);
    });
}

FE_API void fe_engine_release(fe_engine* engine) {
    if (engine != nullptr) {
        fe::engine_release(engine);
    }
}

FE_API fe_status fe_engine_describe(const fe_engine* engine, fe_engine_io* out) {
    return fe::guarded(__func__, [&] {
        fe::require_not_null(out, "out");
        *out = fe_engine_io{};
        fe::require_not_null(engine, "engine");
        fe::engine_describe(*engine, *out);
    });
}

FE_API fe_status fe_runner_create(fe_engine* engine, int32_t max_batch, int32_t streams,
                                  const fe_preprocess* preprocess, fe_runner** out) {
    return fe::guarded(__func__, [&] {
        fe::require_not_null(out, "out");
        *out = nullptr;
        fe::require_not_null(engine, "engine");
        if (max_batch < 1) {
            fe::invalid_argument("max_batch must be >= 1, got " + std::to_string(max_batch));
        }
        if (streams < 1 || streams > kMaxStreams) {
            fe::invalid_argument("streams must be 1.." + std::to_string(kMaxStreams) + ", got " +
                                 std::to_string(streams));
        }
        fe::require_not_null(preprocess, "preprocess");
        fe::check_preprocess(*preprocess);
        *out = fe::runner_create(*engine, max_batch, streams, *preprocess);
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

}  // extern "C"
