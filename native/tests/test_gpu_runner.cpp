// The runner on a GPU, on one engine with two optimisation profiles (1/4/8 and 9/32/64, fp16): each chunk runs on
// the profile that suits it; CUDA graphs give the results of plain enqueueV3 (within tolerance) and are replayed
// after warm-up; chunks on two streams overlap (measured with CUDA events: the GPU span of a 4-chunk call is
// shorter than the sum of its chunks' own spans); blocking waits leave the CPU idle; NaN and infinity in float
// input are found on the GPU and named by crop; pinned and pageable output agree; uint8 staging is allocated only
// when uint8 input comes; per-layer profiles come out as JSON. Needs a GPU and TensorRT 10; skipped otherwise.
// Argument: the path of the model.
#include "gpu_engine_support.hpp"

#include <time.h>

#include <cstring>
#include <limits>
#include <string>
#include <vector>

namespace {

using namespace fe_test;

const std::vector<fe_profile> kProfiles = {{1, 4, 8}, {9, 32, 64}};

struct Runner {
    fe_runner* runner = nullptr;
    Runner(fe_engine* engine, const fe_runner_options& options) {
        CHECK_STATUS(fe_runner_create(engine, &options, &kBgr, &runner), FE_OK);
    }
    ~Runner() { fe_runner_release(runner); }
    Runner(const Runner&) = delete;
    Runner& operator=(const Runner&) = delete;
    explicit operator bool() const { return runner != nullptr; }
    fe_runner_info info() const {
        fe_runner_info i{};
        CHECK_STATUS(fe_runner_describe(runner, &i), FE_OK);
        return i;
    }
    fe_run_timing timing() const {
        fe_run_timing t{};
        CHECK_STATUS(fe_runner_last_timing(runner, &t), FE_OK);
        return t;
    }
    std::string diagnostics() const {
        const char* text = nullptr;
        CHECK_STATUS(fe_runner_diagnostics(runner, &text), FE_OK);
        return text != nullptr ? text : "";
    }
};

// Pinned host memory from the shim.
struct Pinned {
    void* p = nullptr;
    explicit Pinned(size_t bytes) { CHECK_STATUS(fe_host_alloc(0, bytes, &p), FE_OK); }
    ~Pinned() { fe_host_free(p); }
    Pinned(const Pinned&) = delete;
    Pinned& operator=(const Pinned&) = delete;
};

double seconds(clockid_t clock) {
    timespec t{};
    clock_gettime(clock, &t);
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

void profiles_per_chunk(fe_engine* engine, const std::vector<unsigned char>& crops) {
    Runner r(engine, runner_options(64, 2, 0));
    if (!r) {
        return;
    }
    // The same crops in chunks that run on profile 0 (3 and 8 crops) and on profile 1 (9, 40 and 64 crops).
    const std::vector<float> reference = embed(r.runner, crops.data(), FE_LAYOUT_UINT8_HWC_RGB, 64);
    for (const int count : {3, 8, 9, 40}) {
        const std::vector<float> part = embed(r.runner, crops.data(), FE_LAYOUT_UINT8_HWC_RGB, count);
        const double cosine =
            lowest_cosine(part, std::vector<float>(reference.begin(), reference.begin() + count * kDim));
        std::printf("chunk of %d vs chunk of 64: lowest cosine %.6f\n", count, cosine);
        CHECK(cosine > 0.999);
    }
    // 100 crops: chunks of 64 and 36.
    std::vector<unsigned char> more(crops);
    more.insert(more.end(), crops.begin(), crops.begin() + 36 * kPixels * 3);
    const std::vector<float> hundred = embed(r.runner, more.data(), FE_LAYOUT_UINT8_HWC_RGB, 100);
    CHECK(lowest_cosine(std::vector<float>(hundred.begin(), hundred.begin() + 64 * kDim), reference) > 0.999);
    check_unit_rows(hundred);
}

void graphs_match_plain(fe_engine* engine, const std::vector<unsigned char>& crops) {
    Runner plain(engine, runner_options(32, 2, 0));
    Runner graphs(engine, runner_options(32, 2, 1));
    if (!plain || !graphs) {
        return;
    }
    const std::vector<float> planes = planes_of(crops);
    for (const int32_t layout : {FE_LAYOUT_UINT8_HWC_RGB, FE_LAYOUT_FLOAT32_NCHW}) {
        const void* input = layout == FE_LAYOUT_UINT8_HWC_RGB ? static_cast<const void*>(crops.data())
                                                              : static_cast<const void*>(planes.data());
        const std::vector<float> a = embed(plain.runner, input, layout, 64);
        const std::vector<float> b = embed(graphs.runner, input, layout, 64);
        const fe_run_timing t = graphs.timing();
        std::printf("layout %d: graphs vs plain max |difference| %.3g; %d of %d chunks replayed\n", layout,
                    max_abs_difference(a, b), t.graph_launches, t.chunks);
        CHECK(max_abs_difference(a, b) < 2e-3f);
        // Warm-up captured the graphs of 32-crop chunks, so every chunk is a replay.
        CHECK(t.chunks == 2 && t.graph_launches == 2);
    }
    const fe_runner_info info = graphs.info();
    CHECK(info.cuda_graphs == 1 && info.graphs_captured > 0);
    const std::string diagnostics = graphs.diagnostics();
    std::printf("%s", diagnostics.c_str());
    CHECK(diagnostics.find("cuda_graphs: on") != std::string::npos);
    CHECK(plain.diagnostics().find("cuda_graphs: off (not asked for)") != std::string::npos);
}

// The GPU span of a call of 4 chunks and the sum of the chunks' own spans, with 1 and 2 streams.
void chunks_overlap(fe_engine* engine, const std::vector<unsigned char>& crops) {
    Pinned input(crops.size() * 4);
    Pinned output(static_cast<size_t>(256) * kDim * sizeof(float));
    for (int i = 0; i < 4; ++i) {
        std::memcpy(static_cast<unsigned char*>(input.p) + i * crops.size(), crops.data(), crops.size());
    }
    for (const int32_t streams : {1, 2}) {
        fe_runner_options o = runner_options(64, streams, 1);
        o.timing = 1;
        Runner r(engine, o);
        if (!r || input.p == nullptr || output.p == nullptr) {
            return;
        }
        fe_run_timing best{};
        best.span_ms = std::numeric_limits<float>::max();
        for (int repeat = 0; repeat < 5; ++repeat) {
            CHECK_STATUS(fe_runner_run(r.runner, input.p, FE_LAYOUT_UINT8_HWC_RGB, 256, kSize, kSize,
                                       static_cast<float*>(output.p)),
                         FE_OK);
            const fe_run_timing t = r.timing();
            if (t.span_ms < best.span_ms) {
                best = t;
            }
        }
        std::printf("%d stream(s), 4 chunks of 64: GPU span %.3f ms, sum of chunk spans %.3f ms (%.2fx), host wait "
                    "%.3f ms\n",
                    streams, best.span_ms, best.chunk_sum_ms, best.chunk_sum_ms / best.span_ms, best.host_wait_ms);
        CHECK(best.chunks == 4);
        if (streams == 2) {
            CHECK(best.span_ms < best.chunk_sum_ms);
        }
    }
}

// CPU time of the calling thread's process while it waits for long calls, blocking and spinning.
void blocking_sleeps(fe_engine* engine, const std::vector<unsigned char>& crops) {
    // Pinned input and output, so that the CPU has nothing to copy and its time is the waiting.
    Pinned input(crops.size());
    Pinned output(static_cast<size_t>(64) * kDim * sizeof(float));
    if (input.p != nullptr) {
        std::memcpy(input.p, crops.data(), crops.size());
    }
    double fraction[2] = {0.0, 0.0};
    for (const int32_t spin : {0, 1}) {
        fe_runner_options o = runner_options(64, 1, 1);
        o.spin_wait = spin;
        Runner r(engine, o);
        if (!r || input.p == nullptr || output.p == nullptr) {
            return;
        }
        const double wall = seconds(CLOCK_MONOTONIC);
        const double cpu = seconds(CLOCK_PROCESS_CPUTIME_ID);
        for (int i = 0; i < 200; ++i) {
            CHECK_STATUS(fe_runner_run(r.runner, input.p, FE_LAYOUT_UINT8_HWC_RGB, 64, kSize, kSize,
                                       static_cast<float*>(output.p)),
                         FE_OK);
        }
        fraction[spin] = (seconds(CLOCK_PROCESS_CPUTIME_ID) - cpu) / (seconds(CLOCK_MONOTONIC) - wall);
        CHECK(r.diagnostics().find(spin != 0 ? "wait: spin" : "wait: blocking sync") != std::string::npos);
    }
    std::printf("CPU time / wall time over 200 calls: blocking %.2f, spin %.2f\n", fraction[0], fraction[1]);
    CHECK(fraction[0] < 0.5);
}

void non_finite_input(fe_engine* engine, const std::vector<unsigned char>& crops) {
    std::vector<unsigned char> hundred;
    while (hundred.size() < static_cast<size_t>(100) * kPixels * 3) {
        hundred.insert(hundred.end(), crops.begin(), crops.end());
    }
    hundred.resize(static_cast<size_t>(100) * kPixels * 3);
    std::vector<float> planes = planes_of(hundred);
    const size_t crop_values = static_cast<size_t>(3) * kPixels;
    planes[90 * crop_values + 5] = INFINITY;
    planes[70 * crop_values + crop_values - 1] = NAN;
    for (const int32_t graphs : {0, 1}) {
        Runner r(engine, runner_options(64, 2, graphs));
        if (!r) {
            return;
        }
        std::vector<float> out(static_cast<size_t>(100) * kDim);
        CHECK_STATUS(fe_runner_run(r.runner, planes.data(), FE_LAYOUT_FLOAT32_NCHW, 100, kSize, kSize, out.data()),
                     FE_ERR_INVALID_ARGUMENT);
        CHECK_MESSAGE("fe_runner_run: input crop 70 of 100 contains NaN or infinity");
        // The flag is reset for every chunk: clean input passes again.
        CHECK_STATUS(fe_runner_run(r.runner, planes.data(), FE_LAYOUT_FLOAT32_NCHW, 70, kSize, kSize, out.data()),
                     FE_OK);
        CHECK_STATUS(fe_runner_run(r.runner, planes.data() + 91 * crop_values, FE_LAYOUT_FLOAT32_NCHW, 9, kSize,
                                   kSize, out.data()),
                     FE_OK);
    }
}

void outputs_and_staging(fe_engine* engine, const std::vector<unsigned char>& crops) {
    fe_runner_options o = runner_options(32, 2, 1);
    o.warmup_layouts = FE_WARMUP_FLOAT32_NCHW;
    Runner r(engine, o);
    Pinned pinned_output(static_cast<size_t>(64) * kDim * sizeof(float));
    if (!r || pinned_output.p == nullptr) {
        return;
    }
    const fe_runner_info before = r.info();
    const std::vector<float> pageable = embed(r.runner, crops.data(), FE_LAYOUT_UINT8_HWC_RGB, 64);
    const fe_runner_info after = r.info();
    std::printf("device memory: %llu bytes before uint8 input, %llu after; pinned staging %llu bytes\n",
                static_cast<unsigned long long>(before.device_bytes),
                static_cast<unsigned long long>(after.device_bytes),
                static_cast<unsigned long long>(after.pinned_bytes));
    CHECK(after.device_bytes == before.device_bytes + 2ull * 32 * kPixels * 3);
    CHECK(after.pinned_bytes >= 2ull * 32 * kDim * sizeof(float));
    CHECK_STATUS(fe_runner_run(r.runner, crops.data(), FE_LAYOUT_UINT8_HWC_RGB, 64, kSize, kSize,
                               static_cast<float*>(pinned_output.p)),
                 FE_OK);
    const float* direct = static_cast<const float*>(pinned_output.p);
    CHECK(max_abs_difference(pageable, std::vector<float>(direct, direct + 64 * kDim)) < 2e-3f);
}

void layer_profile(fe_engine* engine, const std::vector<unsigned char>& crops) {
    fe_runner_options o = runner_options(8, 1, 1);
    o.profile_layers = 1;
    o.warmup_layouts = 0;
    Runner r(engine, o);
    if (!r) {
        return;
    }
    CHECK(r.diagnostics().find("cuda_graphs: off: profile_layers needs plain enqueueV3") != std::string::npos);
    embed(r.runner, crops.data(), FE_LAYOUT_UINT8_HWC_RGB, 16);
    const char* json = nullptr;
    CHECK_STATUS(fe_runner_profile_json(r.runner, 1, &json), FE_OK);
    const std::string text = json != nullptr ? json : "";
    std::printf("profile: %.300s...\n", text.c_str());
    CHECK(text.rfind("{\"runs\":2,\"total_ms\":", 0) == 0);
    CHECK(text.find("\"layers\":[{\"name\":") != std::string::npos);
    CHECK_STATUS(fe_runner_profile_json(r.runner, 0, &json), FE_OK);
    CHECK(std::string(json).rfind("{\"runs\":0,", 0) == 0);

    Runner without(engine, runner_options(8, 1, 0));
    CHECK_STATUS(fe_runner_profile_json(without.runner, 0, &json), FE_ERR_INVALID_ARGUMENT);
    CHECK_MESSAGE("created without profile_layers");
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
    Plan plan;
    const fe_build_options options = build_options(FE_PRECISION_FP16, kProfiles, nullptr);
    CHECK_STATUS(fe_engine_build(argv[1], &options, &plan.data, &plan.size), FE_OK);
    fe_engine* engine = nullptr;
    if (plan.data == nullptr || fe_engine_load(plan.data, plan.size, 0, &engine) != FE_OK) {
        std::fprintf(stderr, "no engine: %s\n", fe_last_error());
        return 1;
    }
    fe_engine_io io{};
    CHECK_STATUS(fe_engine_describe(engine, &io), FE_OK);
    CHECK(io.profile_count == 2 && io.min_batch == 1 && io.max_batch == 64);
    CHECK(io.profiles[1].min_batch == 9 && io.profiles[1].opt_batch == 32 && io.profiles[1].max_batch == 64);

    const std::vector<unsigned char> crops = random_crops(64, 11);
    profiles_per_chunk(engine, crops);
    graphs_match_plain(engine, crops);
    chunks_overlap(engine, crops);
    blocking_sleeps(engine, crops);
    non_finite_input(engine, crops);
    outputs_and_staging(engine, crops);
    layer_profile(engine, crops);
    fe_engine_release(engine);
    return fe_test::finish();
}
