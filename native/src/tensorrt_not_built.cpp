// The TensorRT part of a build without TensorRT headers: every call says so. No engine or runner can exist in such
// a build, so the release functions have nothing to free.
#include "status.hpp"
#include "tensorrt_backend.hpp"

namespace fe {
namespace {

[[noreturn]] void not_built() {
#ifdef FE_HAVE_CUDA
    throw Error(FE_ERR_NOT_BUILT,
                "this faceembed_trt was built without TensorRT (no TensorRT 10 headers at build time); rebuild it "
                "with -DTENSORRT_ROOT=<directory with include/NvInfer.h>");
#else
    throw Error(FE_ERR_NOT_BUILT,
                "this faceembed_trt was built without CUDA, hence without TensorRT; rebuild it with the CUDA "
                "toolkit and -DTENSORRT_ROOT=<directory with include/NvInfer.h>");
#endif
}

}  // namespace

void tensorrt_load(const char*, const char*) { not_built(); }
int32_t tensorrt_version() { not_built(); }
void tensorrt_versions(fe_tensorrt_versions&) { not_built(); }
std::string tensorrt_libraries() { not_built(); }
void tensorrt_load_plugins(const char* const*, int32_t) { not_built(); }
MallocPlan engine_build(const char*, const fe_build_options&) { not_built(); }
fe_engine* engine_load(const void*, size_t, int32_t) { not_built(); }
void engine_release(fe_engine*) noexcept {}
void engine_describe(const fe_engine&, fe_engine_io&) { not_built(); }
fe_runner* runner_create(fe_engine&, const fe_runner_options&, const fe_preprocess&) { not_built(); }
void runner_release(fe_runner*) noexcept {}
void runner_run(fe_runner&, const void*, int32_t, int32_t, int32_t, int32_t, float*) { not_built(); }
void runner_describe(const fe_runner&, fe_runner_info&) { not_built(); }
const char* runner_diagnostics(fe_runner&) { not_built(); }
void runner_last_timing(const fe_runner&, fe_run_timing&) { not_built(); }
const char* runner_profile_json(fe_runner&, bool) { not_built(); }

}  // namespace fe
