// fe_* entry points of the TensorRT libraries, engine build and engine: argument checks here, in every build; the
// work in tensorrt_backend.hpp.
#include "faceembed_trt.h"
#include "status.hpp"
#include "tensorrt_backend.hpp"

#include <cstdlib>
#include <string>

namespace {

void require_optional_path(const char* path, const std::string& name) {
    if (path != nullptr && path[0] == '\0') {
        fe::invalid_argument(name + " must be NULL or a path, got an empty string");
    }
}

void require_flag(int32_t value, const char* name) {
    if (value != 0 && value != 1) {
        fe::invalid_argument(std::string(name) + " must be 0 or 1, got " + std::to_string(value));
    }
}

void check_profiles(const fe_build_options& o) {
    if (o.profile_count < 1 || o.profile_count > FE_MAX_PROFILES) {
        fe::invalid_argument("options->profile_count must be 1.." + std::to_string(FE_MAX_PROFILES) + ", got " +
                             std::to_string(o.profile_count));
    }
    fe::require_not_null(o.profiles, "options->profiles");
    for (int32_t p = 0; p < o.profile_count; ++p) {
        const fe_profile& b = o.profiles[p];
        if (b.min_batch < 1 || b.opt_batch < b.min_batch || b.max_batch < b.opt_batch) {
            fe::invalid_argument("options->profiles[" + std::to_string(p) +
                                 "] must satisfy 1 <= min_batch <= opt_batch <= max_batch, got " +
                                 std::to_string(b.min_batch) + " / " + std::to_string(b.opt_batch) + " / " +
                                 std::to_string(b.max_batch));
        }
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
    if (o.precision != FE_PRECISION_FP32 && o.precision != FE_PRECISION_FP16 && o.precision != FE_PRECISION_INT8) {
        fe::invalid_argument("options->precision must be FE_PRECISION_FP32 (0), FE_PRECISION_FP16 (1) or "
                             "FE_PRECISION_INT8 (2), got " + std::to_string(o.precision));
    }
    require_flag(o.tf32, "options->tf32");
    if (o.hardware_compatibility != FE_HARDWARE_COMPAT_NONE &&
        o.hardware_compatibility != FE_HARDWARE_COMPAT_SAME_COMPUTE_CAPABILITY) {
        fe::invalid_argument("options->hardware_compatibility must be FE_HARDWARE_COMPAT_NONE (0) or "
                             "FE_HARDWARE_COMPAT_SAME_COMPUTE_CAPABILITY (1), got " +
                             std::to_string(o.hardware_compatibility));
    }
    if (o.optimization_level < -1 || o.optimization_level > 5) {
        fe::invalid_argument("options->optimization_level must be -1 (TensorRT's default) or 0..5, got " +
                             std::to_string(o.optimization_level));
    }
    if (o.reserved != 0) {
        fe::invalid_argument("options->reserved must be 0");
    }
    check_profiles(o);
    require_optional_path(o.timing_cache_path, "options->timing_cache_path");
}

// The text fe_tensorrt_libraries hands out, per thread.
thread_local std::string libraries_text;

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

FE_API fe_status fe_tensorrt_versions_get(fe_tensorrt_versions* out) {
    return fe::guarded(__func__, [&] {
        fe::require_not_null(out, "out");
        *out = fe_tensorrt_versions{};
        fe::tensorrt_versions(*out);
    });
}

FE_API fe_status fe_tensorrt_libraries(const char** out) {
    return fe::guarded(__func__, [&] {
        fe::require_not_null(out, "out");
        *out = nullptr;
        libraries_text = fe::tensorrt_libraries();
        *out = libraries_text.c_str();
    });
}

FE_API fe_status fe_tensorrt_load_plugins(const char* const* paths, int32_t count) {
    return fe::guarded(__func__, [&] {
        if (count < 0) {
            fe::invalid_argument("count must be >= 0, got " + std::to_string(count));
        }
        if (count == 0) {
            return;
        }
        fe::require_not_null(paths, "paths");
        for (int32_t i = 0; i < count; ++i) {
            const std::string name = "paths[" + std::to_string(i) + "]";
            fe::require_not_null(paths[i], name.c_str());
            require_optional_path(paths[i], name);
        }
        fe::tensorrt_load_plugins(paths, count);
    });
}

FE_API fe_status fe_engine_build(const char* onnx_path, const fe_build_options* options, void** plan_out,
                                 size_t* plan_size_out) {
    return fe::guarded(__func__, [&] {
        if (plan_out != nullptr) {
            *plan_out = nullptr;
        }
        if (plan_size_out != nullptr) {
            *plan_size_out = 0;
        }
        fe::require_not_null(plan_out, "plan_out");
        fe::require_not_null(plan_size_out, "plan_size_out");
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

}  // extern "C"
