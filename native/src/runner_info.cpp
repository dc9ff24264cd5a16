// What a runner reports about itself: fe_runner_describe, fe_runner_diagnostics, fe_runner_last_timing and
// fe_runner_profile_json.
#include "runner.hpp"
#include "tensorrt_backend.hpp"

#include <string>

namespace fe {

void runner_describe(const fe_runner& r, fe_runner_info& out) {
    out.max_batch = r.max_batch;
    out.streams = static_cast<int32_t>(r.sets.size());
    out.cuda_graphs = r.graphs_active ? 1 : 0;
    out.graphs_captured = r.graphs_captured;
    out.device_bytes = r.device_bytes;
    out.pinned_bytes = r.pinned_bytes;
}

const char* runner_diagnostics(fe_runner& r) {
    const LoadedEngine& engine = *r.engine;
    std::string text = "streams: " + std::to_string(r.sets.size()) + ", chunks of up to " +
                       std::to_string(r.max_batch) + " crops over " + std::to_string(engine.profiles.size()) +
                       " optimisation profile(s)\n";
    text += "activation memory: " + std::to_string(r.sets.empty() ? 0 : r.sets[0].activation.bytes()) +
            " bytes per stream, shared by that stream's execution contexts\n";
    text += std::string("wait: ") + (r.options.spin_wait != 0 ? "spin" : "blocking sync") + "\n";
    if (r.options.cuda_graphs != 0 && r.graphs_active) {
        text += "cuda_graphs: on, " + std::to_string(r.graphs_captured) + " captured\n";
    } else if (r.options.cuda_graphs == 0) {
        text += "cuda_graphs: off (not asked for)\n";
    }
    for (const std::string& n : r.notes) {
        text += n + "\n";
    }
    r.text = std::move(text);
    return r.text.c_str();
}

void runner_last_timing(const fe_runner& r, fe_run_timing& out) {
    out = r.last_timing;
}

const char* runner_profile_json(fe_runner& r, bool reset) {
    if (!r.profiler) {
        invalid_argument("runner was created without profile_layers: create it with profile_layers = 1");
    }
    r.text = r.profiler->json();
    if (reset) {
        r.profiler->reset();
    }
    return r.text.c_str();
}

}  // namespace fe
