// fe_runner: buffer sets (stream, execution context, device buffers) and the batched data path
// H2D -> preprocess -> enqueueV3 -> L2 normalise -> D2H, round-robin over the sets.
#include "cuda_resources.hpp"
#include "engine.hpp"
#include "kernels.hpp"
#include "tensorrt_backend.hpp"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace fe {
namespace {

struct BufferSet {
    CudaStream stream;
    std::unique_ptr<nvinfer1::IExecutionContext> context;
    DeviceBuffer<uint8_t> pixels;      // uint8 HWC RGB crops
    DeviceBuffer<float> planes;        // the engine's float NCHW input
    DeviceBuffer<float> embeddings;    // the engine's output, normalised in place
    int64_t bound_batch = -1;          // the input shape last given to the context
};

}  // namespace
}  // namespace fe

struct fe_runner {
    // First member, destroyed last: the contexts below belong to this engine.
    std::shared_ptr<fe::LoadedEngine> engine;
    fe_preprocess preprocess{};
    int32_t max_batch = 0;
    std::vector<fe::BufferSet> sets;
    // Catches a second thread entering run, which the ABI forbids, before it corrupts the buffers.
    std::atomic<bool> busy{false};
};

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
// call has returned.
class DrainOnFailure {
public:
    explicit DrainOnFailure(const std::vector<BufferSet>& sets) : sets_(sets) {}
    ~DrainOnFailure() {
        if (!done_) {
            for (const BufferSet& set : sets_) {
                cudaStreamSynchronize(set.stream.get());
            }
        }
    }
    DrainOnFailure(const DrainOnFailure&) = delete;
    DrainOnFailure& operator=(const DrainOnFailure&) = delete;
    void done() noexcept { done_ = true; }

private:
    const std::vector<BufferSet>& sets_;
    bool done_ = false;
};

}  // namespace

fe_runner* runner_create(fe_engine& engine, int32_t max_batch, int32_t streams, const fe_preprocess& preprocess) {
    const std::shared_ptr<LoadedEngine>& state = engine.state;
    const fe_engine_io& io = state->io;
    if (max_batch < io.min_batch || max_batch > io.max_batch) {
        invalid_argument("max_batch " + std::to_string(max_batch) + " is outside the engine's batch range " +
                         std::to_string(io.min_batch) + ".." + std::to_string(io.max_batch));
    }
    DeviceScope scope(state->device);
    auto runner = std::make_unique<fe_runner>();
    runner->engine = state;
    runner->preprocess = preprocess;
    runner->max_batch = max_batch;
    const size_t plane_size = static_cast<size_t>(state->height) * static_cast<size_t>(state->width);
    const size_t batch = static_cast<size_t>(max_batch);
    runner->sets.reserve(static_cast<size_t>(streams));
    for (int32_t s = 0; s < streams; ++s) {
        BufferSet set;
        {
            std::lock_guard<std::mutex> lock(state->context_mutex);
            set.context.reset(state->engine->createExecutionContext());
        }
        if (!set.context) {
            throw_tensorrt_error("createExecutionContext failed", state->logger);
        }
        set.pixels = DeviceBuffer<uint8_t>(batch * plane_size * 3);
        set.planes = DeviceBuffer<float>(batch * plane_size * 3);
        set.embeddings = DeviceBuffer<float>(batch * static_cast<size_t>(state->dim));
        // The buffers never move, so the addresses are given once.
        if (!set.context->setTensorAddress(io.input_name, set.planes.get()) ||
            !set.context->setTensorAddress(io.output_name, set.embeddings.get())) {
            throw_tensorrt_error("setTensorAddress failed", state->logger);
        }
        runner->sets.push_back(std::move(set));
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
    delete runner;
}

void runner_run(fe_runner& runner, const void* input, int32_t layout, int32_t count, int32_t height, int32_t width,
                float* output) {
    BusyFlag busy(runner.busy);
    LoadedEngine& engine = *runner.engine;
    if (height != engine.height || width != engine.width) {
        invalid_argument("crops are " + std::to_string(height) + "x" + std::to_string(width) + ", the engine takes " +
                         std::to_string(engine.height) + "x" + std::to_string(engine.width));
    }
    if (count == 0) {
        return;
    }
    DeviceScope scope(engine.device);
    const size_t plane_size = static_cast<size_t>(height) * static_cast<size_t>(width);
    const size_t dim = static_cast<size_t>(engine.dim);
    const size_t crop_bytes = layout == FE_LAYOUT_UINT8_HWC_RGB ? plane_size * 3 : plane_size * 3 * sizeof(float);
    const auto* source = static_cast<const unsigned char*>(input);
    DrainOnFailure drain(runner.sets);

    size_t next_set = 0;
    for (int64_t start = 0; start < count; start += runner.max_batch) {
        const int32_t n = static_cast<int32_t>(std::min<int64_t>(runner.max_batch, count - start));
        BufferSet& set = runner.sets[next_set];
        next_set = (next_set + 1) % runner.sets.size();
        cudaStream_t stream = set.stream.get();
        // Work on one stream runs in order, so this chunk's copies wait for the previous chunk of the same set.
        const unsigned char* chunk = source + static_cast<size_t>(start) * crop_bytes;
        if (layout == FE_LAYOUT_UINT8_HWC_RGB) {
            cuda_check(cudaMemcpyAsync(set.pixels.get(), chunk, static_cast<size_t>(n) * crop_bytes,
                                       cudaMemcpyHostToDevice, stream),
                       "cudaMemcpyAsync (crops to device)");
            launch_preprocess(set.pixels.get(), set.planes.get(), n, static_cast<int64_t>(plane_size),
                              runner.preprocess, stream);
        } else {
            cuda_check(cudaMemcpyAsync(set.planes.get(), chunk, static_cast<size_t>(n) * crop_bytes,
                                       cudaMemcpyHostToDevice, stream),
                       "cudaMemcpyAsync (crops to device)");
        }
        // An engine whose profile starts above n runs its minimum batch; the extra rows are zeros and discarded.
        const int32_t batch = std::max(n, engine.io.min_batch);
        if (batch > n) {
            const size_t row = plane_size * 3;
            cuda_check(cudaMemsetAsync(set.planes.get() + static_cast<size_t>(n) * row, 0,
                                       static_cast<size_t>(batch - n) * row * sizeof(float), stream),
                       "cudaMemsetAsync (batch padding)");
        }
        if (set.bound_batch != batch) {
            nvinfer1::Dims shape{};
            shape.nbDims = 4;
            shape.d[0] = batch;
            shape.d[1] = 3;
            shape.d[2] = height;
            shape.d[3] = width;
            if (!set.context->setInputShape(engine.io.input_name, shape)) {
                set.bound_batch = -1;
                throw_tensorrt_error("setInputShape to batch " + std::to_string(batch) + " failed", engine.logger);
            }
            set.bound_batch = batch;
        }
        if (!set.context->enqueueV3(stream)) {
            throw_tensorrt_error("enqueueV3 failed", engine.logger);
        }
        launch_l2_normalize(set.embeddings.get(), n, engine.dim, stream);
        cuda_check(cudaMemcpyAsync(output + static_cast<size_t>(start) * dim, set.embeddings.get(),
                                   static_cast<size_t>(n) * dim * sizeof(float), cudaMemcpyDeviceToHost, stream),
                   "cudaMemcpyAsync (embeddings to host)");
    }
    for (const BufferSet& set : runner.sets) {
        cuda_check(cudaStreamSynchronize(set.stream.get()), "cudaStreamSynchronize");
    }
    drain.done();
}

}  // namespace fe
