// fe_runner_create / release: buffer sets, contexts, staging, and the warm-up run.
#include "kernels.hpp"
#include "runner.hpp"
#include "tensorrt_backend.hpp"

#include <algorithm>
#include <string>

namespace fe {
namespace {

unsigned done_event_flags(const fe_runner_options& options) {
    // A blocking-sync event makes cudaEventSynchronize sleep until the GPU is done (trtexec's default) instead of
    // spinning a CPU core; spin_wait keeps the device's schedule (by default: spin while the CPU has cores to
    // spare), for the last microseconds of latency.
    return cudaEventDisableTiming | (options.spin_wait != 0 ? 0u : static_cast<unsigned>(cudaEventBlockingSync));
}

BufferSet make_set(fe_runner& r, const LogCapture& capture) {
    const LoadedEngine& engine = *r.engine;
    const size_t row = crop_bytes(engine, FE_LAYOUT_FLOAT32_NCHW) / sizeof(float);
    const size_t dim = static_cast<size_t>(engine.dim);
    BufferSet set(done_event_flags(r.options));
    if (r.options.timing != 0) {
        set.started.emplace(cudaEventDefault);
        set.finished.emplace(cudaEventDefault);
    }
    const int64_t activation = *std::max_element(engine.activation_bytes.begin(), engine.activation_bytes.end());
    set.activation = DeviceBuffer<uint8_t>(static_cast<size_t>(activation));
    set.planes = DeviceBuffer<float>(static_cast<size_t>(r.buffer_batch) * row);
    set.embeddings = DeviceBuffer<float>(static_cast<size_t>(r.buffer_batch) * dim);
    set.first_bad = DeviceBuffer<int32_t>(1);
    set.staging = PinnedBuffer<float>(static_cast<size_t>(r.max_batch) * dim);
    set.staging_bad = PinnedBuffer<int32_t>(1);
    r.device_bytes += set.activation.bytes() + set.planes.bytes() + set.embeddings.bytes() + set.first_bad.bytes();
    r.pinned_bytes += set.staging.bytes() + set.staging_bad.bytes();
    if ((r.options.warmup_layouts & FE_WARMUP_UINT8_HWC_RGB) != 0) {
        ensure_pixels(r, set);
    }
    set.graph_slots.reserve(kMaxGraphSlots);
    for (size_t p = 0; p < engine.profiles.size(); ++p) {
        set.contexts.push_back(make_context(r, set, static_cast<int32_t>(p), capture));
    }
    return set;
}

// The chunk sizes a warm-up runs: each profile's opt batch (as far as max_batch allows) and max_batch itself.
std::vector<int32_t> warmup_sizes(const fe_runner& r) {
    std::vector<int32_t> sizes;
    for (const fe_profile& p : r.engine->profiles) {
        sizes.push_back(std::min(p.opt_batch, r.max_batch));
    }
    sizes.push_back(r.max_batch);
    std::sort(sizes.begin(), sizes.end());
    sizes.erase(std::unique(sizes.begin(), sizes.end()), sizes.end());
    return sizes;
}

// Runs zero crops through every set at every warm-up size and layout asked for, so that the first real call pays
// neither for CUDA's lazy module loading, TensorRT's first-enqueue work, nor graph captures.
void warm_up(fe_runner& r, const LogCapture& capture) {
    const std::vector<int32_t> sizes = warmup_sizes(r);
    for (const int32_t layout : {FE_LAYOUT_UINT8_HWC_RGB, FE_LAYOUT_FLOAT32_NCHW}) {
        if ((r.options.warmup_layouts & (1u << layout)) == 0) {
            continue;
        }
        for (BufferSet& set : r.sets) {
            for (const int32_t count : sizes) {
                void* input = layout == FE_LAYOUT_UINT8_HWC_RGB ? static_cast<void*>(set.pixels.get())
                                                                : static_cast<void*>(set.planes.get());
                cuda_check(cudaMemsetAsync(input, 0, static_cast<size_t>(count) * crop_bytes(*r.engine, layout),
                                           set.stream.get()),
                           "cudaMemsetAsync (warm-up input)");
                launch_chunk(r, set, layout, count, capture);
            }
        }
    }
}

}  // namespace

fe_runner* runner_create(fe_engine& engine, const fe_runner_options& options, const fe_preprocess& preprocess) {
    const std::shared_ptr<LoadedEngine>& state = engine.state;
    const int32_t max_batch = options.max_batch == 0 ? state->io.max_batch : options.max_batch;
    if (max_batch > state->io.max_batch) {
        invalid_argument("max_batch " + std::to_string(max_batch) + " is above the engine's largest profile (max " +
                         std::to_string(state->io.max_batch) + ")");
    }
    DeviceScope scope(state->device);
    LogCapture capture;
    auto runner = std::make_unique<fe_runner>();
    runner->engine = state;
    runner->preprocess = preprocess;
    runner->options = options;
    runner->max_batch = max_batch;
    runner->buffer_batch =
        largest_run_batch(state->profiles.data(), static_cast<int32_t>(state->profiles.size()), max_batch);
    runner->graphs_active = options.cuda_graphs != 0 && options.profile_layers == 0;
    if (options.cuda_graphs != 0 && options.profile_layers != 0) {
        note(*runner, "cuda_graphs: off: profile_layers needs plain enqueueV3 to report each layer");
    }
    if (options.profile_layers != 0) {
        runner->profiler = std::make_unique<LayerProfiler>();
    }
    if (options.timing != 0) {
        runner->origin.emplace(cudaEventDefault);
    }
    runner->sets.reserve(static_cast<size_t>(options.streams));
    for (int32_t s = 0; s < options.streams; ++s) {
        runner->sets.push_back(make_set(*runner, capture));
    }
    warm_up(*runner, capture);
    for (const BufferSet& set : runner->sets) {
        cuda_check(cudaStreamSynchronize(set.stream.get()), "cudaStreamSynchronize (runner creation)");
    }
    return runner.release();
}

void runner_release(fe_runner* runner) noexcept {
    std::optional<DeviceScope> scope;
    try {
        scope.emplace(runner->engine->device);
    } catch (...) {
        // Without the device there is nothing better to do than to free what can be freed.
    }
    // Each buffer set waits for its stream before it frees anything.
    delete runner;
}

}  // namespace fe
