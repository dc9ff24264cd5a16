// Argument validation of every fe_* function: each bad argument gives FE_ERR_INVALID_ARGUMENT naming it, and out
// parameters are reset. Validation comes before any use of CUDA or TensorRT, so this runs the same in every build
// and on every machine. Handles that are never valid (`not_an_engine`, `not_a_runner`) are only passed together
// with another bad argument: validation fails before a handle is used.
#include "check.hpp"

#include <cmath>
#include <cstdint>

#define CHECK_INVALID(call, part)                        \
    do {                                                 \
        CHECK_STATUS(call, FE_ERR_INVALID_ARGUMENT);     \
        CHECK_MESSAGE(part);                             \
    } while (0)

namespace {

fe_build_options valid_options() {
    fe_build_options o{};
    o.struct_size = sizeof(fe_build_options);
    o.device = 0;
    o.precision = FE_PRECISION_FP32;
    o.min_batch = 1;
    o.opt_batch = 8;
    o.max_batch = 32;
    o.workspace_bytes = 0;
    o.timing_cache_path = nullptr;
    return o;
}

fe_preprocess valid_preprocess() {
    return fe_preprocess{{2, 1, 0}, {127.5f, 127.5f, 127.5f}, {127.5f, 127.5f, 127.5f}};
}

void cuda_functions() {
    CHECK_INVALID(fe_cuda_driver_version(nullptr), "fe_cuda_driver_version: out must not be NULL");
    CHECK_INVALID(fe_cuda_runtime_version(nullptr), "fe_cuda_runtime_version: out must not be NULL");
    CHECK_INVALID(fe_device_count(nullptr), "fe_device_count: out must not be NULL");

    fe_device_info info{};
    info.compute_major = 99;
    CHECK_INVALID(fe_device_info_get(0, nullptr), "out must not be NULL");
    CHECK_INVALID(fe_device_info_get(-1, &info), "device must be >= 0, got -1");
    CHECK(info.compute_major == 0);

    void* p = &info;
    CHECK_INVALID(fe_host_alloc(16, nullptr), "out must not be NULL");
    CHECK_INVALID(fe_host_alloc(0, &p), "bytes must be > 0");
    CHECK(p == nullptr);
    fe_host_free(nullptr);
}

void tensorrt_functions() {
    CHECK_INVALID(fe_tensorrt_load("", nullptr), "nvinfer_path must be NULL or a path");
    CHECK_INVALID(fe_tensorrt_load(nullptr, ""), "onnxparser_path must be NULL or a path");
    CHECK_INVALID(fe_tensorrt_version(nullptr), "fe_tensorrt_version: out must not be NULL");
}

void engine_build() {
    const char* model = "model.onnx";
    void* plan = &plan;
    size_t size = 7;
    fe_build_options o = valid_options();
    CHECK_INVALID(fe_engine_build(model, &o, nullptr, &size), "plan_out must not be NULL");
    CHECK_INVALID(fe_engine_build(model, &o, &plan, nullptr), "plan_size_out must not be NULL");
    CHECK_INVALID(fe_engine_build(nullptr, &o, &plan, &size), "onnx_path must not be NULL");
    CHECK(plan == nullptr);
    CHECK(size == 0);
    CHECK_INVALID(fe_engine_build("", &o, &plan, &size), "onnx_path must not be empty");
    CHECK_INVALID(fe_engine_build(model, nullptr, &plan, &size), "options must not be NULL");

    o.struct_size = sizeof(fe_build_options) - 1;
    CHECK_INVALID(fe_engine_build(model, &o, &plan, &size), "options->struct_size");
    o.struct_size = 0;
    CHECK_INVALID(fe_engine_build(model, &o, &plan, &size), "sizeof(fe_build_options)");

    o = valid_options();
    o.device = -1;
    CHECK_INVALID(fe_engine_build(model, &o, &plan, &size), "options->device must be >= 0");
    o = valid_options();
    o.precision = 2;
    CHECK_INVALID(fe_engine_build(model, &o, &plan, &size), "options->precision");

    const int32_t bad_batches[][3] = {{0, 1, 1}, {-1, 1, 1}, {2, 1, 4}, {1, 4, 2}, {4, 4, 3}};
    for (const auto& b : bad_batches) {
        o = valid_options();
        o.min_batch = b[0];
        o.opt_batch = b[1];
        o.max_batch = b[2];
        CHECK_INVALID(fe_engine_build(model, &o, &plan, &size), "1 <= min_batch <= opt_batch <= max_batch");
    }
    o = valid_options();
    o.timing_cache_path = "";
    CHECK_INVALID(fe_engine_build(model, &o, &plan, &size), "options->timing_cache_path");
    fe_plan_free(nullptr);
}

void engine() {
    const unsigned char bytes[4] = {1, 2, 3, 4};
    int anchor = 0;
    fe_engine* not_an_engine = reinterpret_cast<fe_engine*>(&anchor);
    fe_engine* engine = not_an_engine;
    CHECK_INVALID(fe_engine_load(bytes, sizeof bytes, 0, nullptr), "out must not be NULL");
    CHECK_INVALID(fe_engine_load(nullptr, sizeof bytes, 0, &engine), "plan must not be NULL");
    CHECK(engine == nullptr);
    CHECK_INVALID(fe_engine_load(bytes, 0, 0, &engine), "plan_size must be > 0");
    CHECK_INVALID(fe_engine_load(bytes, sizeof bytes, -1, &engine), "device must be >= 0");
    fe_engine_release(nullptr);

    fe_engine_io io{};
    io.max_batch = 5;
    CHECK_INVALID(fe_engine_describe(nullptr, &io), "engine must not be NULL");
    CHECK(io.max_batch == 0);
    CHECK_INVALID(fe_engine_describe(not_an_engine, nullptr), "out must not be NULL");
}

void runner() {
    int anchor = 0;
    fe_engine* not_an_engine = reinterpret_cast<fe_engine*>(&anchor);
    fe_runner* not_a_runner = reinterpret_cast<fe_runner*>(&anchor);
    const fe_preprocess pp = valid_preprocess();
    fe_runner* runner = not_a_runner;
    CHECK_INVALID(fe_runner_create(not_an_engine, 8, 2, &pp, nullptr), "out must not be NULL");
    CHECK_INVALID(fe_runner_create(nullptr, 8, 2, &pp, &runner), "engine must not be NULL");
    CHECK(runner == nullptr);
    CHECK_INVALID(fe_runner_create(not_an_engine, 0, 2, &pp, &runner), "max_batch must be >= 1");
    CHECK_INVALID(fe_runner_create(not_an_engine, 8, 0, &pp, &runner), "streams must be 1..64");
    CHECK_INVALID(fe_runner_create(not_an_engine, 8, 65, &pp, &runner), "streams must be 1..64");
    CHECK_INVALID(fe_runner_create(not_an_engine, 8, 2, nullptr, &runner), "preprocess must not be NULL");
    fe_preprocess bad = pp;
    bad.source_channel[1] = 3;
    CHECK_INVALID(fe_runner_create(not_an_engine, 8, 2, &bad, &runner), "preprocess.source_channel[1]");
    bad = pp;
    bad.std[2] = 0.0f;
    CHECK_INVALID(fe_runner_create(not_an_engine, 8, 2, &bad, &runner), "preprocess.std[2]");
    bad = pp;
    bad.mean[0] = NAN;
    CHECK_INVALID(fe_runner_create(not_an_engine, 8, 2, &bad, &runner), "preprocess.mean[0] must be finite");
    fe_runner_release(nullptr);

    unsigned char input[112 * 112 * 3] = {};
    float output[512] = {};
    CHECK_INVALID(fe_runner_run(nullptr, input, FE_LAYOUT_UINT8_HWC_RGB, 1, 112, 112, output),
                  "runner must not be NULL");
    CHECK_INVALID(fe_runner_run(not_a_runner, input, 2, 1, 112, 112, output), "layout must be");
    CHECK_INVALID(fe_runner_run(not_a_runner, input, -1, 1, 112, 112, output), "layout must be");
    CHECK_INVALID(fe_runner_run(not_a_runner, input, FE_LAYOUT_FLOAT32_NCHW, -1, 112, 112, output),
                  "count must be >= 0");
    CHECK_INVALID(fe_runner_run(not_a_runner, input, FE_LAYOUT_UINT8_HWC_RGB, 1, 0, 112, output),
                  "height and width must be > 0");
    CHECK_INVALID(fe_runner_run(not_a_runner, input, FE_LAYOUT_UINT8_HWC_RGB, 1, 112, -3, output),
                  "height and width must be > 0");
    CHECK_INVALID(fe_runner_run(not_a_runner, nullptr, FE_LAYOUT_UINT8_HWC_RGB, 1, 112, 112, output),
                  "input must not be NULL");
    CHECK_INVALID(fe_runner_run(not_a_runner, input, FE_LAYOUT_UINT8_HWC_RGB, 1, 112, 112, nullptr),
                  "output must not be NULL");
}

void reference() {
    const fe_preprocess pp = valid_preprocess();
    unsigned char pixels[12] = {};
    float planes[12] = {};
    CHECK_INVALID(fe_preprocess_reference(pixels, -1, 2, 2, &pp, planes), "count must be >= 0");
    CHECK_INVALID(fe_preprocess_reference(pixels, 1, 0, 2, &pp, planes), "height and width must be > 0");
    CHECK_INVALID(fe_preprocess_reference(pixels, 1, 2, -2, &pp, planes), "height and width must be > 0");
    CHECK_INVALID(fe_preprocess_reference(pixels, 1, 2, 2, nullptr, planes), "preprocess must not be NULL");
    fe_preprocess bad = pp;
    bad.source_channel[0] = -1;
    CHECK_INVALID(fe_preprocess_reference(pixels, 1, 2, 2, &bad, planes), "preprocess.source_channel[0]");
    bad = pp;
    bad.std[1] = INFINITY;
    CHECK_INVALID(fe_preprocess_reference(pixels, 1, 2, 2, &bad, planes), "preprocess.std[1]");
    CHECK_INVALID(fe_preprocess_reference(nullptr, 1, 2, 2, &pp, planes), "input must not be NULL");
    CHECK_INVALID(fe_preprocess_reference(pixels, 1, 2, 2, &pp, nullptr), "output must not be NULL");
    CHECK_STATUS(fe_preprocess_reference(nullptr, 0, 2, 2, &pp, nullptr), FE_OK);

    float data[4] = {};
    CHECK_INVALID(fe_l2_normalize_reference(data, -1, 4), "rows must be >= 0");
    CHECK_INVALID(fe_l2_normalize_reference(data, 1, 0), "dim must be > 0");
    CHECK_INVALID(fe_l2_normalize_reference(nullptr, 1, 4), "data must not be NULL");
    CHECK_STATUS(fe_l2_normalize_reference(nullptr, 0, 4), FE_OK);
}

}  // namespace

int main() {
    cuda_functions();
    tensorrt_functions();
    engine_build();
    engine();
    runner();
    reference();
    return fe_test::finish();
}
