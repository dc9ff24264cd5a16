// fe_runner_run: the batched data path. Chunks go round-robin over the buffer sets; each set's stream runs
// H2D -> GPU work (runner_chunk.cpp) -> D2H into pinned memory; a set is collected (its event waited for, its
// embeddings copied to pageable output) only when it is needed for the next chunk or at the end of the call, so
// that while one chunk computes the next one's copies are already queued.
#include "kernels.hpp"
#include "runner.hpp"
#include "tensorrt_backend.hpp"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <string>

namespace fe {
namespace {

class BusyFlag {
public:
    explicit BusyFlag(std::atomic<bool>& flag) : flag_(flag) {
        if (flag_.exchange(true)) {
            invalid_argument("runner is already running on another thread: use one runner per thread");
        }
    }
    ~BusyFlag() { flag_.store(false); }
    BusyFlag(const BusyFlag&) = delete;
    BusyFlag& operator=(const BusyFlag&) = delete;

private:
    std::atomic<bool>& flag_;
};

// Waits for every stream when a run fails part-way, so that no copy writes into the caller's memory after the
// call has returned, and forgets the chunks of the failed call.
class DrainOnFailure {
public:
    explicit DrainOnFailure(std::vector<BufferSet>& sets) : sets_(sets) {}
    ~DrainOnFailure() {
        if (!done_) {
            for (BufferSet& set : sets_) {
                cudaStreamSynchronize(set.stream.get());
                set.pending = false;
            }
        }
    }
    DrainOnFailure(const DrainOnFailure&) = delete;
    DrainOnFailure& operator=(const DrainOnFailure&) = delete;
    void done() noexcept { done_ = true; }

private:
    std::vector<BufferSet>& sets_;
    bool done_ = false;
};

// One fe_runner_run call.
struct Call {
    const unsigned char* input = nullptr;
    int32_t layout = 0;
    float* output = nullptr;
    bool output_pinned = false;
    int64_t first_bad = -1;
    fe_run_timing timing{};
    float earliest_start_ms = -1.0f;  // timing: relative to the runner's origin event
    float latest_end_ms = 0.0f;
};

bool is_pinned(const void* p) {
    cudaPointerAttributes attributes{};
    if (cudaPointerGetAttributes(&attributes, p) != cudaSuccess) {
        static_cast<void>(cudaGetLastError());
        return false;
    }
    return attributes.type == cudaMemoryTypeHost;
}

// Pinned output is written by the GPU directly; a range is pinned if its first and last bytes are.
bool is_pinned_range(const void* p, size_t bytes) {
    return is_pinned(p) && is_pinned(static_cast<const unsigned char*>(p) + bytes - 1);
}

float elapsed_ms(cudaEvent_t from, cudaEvent_t to) {
    float ms = 0.0f;
    cuda_check(cudaEventElapsedTime(&ms, from, to), "cudaEventElapsedTime");
    return ms;
}

// Waits for the set's chunk, checks its input flag, and moves its embeddings to the caller if the GPU could not.
void collect(fe_runner& r, BufferSet& set, Call& call) {
    if (!set.pending) {
        return;
    }
    const auto wait_start = std::chrono::steady_clock::now();
    cuda_check(cudaEventSynchronize(set.done.get()), "cudaEventSynchronize");
    call.timing.host_wait_ms +=
        std::chrono::duration<float, std::milli>(std::chrono::steady_clock::now() - wait_start).count();
    set.pending = false;
    const PendingChunk& chunk = set.chunk;
    if (chunk.check_input && *set.staging_bad.get() != kNoBadCrop) {
        const int64_t bad = chunk.start + *set.staging_bad.get();
        call.first_bad = call.first_bad < 0 ? bad : std::min(call.first_bad, bad);
    }
    if (chunk.copy_to != nullptr) {
        std::memcpy(chunk.copy_to, set.staging.get(),
                    static_cast<size_t>(chunk.count) * static_cast<size_t>(r.engine->dim) * sizeof(float));
    }
    if (set.started) {
        const float start = elapsed_ms(r.origin->get(), set.started->get());
        const float end = elapsed_ms(r.origin->get(), set.finished->get());
        call.earliest_start_ms = call.earliest_start_ms < 0.0f ? start : std::min(call.earliest_start_ms, start);
        call.latest_end_ms = std::max(call.latest_end_ms, end);
        call.timing.chunk_sum_ms += end - start;
    }
}

// Queues a chunk on the set: its input to the device, its GPU work, its embeddings back to pinned memory.
void start(fe_runner& r, BufferSet& set, Call& call, int64_t first, int32_t count, const LogCapture& capture) {
    const LoadedEngine& engine = *r.engine;
    cudaStream_t stream = set.stream.get();
    const size_t bytes = crop_bytes(engine, call.layout);
    const size_t dim = static_cast<size_t>(engine.dim);
    if (set.started) {
        cuda_check(cudaEventRecord(set.started->get(), stream), "cudaEventRecord");
    }
    void* device_input = call.layout == FE_LAYOUT_UINT8_HWC_RGB ? static_cast<void*>(set.pixels.get())
                                                                : static_cast<void*>(set.planes.get());
    cuda_check(cudaMemcpyAsync(device_input, call.input + static_cast<size_t>(first) * bytes,
                               static_cast<size_t>(count) * bytes, cudaMemcpyHostToDevice, stream),
               "cudaMemcpyAsync (crops to device)");
    if (launch_chunk(r, set, call.layout, count, capture)) {
        ++call.timing.graph_launches;
    }
    float* rows = call.output + static_cast<size_t>(first) * dim;
    cuda_check(cudaMemcpyAsync(call.output_pinned ? rows : set.staging.get(), set.embeddings.get(),
                               static_cast<size_t>(count) * dim * sizeof(float), cudaMemcpyDeviceToHost, stream),
               "cudaMemcpyAsync (embeddings to host)");
    const bool check_input = call.layout == FE_LAYOUT_FLOAT32_NCHW;
    if (check_input) {
        cuda_check(cudaMemcpyAsync(set.staging_bad.get(), set.first_bad.get(), sizeof(int32_t),
                                   cudaMemcpyDeviceToHost, stream),
                   "cudaMemcpyAsync (non-finite flag to host)");
    }
    if (set.finished) {
        cuda_check(cudaEventRecord(set.finished->get(), stream), "cudaEventRecord");
    }
    cuda_check(cudaEventRecord(set.done.get(), stream), "cudaEventRecord");
    set.chunk = PendingChunk{first, count, call.output_pinned ? nullptr : rows, check_input};
    set.pending = true;
    ++call.timing.chunks;
}

}  // namespace

void runner_run(fe_runner& r, const void* input, int32_t layout, int32_t count, int32_t height, int32_t width,
                float* output) {
    BusyFlag busy(r.busy);
    const LoadedEngine& engine = *r.engine;
    if (height != engine.height || width != engine.width) {
        invalid_argument("crops are " + std::to_string(height) + "x" + std::to_string(width) + ", the engine takes " +
                         std::to_string(engine.height) + "x" + std::to_string(engine.width));
    }
    r.last_timing = fe_run_timing{};
    if (count == 0) {
        return;
    }
    DeviceScope scope(engine.device);
    LogCapture capture;
    Call call;
    call.input = static_cast<const unsigned char*>(input);
    call.layout = layout;
    call.output = output;
    call.output_pinned =
        is_pinned_range(output, static_cast<size_t>(count) * static_cast<size_t>(engine.dim) * sizeof(float));
    if (layout == FE_LAYOUT_UINT8_HWC_RGB) {
        for (BufferSet& set : r.sets) {
            ensure_pixels(r, set);
        }
    }
    DrainOnFailure drain(r.sets);
    if (r.origin) {
        // Waited for, so that the chunks' times can always be measured from it.
        cuda_check(cudaEventRecord(r.origin->get(), r.sets[0].stream.get()), "cudaEventRecord");
        cuda_check(cudaEventSynchronize(r.origin->get()), "cudaEventSynchronize");
    }
    size_t next = 0;
    for (int64_t first = 0; first < count; first += r.max_batch) {
        const int32_t n = static_cast<int32_t>(std::min<int64_t>(r.max_batch, count - first));
        BufferSet& set = r.sets[next];
        next = (next + 1) % r.sets.size();
        collect(r, set, call);
        start(r, set, call, first, n, capture);
    }
    // The chunks still queued, oldest first.
    for (size_t i = 0; i < r.sets.size(); ++i) {
        collect(r, r.sets[(next + i) % r.sets.size()], call);
    }
    drain.done();
    if (r.origin) {
        call.timing.span_ms = call.latest_end_ms - call.earliest_start_ms;
    }
    if (call.first_bad >= 0) {
        invalid_argument("input crop " + std::to_string(call.first_bad) + " of " + std::to_string(count) +
                         " contains NaN or infinity; float32 input must be finite");
    }
    r.last_timing = call.timing;
}

}  // namespace fe
