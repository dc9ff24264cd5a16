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

const fe_profile kProfiles[2] = {{1, 4, 8}, {9, 32, 64}};

fe_build_options valid_options() {
    fe_build_options o{};
    o.struct_size = sizeof(fe_build_options);
    o.device = 0;
    o.precision = FE_PRECISION_FP32;
    o.tf32 = 0;
    o.hardware_compatibility = FE_HARDWARE_COMPAT_NONE;
    o.optimization_level = -1;
    o.profile_count = 2;
    o.profiles = kProfiles;
    o.workspace_bytes = 0;
    o.timing_cache_path = nullptr;
    return o;
}

fe_runner_options valid_runner_options() {
    fe_runner_options o{};
    o.struct_size = sizeof(fe_runner_options);
    o.max_batch = 0;
    o.streams = 2;
    o.cuda_graphs = 1;
    o.spin_wait = 0;
    o.warmup_layouts = FE_WARMUP_UINT8_HWC_RGB | FE_WARMUP_FLOAT32_NCHW;
    o.profile_layers = 0;
    o.timing = 0;
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
    info.uuid[3] = 7;
    CHECK_INVALID(fe_device_info_get(0, nullptr), "out must not be NULL");
    CHECK_INVALID(fe_device_info_get(-1, &info), "device must be >= 0, got -1");
    CHECK(info.compute_major == 0 && info.uuid[3] == 0);

    uint64_t free_bytes = 5;
    uint64_t total_bytes = 6;
    CHECK_INVALID(fe_device_memory_get(0, nullptr, &total_bytes), "fe_device_memory_get: free_bytes must not be NULL");
    CHECK(total_bytes == 0);
    CHECK_INVALID(fe_device_memory_get(0, &free_bytes, nullptr), "total_bytes must not be NULL");
    CHECK(free_bytes == 0);
    free_bytes = total_bytes = 9;
    CHECK_INVALID(fe_device_memory_get(-2, &free_bytes, &total_bytes), "device must be >= 0, got -2");
    CHECK(free_bytes == 0 && total_bytes == 0);

    void* p = &info;
    CHECK_INVALID(fe_host_alloc(0, 16, nullptr), "out must not be NULL");
    CHECK_INVALID(fe_host_alloc(0, 0, &p), "bytes must be > 0");
    CHECK(p == nullptr);
    p = &info;
    CHECK_INVALID(fe_host_alloc(-1, 16, &p), "fe_host_alloc: device must be >= 0, got -1");
    CHECK(p == nullptr);
    fe_host_free(nullptr);
    // Memory that did not come from fe_host_alloc is left alone.
    fe_host_free(&info);
}

void tensorrt_functions() {
    CHECK_INVALID(fe_tensorrt_load("", nullptr), "nvinfer_path must be NULL or a path");
    CHECK_INVALID(fe_tensorrt_load(nullptr, ""), "onnxparser_path must be NULL or a path");
    CHECK_INVALID(fe_tensorrt_version(nullptr), "fe_tensorrt_version: out must not be NULL");
    CHECK_INVALID(fe_tensorrt_versions_get(nullptr), "fe_tensorrt_versions_get: out must not be NULL");
    CHECK_INVALID(fe_tensorrt_libraries(nullptr), "fe_tensorrt_libraries: out must not be NULL");

    const char* paths[2] = {"libplugin.so", nullptr};
    CHECK_INVALID(fe_tensorrt_load_plugins(paths, -1), "count must be >= 0, got -1");
    CHECK_INVALID(fe_tensorrt_load_plugins(nullptr, 1), "paths must not be NULL");
    CHECK_INVALID(fe_tensorrt_load_plugins(paths, 2), "paths[1] must not be NULL");
    paths[1] = "";
    CHECK_INVALID(fe_tensorrt_load_plugins(paths, 2), "paths[1] must be NULL or a path");
    // Nothing to load: succeeds without TensorRT, and without looking at paths.
    CHECK_STATUS(fe_tensorrt_load_plugins(nullptr, 0), FE_OK);
}

void engine_build_options() {
    const char* model = "model.onnx";
    void* plan = nullptr;
    size_t size = 0;
    fe_build_options o = valid_options();
    o.struct_size = sizeof(fe_build_options) - 1;
    CHECK_INVALID(fe_engine_build(model, &o, &plan, &size), "options->struct_size");
    o.struct_size = 0;
    CHECK_INVALID(fe_engine_build(model, &o, &plan, &size), "sizeof(fe_build_options)");

    struct Case {
        void (*change)(fe_build_options&);
        const char* message;
    };
    const Case cases[] = {
        {[](fe_build_options& b) { b.device = -1; }, "options->device must be >= 0"},
        {[](fe_build_options& b) { b.precision = 3; }, "FE_PRECISION_INT8 (2), got 3"},
        {[](fe_build_options& b) { b.precision = -1; }, "options->precision"},
        {[](fe_build_options& b) { b.tf32 = 2; }, "options->tf32 must be 0 or 1, got 2"},
        {[](fe_build_options& b) { b.hardware_compatibility = 2; }, "options->hardware_compatibility"},
        {[](fe_build_options& b) { b.optimization_level = 6; }, "options->optimization_level must be -1"},
        {[](fe_build_options& b) { b.optimization_level = -2; }, "or 0..5, got -2"},
        {[](fe_build_options& b) { b.reserved = 1; }, "options->reserved must be 0"},
        {[](fe_build_options& b) { b.profile_count = 0; }, "options->profile_count must be 1..8, got 0"},
        {[](fe_build_options& b) { b.profile_count = FE_MAX_PROFILES + 1; }, "options->profile_count must be 1..8"},
        {[](fe_build_options& b) { b.profiles = nullptr; }, "options->profiles must not be NULL"},
        {[](fe_build_options& b) { b.timing_cache_path = ""; }, "options->timing_cache_path"},
    };
    for (const Case& c : cases) {
        o = valid_options();
        c.change(o);
        CHECK_INVALID(fe_engine_build(model, &o, &plan, &size), c.message);
    }

    const fe_profile bad_batches[][2] = {{{0, 1, 1}, {1, 1, 1}}, {{1, 1, 1}, {-1, 1, 1}}, {{1, 1, 1}, {2, 1, 4}},
                                         {{1, 4, 2}, {1, 1, 1}}, {{1, 1, 1}, {4, 4, 3}}};
    for (const auto& b : bad_batches) {
        o = valid_options();
        o.profiles = b;
        CHECK_INVALID(fe_engine_build(model, &o, &plan, &size),
                      "must satisfy 1 <= min_batch <= opt_batch <= max_batch");
    }
    o = valid_options();
    o.profiles = bad_batches[1];
    CHECK_INVALID(fe_engine_build(model, &o, &plan, &size), "options->profiles[1]");
}

void engine_build() {
    const char* model = "model.onnx";
    void* plan = &plan;
    size_t size = 7;
    fe_build_options o = valid_options();
    CHECK_INVALID(fe_engine_build(model, &o, nullptr, &size), "plan_out must not be NULL");
    CHECK(size == 0);
    CHECK_INVALID(fe_engine_build(model, &o, &plan, nullptr), "plan_size_out must not be NULL");
    CHECK(plan == nullptr);
    plan = &plan;
    size = 7;
    CHECK_INVALID(fe_engine_build(nullptr, &o, &plan, &size), "onnx_path must not be NULL");
    CHECK(plan == nullptr);
    CHECK(size == 0);
    CHECK_INVALID(fe_engine_build("", &o, &plan, &size), "onnx_path must not be empty");
    CHECK_INVALID(fe_engine_build(model, nullptr, &plan, &size), "options must not be NULL");
    engine_build_options();
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
    io.profile_count = 3;
    CHECK_INVALID(fe_engine_describe(nullptr, &io), "engine must not be NULL");
    CHECK(io.max_batch == 0 && io.profile_count == 0);
    CHECK_INVALID(fe_engine_describe(not_an_engine, nullptr), "out must not be NULL");
}

void runner_options() {
    int anchor = 0;
    fe_engine* not_an_engine = reinterpret_cast<fe_engine*>(&anchor);
    const fe_preprocess pp = valid_preprocess();
    fe_runner* runner = nullptr;
    struct Case {
        void (*change)(fe_runner_options&);
        const char* message;
    };
    const Case cases[] = {
        {[](fe_runner_options& o) { o.struct_size = sizeof(fe_runner_options) - 4; }, "options->struct_size is"},
        {[](fe_runner_options& o) { o.max_batch = -1; }, "options->max_batch must be >= 0"},
        {[](fe_runner_options& o) { o.streams = 0; }, "options->streams must be 1..64, got 0"},
        {[](fe_runner_options& o) { o.streams = 65; }, "options->streams must be 1..64, got 65"},
        {[](fe_runner_options& o) { o.cuda_graphs = 2; }, "options->cuda_graphs must be 0 or 1"},
        {[](fe_runner_options& o) { o.spin_wait = -1; }, "options->spin_wait must be 0 or 1"},
        {[](fe_runner_options& o) { o.profile_layers = 3; }, "options->profile_layers must be 0 or 1"},
        {[](fe_runner_options& o) { o.timing = 5; }, "options->timing must be 0 or 1"},
        {[](fe_runner_options& o) { o.warmup_layouts = 4; }, "options->warmup_layouts must be a combination"},
    };
    for (const Case& c : cases) {
        fe_runner_options o = valid_runner_options();
        c.change(o);
        CHECK_INVALID(fe_runner_create(not_an_engine, &o, &pp, &runner), c.message);
    }
}

void runner() {
    int anchor = 0;
    fe_engine* not_an_engine = reinterpret_cast<fe_engine*>(&anchor);
    fe_runner* not_a_runner = reinterpret_cast<fe_runner*>(&anchor);
    const fe_preprocess pp = valid_preprocess();
    const fe_runner_options options = valid_runner_options();
    fe_runner* runner = not_a_runner;
    CHECK_INVALID(fe_runner_create(not_an_engine, &options, &pp, nullptr), "out must not be NULL");
    CHECK_INVALID(fe_runner_create(nullptr, &options, &pp, &runner), "engine must not be NULL");
    CHECK(runner == nullptr);
    CHECK_INVALID(fe_runner_create(not_an_engine, nullptr, &pp, &runner), "options must not be NULL");
    runner_options();
    CHECK_INVALID(fe_runner_create(not_an_engine, &options, nullptr, &runner), "preprocess must not be NULL");
    fe_preprocess bad = pp;
    bad.source_channel[1] = 3;
    CHECK_INVALID(fe_runner_create(not_an_engine, &options, &bad, &runner), "preprocess.source_channel[1]");
    bad = pp;
    bad.std[2] = 0.0f;
    CHECK_INVALID(fe_runner_create(not_an_engine, &options, &bad, &runner), "preprocess.std[2]");
    bad = pp;
    bad.mean[0] = NAN;
    CHECK_INVALID(fe_runner_create(not_an_engine, &options, &bad, &runner), "preprocess.mean[0] must be finite");
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

void runner_queries() {
    int anchor = 0;
    fe_runner* not_a_runner = reinterpret_cast<fe_runner*>(&anchor);
    fe_runner_info info{};
    info.streams = 3;
    CHECK_INVALID(fe_runner_describe(nullptr, &info), "fe_runner_describe: runner must not be NULL");
    CHECK(info.streams == 0);
    CHECK_INVALID(fe_runner_describe(not_a_runner, nullptr), "out must not be NULL");

    const char* text = "stale";
    CHECK_INVALID(fe_runner_diagnostics(nullptr, &text), "fe_runner_diagnostics: runner must not be NULL");
    CHECK(text == nullptr);
    CHECK_INVALID(fe_runner_diagnostics(not_a_runner, nullptr), "out must not be NULL");

    fe_run_timing timing{};
    timing.chunks = 4;
    CHECK_INVALID(fe_runner_last_timing(nullptr, &timing), "fe_runner_last_timing: runner must not be NULL");
    CHECK(timing.chunks == 0);
    CHECK_INVALID(fe_runner_last_timing(not_a_runner, nullptr), "out must not be NULL");

    text = "stale";
    CHECK_INVALID(fe_runner_profile_json(nullptr, 0, &text), "fe_runner_profile_json: runner must not be NULL");
    CHECK(text == nullptr);
    CHECK_INVALID(fe_runner_profile_json(not_a_runner, 0, nullptr), "out must not be NULL");
    CHECK_INVALID(fe_runner_profile_json(not_a_runner, 2, &text), "reset must be 0 or 1, got 2");
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
    runner_queries();
    reference();
    return fe_test::finish();
}
