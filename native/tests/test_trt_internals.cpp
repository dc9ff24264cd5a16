// TensorRT-side helpers that need no GPU and no TensorRT library, only its headers: log lines reach the call that
// caused them even when calls run concurrently through one logger, and the per-layer profile is valid JSON.
#include "check.hpp"
#include "layer_profiler.hpp"
#include "trt_logger.hpp"

#include <string>
#include <thread>
#include <vector>

namespace {

using Severity = nvinfer1::ILogger::Severity;

void concurrent_calls_keep_their_lines() {
    fe::RoutingLogger& logger = fe::process_logger();
    auto call = [&logger](const std::string& tag, std::string& text) {
        fe::LogCapture capture;
        for (int i = 0; i < 500; ++i) {
            logger.log(Severity::kWARNING, (tag + " line").c_str());
            logger.log(Severity::kINFO, "info is not recorded");
        }
        logger.log(Severity::kERROR, (tag + " failed").c_str());
        text = capture.text();
    };
    std::string a;
    std::string b;
    std::thread first(call, std::string("alpha"), std::ref(a));
    std::thread second(call, std::string("beta"), std::ref(b));
    first.join();
    second.join();
    CHECK(a.find("beta") == std::string::npos && b.find("alpha") == std::string::npos);
    CHECK(a.find("[E] alpha failed") != std::string::npos && b.find("[E] beta failed") != std::string::npos);
    CHECK(a.find("info") == std::string::npos);
    CHECK(a.rfind("(469 earlier lines dropped); [W] alpha line", 0) == 0);
    std::printf("capture: %.80s...\n", a.c_str());
}

void nested_and_unattributed() {
    fe::RoutingLogger& logger = fe::process_logger();
    // No capture: the shared logger drops the line instead of handing it to some other call.
    logger.log(Severity::kERROR, "nobody's");
    fe::LogCapture outer;
    {
        fe::LogCapture inner;
        logger.log(Severity::kERROR, "inner");
        CHECK(inner.text() == "[E] inner");
    }
    logger.log(Severity::kWARNING, "outer\n");
    CHECK(outer.text() == "[W] outer");

    // A build's own logger keeps the lines of threads without a capture (the builder's workers) for that build.
    fe::LogCapture build;
    fe::RoutingLogger build_logger(&build);
    std::thread worker([&build_logger] { build_logger.log(Severity::kWARNING, "from a worker"); });
    worker.join();
    build_logger.log(Severity::kERROR, "from the caller");
    CHECK(build.text() == "[W] from a worker; [E] from the caller");
}

void profile_json() {
    fe::LayerProfiler profiler;
    CHECK(profiler.json() == "{\"runs\":0,\"total_ms\":0,\"layers\":[]}");
    for (int run = 0; run < 2; ++run) {
        profiler.reportLayerTime("conv \"1\"", 1.5f);
        profiler.reportLayerTime("relu\\1", 0.5f);
        profiler.count_run();
    }
    const std::string json = profiler.json();
    std::printf("%s\n", json.c_str());
    CHECK(json == "{\"runs\":2,\"total_ms\":4,\"layers\":[{\"name\":\"conv \\\"1\\\"\",\"calls\":2,\"total_ms\":3,"
                  "\"average_ms\":1.5,\"percent\":75},{\"name\":\"relu\\\\1\",\"calls\":2,\"total_ms\":1,"
                  "\"average_ms\":0.5,\"percent\":25}]}");
    profiler.reset();
    CHECK(profiler.json() == "{\"runs\":0,\"total_ms\":0,\"layers\":[]}");
    CHECK(fe::json_string(std::string("a\nb\x01", 4)) == "\"a\\u000ab\\u0001\"");
}

}  // namespace

int main() {
    concurrent_calls_keep_their_lines();
    nested_and_unattributed();
    profile_json();
    return fe_test::finish();
}
