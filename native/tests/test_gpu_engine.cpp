// The whole TensorRT path on a GPU: build an engine from the ONNX model (fp32 and fp16, with a timing cache), load
// and describe it, and embed crops through runners, uint8 and float input, checked against the CPU reference of
// the preprocessing. Needs a GPU and TensorRT 10; skipped otherwise. Argument: the path of the model.
#include "check.hpp"

#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

namespace {

constexpr int kSize = 112;
constexpr int kPixels = kSize * kSize;

struct Plan {
    void* data = nullptr;
    size_t size = 0;
    ~Plan() { fe_plan_free(data); }
};

fe_build_options options(int32_t precision, const char* timing_cache) {
    fe_build_options o{};
    o.struct_size = sizeof(fe_build_options);
    o.device = 0;
    o.precision = precision;
    o.min_batch = 1;
    o.opt_batch = 8;
    o.max_batch = 32;
    o.workspace_bytes = size_t{1} << 30;
    o.timing_cache_path = timing_cache;
    return o;
}

const fe_preprocess kBgr{{2, 1, 0}, {127.5f, 127.5f, 127.5f}, {127.5f, 127.5f, 127.5f}};

float max_abs_difference(const std::vector<float>& a, const std::vector<float>& b) {
    float worst = 0.0f;
    for (size_t i = 0; i < a.size(); ++i) {
        worst = std::fmax(worst, std::fabs(a[i] - b[i]));
    }
    return worst;
}

void check_unit_rows(const std::vector<float>& rows, int dim) {
    for (size_t r = 0; r < rows.size() / dim; ++r) {
        double norm = 0.0;
        for (int i = 0; i < dim; ++i) {
            norm += static_cast<double>(rows[r * dim + i]) * rows[r * dim + i];
        }
        CHECK(std::fabs(norm - 1.0) < 1e-4);
    }
}

std::vector<float> embed(fe_runner* runner, const void* input, int32_t layout, int count, int dim) {
    std::vector<float> out(static_cast<size_t>(count) * dim, NAN);
    CHECK_STATUS(fe_runner_run(runner, input, layout, count, kSize, kSize, out.data()), FE_OK);
    return out;
}

void run_engine(const Plan& plan, const std::vector<unsigned char>& crops, int count,
                std::vector<float>& embeddings_out) {
    fe_engine* engine = nullptr;
    CHECK_STATUS(fe_engine_load(plan.data, plan.size, 0, &engine), FE_OK);
    if (engine == nullptr) {
        return;
    }
    fe_engine_io io{};
    CHECK_STATUS(fe_engine_describe(engine, &io), FE_OK);
    std::printf("engine: %s [%lld,%lld,%lld,%lld] -> %s [%lld,%lld], batch %d/%d/%d\n", io.input_name,
                static_cast<long long>(io.input_dims[0]), static_cast<long long>(io.input_dims[1]),
                static_cast<long long>(io.input_dims[2]), static_cast<long long>(io.input_dims[3]), io.output_name,
                static_cast<long long>(io.output_dims[0]), static_cast<long long>(io.output_dims[1]), io.min_batch,
                io.opt_batch, io.max_batch);
    CHECK(std::string(io.input_name) == "input");
    CHECK(std::string(io.output_name) == "output");
    CHECK(io.input_dims[0] == -1 && io.input_dims[1] == 3 && io.input_dims[2] == kSize && io.input_dims[3] == kSize);
    CHECK(io.output_dims[1] == 512);
    CHECK(io.min_batch == 1 && io.opt_batch == 8 && io.max_batch == 32);
    const int dim = static_cast<int>(io.output_dims[1]);

    fe_runner* runner = nullptr;
    CHECK_STATUS(fe_runner_create(engine, 64, 2, &kBgr, &runner), FE_ERR_INVALID_ARGUMENT);
    CHECK_MESSAGE("outside the engine's batch range 1..32");
    CHECK_STATUS(fe_runner_create(engine, 8, 2, &kBgr, &runner), FE_OK);
    // The runner keeps the engine alive.
    fe_engine_release(engine);
    if (runner == nullptr) {
        return;
    }

    // 21 crops: chunks of 8, 8 and 5 over two streams.
    const std::vector<float> from_bytes = embed(runner, crops.data(), FE_LAYOUT_UINT8_HWC_RGB, count, dim);
    check_unit_rows(from_bytes, dim);

    std::vector<float> planes(static_cast<size_t>(count) * 3 * kPixels);
    CHECK_STATUS(fe_preprocess_reference(crops.data(), count, kSize, kSize, &kBgr, planes.data()), FE_OK);
    const std::vector<float> from_floats = embed(runner, planes.data(), FE_LAYOUT_FLOAT32_NCHW, count, dim);
    const float float_vs_bytes = max_abs_difference(from_bytes, from_floats);
    std::printf("uint8 vs float input: max |difference| %.3g\n", float_vs_bytes);
    CHECK(float_vs_bytes == 0.0f);

    // One crop alone (batch 1) gives the embedding it has in a batch, up to kernel choice.
    const std::vector<float> single = embed(runner, crops.data(), FE_LAYOUT_UINT8_HWC_RGB, 1, dim);
    const float single_vs_batch =
        max_abs_difference(single, std::vector<float>(from_bytes.begin(), from_bytes.begin() + dim));
    std::printf("batch 1 vs batch 8: max |difference| %.3g\n", single_vs_batch);
    CHECK(single_vs_batch < 1e-3f);

    CHECK_STATUS(fe_runner_run(runner, nullptr, FE_LAYOUT_UINT8_HWC_RGB, 0, kSize, kSize, nullptr), FE_OK);
    std::vector<float> out(dim);
    CHECK_STATUS(fe_runner_run(runner, crops.data(), FE_LAYOUT_UINT8_HWC_RGB, 1, 96, kSize, out.data()),
                 FE_ERR_INVALID_ARGUMENT);
    CHECK_MESSAGE("crops are 96x112, the engine takes 112x112");
    fe_runner_release(runner);
    embeddings_out = from_bytes;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s <model.onnx>\n", argv[0]);
        return 2;
    }
    int32_t devices = 0;
    if (fe_device_count(&devices) != FE_OK || devices == 0) {
        return fe_test::skip(std::string("no CUDA device: ") + fe_last_error());
    }
    if (fe_tensorrt_load(nullptr, nullptr) != FE_OK) {
        return fe_test::skip(std::string("no TensorRT 10 library: ") + fe_last_error());
    }

    const std::string timing_cache = "fe_test_timing_cache." + std::to_string(::getpid()) + ".bin";
    std::remove(timing_cache.c_str());
    const fe_build_options fp32 = options(FE_PRECISION_FP32, timing_cache.c_str());
    Plan plan32;
    CHECK_STATUS(fe_engine_build(argv[1], &fp32, &plan32.data, &plan32.size), FE_OK);
    std::printf("fp32 plan: %zu bytes\n", plan32.size);
    CHECK(::access(timing_cache.c_str(), R_OK) == 0);
    const fe_build_options fp16 = options(FE_PRECISION_FP16, timing_cache.c_str());
    Plan plan16;
    CHECK_STATUS(fe_engine_build(argv[1], &fp16, &plan16.data, &plan16.size), FE_OK);
    std::printf("fp16 plan: %zu bytes\n", plan16.size);
    std::remove(timing_cache.c_str());

    const unsigned char garbage[64] = {1, 2, 3};
    fe_engine* engine = nullptr;
    CHECK_STATUS(fe_engine_load(garbage, sizeof garbage, 0, &engine), FE_ERR_TENSORRT);
    CHECK_MESSAGE("could not be deserialised");
    CHECK(engine == nullptr);

    const int count = 21;
    std::vector<unsigned char> crops(static_cast<size_t>(count) * kPixels * 3);
    std::mt19937 random(7);
    std::uniform_int_distribution<int> byte(0, 255);
    for (unsigned char& b : crops) {
        b = static_cast<unsigned char>(byte(random));
    }
    std::vector<float> embeddings32;
    std::vector<float> embeddings16;
    if (plan32.data != nullptr) {
        run_engine(plan32, crops, count, embeddings32);
    }
    if (plan16.data != nullptr) {
        run_engine(plan16, crops, count, embeddings16);
    }
    if (!embeddings32.empty() && embeddings32.size() == embeddings16.size()) {
        double worst = 1.0;
        for (int r = 0; r < count; ++r) {
            double cosine = 0.0;
            for (int i = 0; i < 512; ++i) {
                cosine += static_cast<double>(embeddings32[r * 512 + i]) * embeddings16[r * 512 + i];
            }
            worst = std::fmin(worst, cosine);
        }
        std::printf("fp16 vs fp32: lowest cosine similarity %.6f\n", worst);
        CHECK(worst > 0.99);
    }
    return fe_test::finish();
}
