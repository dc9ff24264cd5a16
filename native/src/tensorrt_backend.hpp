// The TensorRT part behind the fe_tensorrt_*, fe_engine_* and fe_runner_* functions. Implemented by
// tensorrt_loader.cpp, engine_build.cpp, engine.cpp and runner*.cpp in a build with TensorRT headers, and by
// tensorrt_not_built.cpp otherwise. Arguments are validated by the caller (api_tensorrt.cpp, api_runner.cpp); what
// needs the engine to check (batch limits, crop size) is validated here.
#ifndef FACEEMBED_TENSORRT_BACKEND_HPP
#define FACEEMBED_TENSORRT_BACKEND_HPP

#include "faceembed_trt.h"

#include <cstddef>
#include <cstdint>
#include <string>

namespace fe {

void tensorrt_load(const char* nvinfer_path, const char* onnxparser_path);
int32_t tensorrt_version();
void tensorrt_versions(fe_tensorrt_versions& out);
std::string tensorrt_libraries();
void tensorrt_load_plugins(const char* const* paths, int32_t count);

// A serialised engine in memory from malloc (fe_plan_free is free).
struct MallocPlan {
    void* data;
    size_t size;
};
MallocPlan engine_build(const char* onnx_path, const fe_build_options& options);

fe_engine* engine_load(const void* plan, size_t plan_size, int32_t device);
void engine_release(fe_engine* engine) noexcept;
void engine_describe(const fe_engine& engine, fe_engine_io& out);

fe_runner* runner_create(fe_engine& engine, const fe_runner_options& options, const fe_preprocess& preprocess);
void runner_release(fe_runner* runner) noexcept;
void runner_run(fe_runner& runner, const void* input, int32_t layout, int32_t count, int32_t height, int32_t width,
                float* output);
void runner_describe(const fe_runner& runner, fe_runner_info& out);
const char* runner_diagnostics(fe_runner& runner);
void runner_last_timing(const fe_runner& runner, fe_run_timing& out);
const char* runner_profile_json(fe_runner& runner, bool reset);

}  // namespace fe

#endif
