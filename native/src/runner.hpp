// The state of an fe_runner: buffer sets (stream, execution contexts, device buffers, pinned output staging),
// CUDA graphs per chunk size, and what the runner reports about itself. Shared by runner_create.cpp,
// runner_run.cpp and runner_info.cpp.
#ifndef FACEEMBED_RUNNER_HPP
#define FACEEMBED_RUNNER_HPP

#include "cuda_resources.hpp"
#include "engine.hpp"
#include "layer_profiler.hpp"
#include "profile_choice.hpp"
#include "trt_logger.hpp"

#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace fe {

// An execution context on one optimisation profile, and the batch its input shape was last set to.
struct Context {
    std::unique_ptr<nvinfer1::IExecutionContext> context;
    int32_t profile = 0;
    int32_t bound_batch = -1;
};

// The GPU work of one chunk size, captured once per input layout. Its context keeps that size's input shape for
// good, so that the graphs stay valid (a graph replays the kernels of the shape it was captured with).
struct GraphSlot {
    int32_t chunk = 0;
    Context context;
    CudaGraphExec graphs[2];  // indexed by FE_LAYOUT_*
};

// A chunk whose GPU work is queued on a buffer set and not yet collected.
struct PendingChunk {
    int64_t start = 0;        // index of its first crop in the call
    int32_t count = 0;
    float* copy_to = nullptr; // the caller's rows, to fill from the staging buffer; NULL when the GPU wrote them
    bool check_input = false; // float input: read the non-finite flag
};

// Each set's work runs in order on its stream, so a set's buffers are reused only after its previous chunk.
struct BufferSet {
    explicit BufferSet(unsigned done_flags) : done(done_flags) {}
    // Waits for the stream before anything of the set is freed: contexts and buffers may still be in use by work
    // queued on it (a failed creation or call).
    ~BufferSet() {
        if (stream.get() != nullptr) {
            cudaStreamSynchronize(stream.get());
        }
    }
    BufferSet(BufferSet&&) = default;
    BufferSet& operator=(BufferSet&&) = default;
    BufferSet(const BufferSet&) = delete;
    BufferSet& operator=(const BufferSet&) = delete;

    CudaStream stream;
    CudaEvent done;                    // recorded after a chunk's last copy; blocking-sync unless spin_wait
    std::optional<CudaEvent> started;  // timing only
    std::optional<CudaEvent> finished;
    // Activation memory of every context of this set. They run one after the other on this stream, so one block
    // serves all; sets run concurrently, so each set has its own.
    DeviceBuffer<uint8_t> activation;
    DeviceBuffer<uint8_t> pixels;      // uint8 HWC RGB crops; allocated with the first uint8 chunk
    DeviceBuffer<float> planes;        // the engine's float NCHW input
    DeviceBuffer<float> embeddings;    // the engine's output, normalised in place
    DeviceBuffer<int32_t> first_bad;   // the first crop with a NaN or an infinity, or kNoBadCrop
    PinnedBuffer<float> staging;       // embeddings on their way to pageable caller memory
    PinnedBuffer<int32_t> staging_bad; // first_bad on its way to the host
    std::vector<Context> contexts;     // one per optimisation profile, for plain enqueueV3
    std::vector<GraphSlot> graph_slots;
    bool pending = false;
    PendingChunk chunk;
};

// Distinct chunk sizes a buffer set captures graphs for; others run with plain enqueueV3. A call of N crops has
// at most two sizes (max_batch and the remainder); warm-up adds each profile's opt batch.
constexpr size_t kMaxGraphSlots = 16;

}  // namespace fe

struct fe_runner {
    // First member, destroyed last: the contexts below belong to this engine.
    std::shared_ptr<fe::LoadedEngine> engine;
    fe_preprocess preprocess{};
    fe_runner_options options{};
    int32_t max_batch = 0;
    int32_t buffer_batch = 0;  // the largest batch a chunk runs at (with padding)
    // Before the sets, whose contexts report to it until they are destroyed.
    std::unique_ptr<fe::LayerProfiler> profiler;
    std::vector<fe::BufferSet> sets;
    std::optional<fe::CudaEvent> origin;  // timing: recorded when a call starts
    bool graphs_active = false;
    int32_t graphs_captured = 0;
    uint64_t device_bytes = 0;
    uint64_t pinned_bytes = 0;
    std::vector<std::string> notes;
    std::string text;  // what fe_runner_diagnostics or fe_runner_profile_json last returned
    fe_run_timing last_timing{};
    // Catches a second thread entering run, which the ABI forbids, before it corrupts the buffers.
    std::atomic<bool> busy{false};
};

namespace fe {

// Bytes of one crop of the engine in `layout`.
size_t crop_bytes(const LoadedEngine& engine, int32_t layout);

// A context on `profile` (selected on the set's stream) that uses the set's activation memory and buffers, and
// reports to the runner's profiler if it has one.
Context make_context(fe_runner& runner, BufferSet& set, int32_t profile, const LogCapture& capture);

// Allocates a set's uint8 staging the first time it is needed.
void ensure_pixels(fe_runner& runner, BufferSet& set);

// Queues the GPU work of a chunk of `count` crops whose input is already in the set's device buffers: conversion
// or check of the input, the engine, L2 normalisation; through a CUDA graph where one exists or can be captured.
// Returns whether a graph was replayed.
bool launch_chunk(fe_runner& runner, BufferSet& set, int32_t layout, int32_t count, const LogCapture& capture);

// Records a fact for fe_runner_diagnostics (once per distinct text).
void note(fe_runner& runner, const std::string& text);

}  // namespace fe

#endif
