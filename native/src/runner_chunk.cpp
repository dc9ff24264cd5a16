// The GPU work of one chunk on a buffer set: contexts, input shapes, the kernels around enqueueV3, and CUDA graphs
// of that work.
#include "kernels.hpp"
#include "runner.hpp"

#include <string>

namespace fe {
namespace {

void give_activation_memory(nvinfer1::IExecutionContext& context, const DeviceBuffer<uint8_t>& block) {
#if NV_TENSORRT_VERSION >= 100100
    context.setDeviceMemoryV2(block.get(), static_cast<int64_t>(block.bytes()));
#else
    context.setDeviceMemory(block.get());
#endif
}

void bind_batch(Context& c, const LoadedEngine& engine, int32_t batch, const LogCapture& capture) {
    if (c.bound_batch == batch) {
        return;
    }
    if (engine.io.input_dims[0] < 0) {
        nvinfer1::Dims shape{};
        shape.nbDims = 4;
        shape.d[0] = batch;
        shape.d[1] = 3;
        shape.d[2] = engine.height;
        shape.d[3] = engine.width;
        if (!c.context->setInputShape(engine.io.input_name, shape)) {
            c.bound_batch = -1;
            throw_tensorrt_error("setInputShape to batch " + std::to_string(batch) + " on profile " +
                                     std::to_string(c.profile) + " failed",
                                 capture);
        }
    }
    c.bound_batch = batch;
}

// Everything between the host-to-device and the device-to-host copies; no host memory is touched, so that the
// same calls can be captured into a graph. `batch` > `count` pads the input with zero crops.
void enqueue_device_work(fe_runner& r, BufferSet& set, Context& c, int32_t layout, int32_t count, int32_t batch,
                         const LogCapture& capture) {
    const LoadedEngine& engine = *r.engine;
    cudaStream_t stream = set.stream.get();
    const int64_t plane_size = static_cast<int64_t>(engine.height) * engine.width;
    const size_t row = static_cast<size_t>(plane_size) * 3;
    if (layout == FE_LAYOUT_UINT8_HWC_RGB) {
        launch_preprocess(set.pixels.get(), set.planes.get(), count, plane_size, r.preprocess, stream);
    } else {
        cuda_check(cudaMemsetAsync(set.first_bad.get(), kNoBadCropByte, sizeof(int32_t), stream),
                   "cudaMemsetAsync (non-finite flag)");
        launch_find_non_finite(set.planes.get(), count, static_cast<int64_t>(row), set.first_bad.get(), stream);
    }
    if (batch > count) {
        cuda_check(cudaMemsetAsync(set.planes.get() + static_cast<size_t>(count) * row, 0,
                                   static_cast<size_t>(batch - count) * row * sizeof(float), stream),
                   "cudaMemsetAsync (batch padding)");
    }
    if (!c.context->enqueueV3(stream)) {
        throw_tensorrt_error("enqueueV3 failed", capture);
    }
    if (r.profiler) {
        r.profiler->count_run();
    }
    launch_l2_normalize(set.embeddings.get(), count, engine.dim, stream);
}

std::string cuda_error_text(const char* call, cudaError_t error) {
    return std::string(call) + " returned " + cudaGetErrorName(error) + " (" + cudaGetErrorString(error) + ")";
}

// Captures the chunk's GPU work into slot.graphs[layout]; on failure turns graphs off for the runner and says why.
void capture_graph(fe_runner& r, BufferSet& set, GraphSlot& slot, int32_t layout, int32_t batch) {
    cudaStream_t stream = set.stream.get();
    std::string failure;
    cudaGraph_t graph = nullptr;
    {
        // TensorRT's lines of a failed capture belong to the note, not to the call (which does not fail).
        LogCapture capture_log;
        const cudaError_t begun = cudaStreamBeginCapture(stream, cudaStreamCaptureModeThreadLocal);
        if (begun != cudaSuccess) {
            failure = cuda_error_text("cudaStreamBeginCapture", begun);
        } else {
            try {
                enqueue_device_work(r, set, slot.context, layout, slot.chunk, batch, capture_log);
            } catch (const std::exception& e) {
                failure = e.what();
            }
            const cudaError_t ended = cudaStreamEndCapture(stream, &graph);
            if (failure.empty() && ended != cudaSuccess) {
                failure = cuda_error_text("cudaStreamEndCapture", ended);
            }
        }
    }
    cudaGraphExec_t exec = nullptr;
    if (failure.empty()) {
        const cudaError_t instantiated = cudaGraphInstantiate(&exec, graph, 0);
        if (instantiated != cudaSuccess) {
            failure = cuda_error_text("cudaGraphInstantiate", instantiated);
        }
    }
    if (graph != nullptr) {
        cudaGraphDestroy(graph);
    }
    if (!failure.empty()) {
        static_cast<void>(cudaGetLastError());
        r.graphs_active = false;
        note(r, "cuda_graphs: off: capturing the GPU work of a chunk of " + std::to_string(slot.chunk) +
                    " failed, so every chunk runs with plain enqueueV3 (" + failure + ")");
        return;
    }
    slot.graphs[layout] = CudaGraphExec(exec);
    ++r.graphs_captured;
}

// The graph slot of a chunk size, made on first use; NULL when the set has as many slots as it keeps.
GraphSlot* graph_slot(fe_runner& r, BufferSet& set, int32_t count, const ProfileChoice& choice,
                      const LogCapture& capture) {
    for (GraphSlot& slot : set.graph_slots) {
        if (slot.chunk == count) {
            return &slot;
        }
    }
    if (set.graph_slots.size() >= kMaxGraphSlots) {
        note(r, "cuda_graphs: more than " + std::to_string(kMaxGraphSlots) +
                    " distinct chunk sizes on one stream; the others run with plain enqueueV3");
        return nullptr;
    }
    GraphSlot slot;
    slot.chunk = count;
    slot.context = make_context(r, set, choice.profile, capture);
    bind_batch(slot.context, *r.engine, choice.batch, capture);
    set.graph_slots.push_back(std::move(slot));
    return &set.graph_slots.back();
}

}  // namespace

size_t crop_bytes(const LoadedEngine& engine, int32_t layout) {
    const size_t values = static_cast<size_t>(engine.height) * static_cast<size_t>(engine.width) * 3;
    return layout == FE_LAYOUT_UINT8_HWC_RGB ? values : values * sizeof(float);
}

void ensure_pixels(fe_runner& r, BufferSet& set) {
    if (set.pixels.get() == nullptr) {
        const size_t bytes = crop_bytes(*r.engine, FE_LAYOUT_UINT8_HWC_RGB);
        set.pixels = DeviceBuffer<uint8_t>(static_cast<size_t>(r.max_batch) * bytes);
        r.device_bytes += set.pixels.bytes();
    }
}

Context make_context(fe_runner& r, BufferSet& set, int32_t profile, const LogCapture& capture) {
    LoadedEngine& engine = *r.engine;
    Context c;
    c.profile = profile;
    {
        std::lock_guard<std::mutex> lock(engine.context_mutex);
        c.context.reset(
            engine.engine->createExecutionContext(nvinfer1::ExecutionContextAllocationStrategy::kUSER_MANAGED));
    }
    if (!c.context) {
        throw_tensorrt_error("createExecutionContext failed", capture);
    }
    give_activation_memory(*c.context, set.activation);
    if (profile != 0 && !c.context->setOptimizationProfileAsync(profile, set.stream.get())) {
        throw_tensorrt_error("setOptimizationProfileAsync(" + std::to_string(profile) + ") failed", capture);
    }
    // The buffers never move, so the addresses are given once.
    if (!c.context->setTensorAddress(engine.io.input_name, set.planes.get()) ||
        !c.context->setTensorAddress(engine.io.output_name, set.embeddings.get())) {
        throw_tensorrt_error("setTensorAddress failed", capture);
    }
    if (r.profiler) {
        c.context->setProfiler(r.profiler.get());
    }
    return c;
}

bool launch_chunk(fe_runner& r, BufferSet& set, int32_t layout, int32_t count, const LogCapture& capture) {
    const LoadedEngine& engine = *r.engine;
    const ProfileChoice choice =
        choose_profile(engine.profiles.data(), static_cast<int32_t>(engine.profiles.size()), count);
    GraphSlot* slot = r.graphs_active ? graph_slot(r, set, count, choice, capture) : nullptr;
    if (slot != nullptr) {
        if (slot->graphs[layout]) {
            cuda_check(cudaGraphLaunch(slot->graphs[layout].get(), set.stream.get()), "cudaGraphLaunch");
            return true;
        }
        // The first chunk of this size runs as it is; TensorRT wants one enqueueV3 after a new input shape
        // before a capture anyway. The capture then serves the following chunks of this size.
        enqueue_device_work(r, set, slot->context, layout, count, choice.batch, capture);
        capture_graph(r, set, *slot, layout, choice.batch);
        return false;
    }
    Context& c = set.contexts[static_cast<size_t>(choice.profile)];
    bind_batch(c, engine, choice.batch, capture);
    enqueue_device_work(r, set, c, layout, count, choice.batch, capture);
    return false;
}

void note(fe_runner& r, const std::string& text) {
    for (const std::string& existing : r.notes) {
        if (existing == text) {
            return;
        }
    }
    r.notes.push_back(text);
}

}  // namespace fe
