// The shim's runner measured on one engine in each configuration bench/gpu/run.sh compares: CUDA graphs on and
// off, 1 and 2 streams, blocking and spinning waits, uint8 and float32 input. One JSON object per configuration
// and line on stdout; progress on stderr.
//
//   fe_bench --onnx model.onnx --precision fp16 --profile 1,64,256 --save-plan engine.plan   (build only)
//   fe_bench --plan engine.plan --chunk 64 --batch 256 [--iterations 50] [--warmup 10]
//            [--streams 1,2] [--graphs 0,1] [--spin 0,1] [--layouts uint8,float32]
//
// Input and output live in pinned memory (fe_host_alloc), as the Java backend's batches do. A call embeds --batch
// crops in chunks of up to --chunk (the runner's max_batch), so a call of 256 in chunks of 64 has 4 chunks that
// the streams can overlap. faces_per_second counts crops of completed calls over wall time; cpu_per_call_ms is the
// process's CPU time per call (what a blocking wait saves); span_ms and chunk_sum_ms come from one extra call with
// GPU timing events (chunk_sum_ms / span_ms > 1: chunks overlapped).
#include "faceembed_trt.h"

#include <time.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace {

struct Args {
    std::string onnx;
    std::string plan;
    std::string save_plan;
    std::string precision = "fp16";
    std::vector<fe_profile> profiles;
    int chunk = 64;
    int batch = 256;
    int iterations = 50;
    int warmup = 10;
    std::vector<int> streams = {1, 2};
    std::vector<int> graphs = {0, 1};
    std::vector<int> spin = {0, 1};
    std::vector<std::string> layouts = {"uint8", "float32"};
};

[[noreturn]] void fail(const std::string& what) {
    std::fprintf(stderr, "fe_bench: %s\n", what.c_str());
    std::exit(1);
}

void check(fe_status status, const char* call) {
    if (status != FE_OK) {
        fail(std::string(call) + " failed (" + std::to_string(status) + "): " + fe_last_error());
    }
}

std::vector<std::string> split(const std::string& text) {
    std::vector<std::string> parts;
    std::stringstream stream(text);
    for (std::string part; std::getline(stream, part, ',');) {
        parts.push_back(part);
    }
    return parts;
}

std::vector<int> numbers(const std::string& text) {
    std::vector<int> values;
    for (const std::string& part : split(text)) {
        values.push_back(std::atoi(part.c_str()));
    }
    return values;
}

Args parse(int argc, char** argv) {
    Args a;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string key = argv[i];
        const std::string value = argv[i + 1];
        if (key == "--onnx") a.onnx = value;
        else if (key == "--plan") a.plan = value;
        else if (key == "--save-plan") a.save_plan = value;
        else if (key == "--precision") a.precision = value;
        else if (key == "--profile") {
            const std::vector<int> p = numbers(value);
            if (p.size() != 3) fail("--profile takes min,opt,max");
            a.profiles.push_back(fe_profile{p[0], p[1], p[2]});
        } else if (key == "--chunk") a.chunk = std::atoi(value.c_str());
        else if (key == "--batch") a.batch = std::atoi(value.c_str());
        else if (key == "--iterations") a.iterations = std::atoi(value.c_str());
        else if (key == "--warmup") a.warmup = std::atoi(value.c_str());
        else if (key == "--streams") a.streams = numbers(value);
        else if (key == "--graphs") a.graphs = numbers(value);
        else if (key == "--spin") a.spin = numbers(value);
        else if (key == "--layouts") a.layouts = split(value);
        else fail("unknown option " + key);
    }
    if (a.onnx.empty() == a.plan.empty()) {
        fail("give either --onnx (build) or --plan (measure)");
    }
    return a;
}

void build(const Args& a) {
    std::vector<fe_profile> profiles = a.profiles;
    if (profiles.empty()) {
        profiles.push_back(fe_profile{1, 64, 256});
    }
    fe_build_options o{};
    o.struct_size = sizeof o;
    o.precision = a.precision == "fp32" ? FE_PRECISION_FP32 : a.precision == "int8" ? FE_PRECISION_INT8
                                                                                     : FE_PRECISION_FP16;
    o.optimization_level = -1;
    o.profile_count = static_cast<int32_t>(profiles.size());
    o.profiles = profiles.data();
    o.workspace_bytes = size_t{4} << 30;
    void* plan = nullptr;
    size_t size = 0;
    check(fe_engine_build(a.onnx.c_str(), &o, &plan, &size), "fe_engine_build");
    std::ofstream file(a.save_plan.empty() ? "engine.plan" : a.save_plan, std::ios::binary);
    file.write(static_cast<const char*>(plan), static_cast<std::streamsize>(size));
    fe_plan_free(plan);
    if (!file) {
        fail("cannot write the plan");
    }
}

double now(clockid_t clock) {
    timespec t{};
    clock_gettime(clock, &t);
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

struct Buffers {
    void* uint8 = nullptr;
    void* float32 = nullptr;
    void* output = nullptr;
};

Buffers make_buffers(int batch) {
    const size_t pixels = static_cast<size_t>(batch) * 112 * 112;
    Buffers b;
    check(fe_host_alloc(0, pixels * 3, &b.uint8), "fe_host_alloc");
    check(fe_host_alloc(0, pixels * 3 * sizeof(float), &b.float32), "fe_host_alloc");
    check(fe_host_alloc(0, static_cast<size_t>(batch) * 512 * sizeof(float), &b.output), "fe_host_alloc");
    std::mt19937 random(3);
    auto* bytes = static_cast<uint8_t*>(b.uint8);
    for (size_t i = 0; i < pixels * 3; ++i) {
        bytes[i] = static_cast<uint8_t>(random() & 0xff);
    }
    const fe_preprocess pp{{2, 1, 0}, {127.5f, 127.5f, 127.5f}, {127.5f, 127.5f, 127.5f}};
    check(fe_preprocess_reference(bytes, batch, 112, 112, &pp, static_cast<float*>(b.float32)),
          "fe_preprocess_reference");
    return b;
}

struct Config {
    int streams;
    int graphs;
    int spin;
    std::string layout;
};

fe_runner* make_runner(fe_engine* engine, const Args& a, const Config& c, int timing) {
    fe_runner_options o{};
    o.struct_size = sizeof o;
    o.max_batch = a.chunk;
    o.streams = c.streams;
    o.cuda_graphs = c.graphs;
    o.spin_wait = c.spin;
    o.warmup_layouts = c.layout == "uint8" ? FE_WARMUP_UINT8_HWC_RGB : FE_WARMUP_FLOAT32_NCHW;
    o.timing = timing;
    const fe_preprocess pp{{2, 1, 0}, {127.5f, 127.5f, 127.5f}, {127.5f, 127.5f, 127.5f}};
    fe_runner* runner = nullptr;
    check(fe_runner_create(engine, &o, &pp, &runner), "fe_runner_create");
    return runner;
}

void measure(fe_engine* engine, const Args& a, const Buffers& b, const Config& c) {
    const int32_t layout = c.layout == "uint8" ? FE_LAYOUT_UINT8_HWC_RGB : FE_LAYOUT_FLOAT32_NCHW;
    const void* input = layout == FE_LAYOUT_UINT8_HWC_RGB ? b.uint8 : b.float32;
    float* output = static_cast<float*>(b.output);
    fe_runner* runner = make_runner(engine, a, c, 0);
    for (int i = 0; i < a.warmup; ++i) {
        check(fe_runner_run(runner, input, layout, a.batch, 112, 112, output), "fe_runner_run");
    }
    std::vector<double> latencies;
    const double wall = now(CLOCK_MONOTONIC);
    const double cpu = now(CLOCK_PROCESS_CPUTIME_ID);
    for (int i = 0; i < a.iterations; ++i) {
        const double start = now(CLOCK_MONOTONIC);
        check(fe_runner_run(runner, input, layout, a.batch, 112, 112, output), "fe_runner_run");
        latencies.push_back((now(CLOCK_MONOTONIC) - start) * 1e3);
    }
    const double elapsed = now(CLOCK_MONOTONIC) - wall;
    const double cpu_used = now(CLOCK_PROCESS_CPUTIME_ID) - cpu;
    fe_runner_info info{};
    check(fe_runner_describe(runner, &info), "fe_runner_describe");
    fe_runner_release(runner);

    fe_runner* timed = make_runner(engine, a, c, 1);
    check(fe_runner_run(timed, input, layout, a.batch, 112, 112, output), "fe_runner_run");
    fe_run_timing t{};
    check(fe_runner_last_timing(timed, &t), "fe_runner_last_timing");
    fe_runner_release(timed);

    std::sort(latencies.begin(), latencies.end());
    auto percentile = [&](double p) { return latencies[static_cast<size_t>(p * (latencies.size() - 1))]; };
    std::printf("{\"batch\":%d,\"chunk\":%d,\"layout\":\"%s\",\"streams\":%d,\"cuda_graphs\":%d,\"graphs_active\":%d,"
                "\"spin_wait\":%d,\"faces_per_second\":%.1f,\"latency_ms_p50\":%.3f,\"latency_ms_p99\":%.3f,"
                "\"cpu_per_call_ms\":%.3f,\"span_ms\":%.3f,\"chunk_sum_ms\":%.3f,\"chunks\":%d}\n",
                a.batch, a.chunk, c.layout.c_str(), c.streams, c.graphs, info.cuda_graphs, c.spin,
                a.batch * a.iterations / elapsed, percentile(0.5), percentile(0.99), cpu_used * 1e3 / a.iterations,
                t.span_ms, t.chunk_sum_ms, t.chunks);
    std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
    const Args a = parse(argc, argv);
    check(fe_tensorrt_load(nullptr, nullptr), "fe_tensorrt_load");
    if (!a.onnx.empty()) {
        build(a);
        return 0;
    }
    std::ifstream file(a.plan, std::ios::binary);
    const std::vector<char> plan((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    if (plan.empty()) {
        fail("cannot read " + a.plan);
    }
    fe_engine* engine = nullptr;
    check(fe_engine_load(plan.data(), plan.size(), 0, &engine), "fe_engine_load");
    const Buffers buffers = make_buffers(a.batch);
    for (const std::string& layout : a.layouts) {
        for (const int streams : a.streams) {
            for (const int graphs : a.graphs) {
                for (const int spin : a.spin) {
                    std::fprintf(stderr, "fe_bench: %s, %d stream(s), graphs %d, spin %d\n", layout.c_str(), streams,
                                 graphs, spin);
                    measure(engine, a, buffers, Config{streams, graphs, spin, layout});
                }
            }
        }
    }
    fe_host_free(buffers.uint8);
    fe_host_free(buffers.float32);
    fe_host_free(buffers.output);
    fe_engine_release(engine);
    return 0;
}
