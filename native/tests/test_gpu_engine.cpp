// The TensorRT path on a GPU, engine by engine: builds from the ONNX model (fp32 without TF32 and fp16, with a
// timing cache; INT8 refused for a model without Q/DQ nodes; hardware compatibility and a low optimisation level),
// load and description, and embeddings through runners, uint8 and float input, against each other and across
// precisions. TensorRT does not promise bit-identical results across kernel choices or runs, so results are
// compared with tolerances; bit-exact comparisons live in test_gpu_kernels, where they are guaranteed. Needs a GPU
// and TensorRT 10; skipped otherwise. Argument: the path of the model.
#include "gpu_engine_support.hpp"

#include <unistd.h>

#include <cstdio>
#include <string>
#include <vector>

namespace {

using namespace fe_test;

const std::vector<fe_profile> kProfile = {{1, 8, 32}};

void describe(fe_engine* engine) {
    fe_engine_io io{};
    CHECK_STATUS(fe_engine_describe(engine, &io), FE_OK);
    std::printf("engine: %s [%lld,%lld,%lld,%lld] -> %s [%lld,%lld], batch %d..%d, %d profile(s), %llu activation "
                "bytes\n",
                io.input_name, static_cast<long long>(io.input_dims[0]), static_cast<long long>(io.input_dims[1]),
                static_cast<long long>(io.input_dims[2]), static_cast<long long>(io.input_dims[3]), io.output_name,
                static_cast<long long>(io.output_dims[0]), static_cast<long long>(io.output_dims[1]), io.min_batch,
                io.max_batch, io.profile_count, static_cast<unsigned long long>(io.activation_bytes));
    CHECK(std::string(io.input_name) == "input");
    CHECK(std::string(io.output_name) == "output");
    CHECK(io.input_dims[0] == -1 && io.input_dims[1] == 3 && io.input_dims[2] == kSize && io.input_dims[3] == kSize);
    CHECK(io.output_dims[1] == kDim);
    CHECK(io.min_batch == 1 && io.max_batch == 32 && io.profile_count == 1);
    CHECK(io.profiles[0].min_batch == 1 && io.profiles[0].opt_batch == 8 && io.profiles[0].max_batch == 32);
    CHECK(io.activation_bytes > 0);
}

void run_engine(const Plan& plan, const std::vector<unsigned char>& crops, int count,
                std::vector<float>& embeddings_out) {
    fe_engine* engine = nullptr;
    CHECK_STATUS(fe_engine_load(plan.data, plan.size, 0, &engine), FE_OK);
    if (engine == nullptr) {
        return;
    }
    describe(engine);
    fe_runner* runner = nullptr;
    const fe_runner_options too_large = runner_options(64, 2, 1);
    CHECK_STATUS(fe_runner_create(engine, &too_large, &kBgr, &runner), FE_ERR_INVALID_ARGUMENT);
    CHECK_MESSAGE("max_batch 64 is above the engine's largest profile (max 32)");
    const fe_runner_options options = runner_options(8, 2, 1);
    CHECK_STATUS(fe_runner_create(engine, &options, &kBgr, &runner), FE_OK);
    // The runner keeps the engine alive.
    fe_engine_release(engine);
    if (runner == nullptr) {
        return;
    }

    // 21 crops: chunks of 8, 8 and 5 over two streams.
    const std::vector<float> from_bytes = embed(runner, crops.data(), FE_LAYOUT_UINT8_HWC_RGB, count);
    check_unit_rows(from_bytes);
    const std::vector<float> planes = planes_of(crops);
    const std::vector<float> from_floats = embed(runner, planes.data(), FE_LAYOUT_FLOAT32_NCHW, count);
    // The same engine input either way (the preprocessing kernel matches the reference bit for bit), but the
    // engine itself may pick other kernels from run to run.
    const float float_vs_bytes = max_abs_difference(from_bytes, from_floats);
    std::printf("uint8 vs float input: max |difference| %.3g\n", float_vs_bytes);
    CHECK(float_vs_bytes < 1e-4f);

    const std::vector<float> single = embed(runner, crops.data(), FE_LAYOUT_UINT8_HWC_RGB, 1);
    const float single_vs_batch =
        max_abs_difference(single, std::vector<float>(from_bytes.begin(), from_bytes.begin() + kDim));
    std::printf("batch 1 vs batch 8: max |difference| %.3g\n", single_vs_batch);
    CHECK(single_vs_batch < 1e-3f);

    CHECK_STATUS(fe_runner_run(runner, nullptr, FE_LAYOUT_UINT8_HWC_RGB, 0, kSize, kSize, nullptr), FE_OK);
    std::vector<float> out(kDim);
    CHECK_STATUS(fe_runner_run(runner, crops.data(), FE_LAYOUT_UINT8_HWC_RGB, 1, 96, kSize, out.data()),
                 FE_ERR_INVALID_ARGUMENT);
    CHECK_MESSAGE("crops are 96x112, the engine takes 112x112");
    fe_runner_release(runner);
    embeddings_out = from_bytes;
}

void build_variants(const char* model, const std::string& timing_cache) {
    Plan plan;
    fe_build_options int8 = build_options(FE_PRECISION_INT8, kProfile, nullptr);
    CHECK_STATUS(fe_engine_build(model, &int8, &plan.data, &plan.size), FE_ERR_INVALID_ARGUMENT);
    CHECK_MESSAGE("FE_PRECISION_INT8 needs an explicitly quantised model");

    const std::vector<fe_profile> fixed = {{2, 2, 2}, {1, 1, 1}};
    fe_build_options two = build_options(FE_PRECISION_FP32, fixed, nullptr);
    two.optimization_level = 0;
    const fe_status status = fe_engine_build(model, &two, &plan.data, &plan.size);
    std::printf("two profiles 2/2/2 and 1/1/1 at optimisation level 0: %s\n", fe_test::status_name(status));
    CHECK_STATUS(status, FE_OK);

    fe_tensorrt_versions versions{};
    CHECK_STATUS(fe_tensorrt_versions_get(&versions), FE_OK);
    Plan compatible;
    fe_build_options same_cc = build_options(FE_PRECISION_FP16, kProfile, timing_cache.c_str());
    same_cc.hardware_compatibility = FE_HARDWARE_COMPAT_SAME_COMPUTE_CAPABILITY;
    same_cc.optimization_level = 1;
    if (versions.library >= 100900) {
        CHECK_STATUS(fe_engine_build(model, &same_cc, &compatible.data, &compatible.size), FE_OK);
        fe_engine* engine = nullptr;
        CHECK_STATUS(fe_engine_load(compatible.data, compatible.size, 0, &engine), FE_OK);
        fe_engine_release(engine);
    } else {
        CHECK_STATUS(fe_engine_build(model, &same_cc, &compatible.data, &compatible.size), FE_ERR_NO_TENSORRT);
        CHECK_MESSAGE("needs TensorRT 10.9 or newer");
    }
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s <model.onnx>\n", argv[0]);
        return 2;
    }
    const std::string reason = no_tensorrt_gpu_reason();
    if (!reason.empty()) {
        return fe_test::skip(reason);
    }
    const std::string timing_cache = "fe_test_timing_cache." + std::to_string(::getpid()) + ".bin";
    std::remove(timing_cache.c_str());
    const fe_build_options fp32 = build_options(FE_PRECISION_FP32, kProfile, timing_cache.c_str());
    Plan plan32;
    CHECK_STATUS(fe_engine_build(argv[1], &fp32, &plan32.data, &plan32.size), FE_OK);
    std::printf("fp32 plan: %zu bytes\n", plan32.size);
    CHECK(::access(timing_cache.c_str(), R_OK) == 0);
    const fe_build_options fp16 = build_options(FE_PRECISION_FP16, kProfile, timing_cache.c_str());
    Plan plan16;
    CHECK_STATUS(fe_engine_build(argv[1], &fp16, &plan16.data, &plan16.size), FE_OK);
    std::printf("fp16 plan: %zu bytes\n", plan16.size);
    build_variants(argv[1], timing_cache);
    std::remove(timing_cache.c_str());

    const unsigned char garbage[64] = {1, 2, 3};
    fe_engine* engine = nullptr;
    CHECK_STATUS(fe_engine_load(garbage, sizeof garbage, 0, &engine), FE_ERR_TENSORRT);
    CHECK_MESSAGE("could not be deserialised");
    CHECK(engine == nullptr);

    const int count = 21;
    const std::vector<unsigned char> crops = random_crops(count, 7);
    std::vector<float> embeddings32;
    std::vector<float> embeddings16;
    if (plan32.data != nullptr) {
        run_engine(plan32, crops, count, embeddings32);
    }
    if (plan16.data != nullptr) {
        run_engine(plan16, crops, count, embeddings16);
    }
    if (!embeddings32.empty() && embeddings32.size() == embeddings16.size()) {
        const double worst = lowest_cosine(embeddings32, embeddings16);
        std::printf("fp16 vs fp32: lowest cosine similarity %.6f\n", worst);
        CHECK(worst > 0.99);
    }
    return fe_test::finish();
}
