// fe_engine_load / describe / release: deserialisation on a device and a check of the engine's input and output.
#include "engine.hpp"
#include "cuda_resources.hpp"
#include "tensorrt_backend.hpp"
#include "tensorrt_loader.hpp"

#include <cstring>
#include <optional>
#include <string>

namespace fe {
namespace {

[[noreturn]] void unsuitable(const std::string& why) {
    invalid_argument("plan: " + why + "; faceembed needs one float32 input [N,3,H,W] and one float32 output [N,D]");
}

void copy_name(char (&target)[256], const char* name) {
    const size_t length = std::strlen(name);
    if (length >= sizeof target) {
        unsuitable("tensor name '" + std::string(name) + "' is longer than 255 bytes");
    }
    std::memcpy(target, name, length + 1);
}

// Fills io, height, width and dim from the engine, or explains why the engine does not fit.
void describe_io(LoadedEngine& state) {
    const nvinfer1::ICudaEngine& engine = *state.engine;
    const char* input = nullptr;
    const char* output = nullptr;
    int inputs = 0;
    int outputs = 0;
    for (int32_t i = 0; i < engine.getNbIOTensors(); ++i) {
        const char* name = engine.getIOTensorName(i);
        if (engine.getTensorIOMode(name) == nvinfer1::TensorIOMode::kINPUT) {
            input = name;
            ++inputs;
        } else {
            output = name;
            ++outputs;
        }
    }
    if (inputs != 1 || outputs != 1) {
        unsuitable("the engine has " + std::to_string(inputs) + " input(s) and " + std::to_string(outputs) +
                   " output(s)");
    }
    const nvinfer1::Dims in = engine.getTensorShape(input);
    const nvinfer1::Dims out = engine.getTensorShape(output);
    if (in.nbDims != 4 || in.d[1] != 3 || in.d[2] <= 0 || in.d[3] <= 0) {
        unsuitable("input '" + std::string(input) + "' is not [N,3,H,W] with fixed H and W");
    }
    if (out.nbDims != 2 || out.d[1] <= 0) {
        unsuitable("output '" + std::string(output) + "' is not [N,D] with a fixed D");
    }
    if (engine.getTensorDataType(input) != nvinfer1::DataType::kFLOAT ||
        engine.getTensorDataType(output) != nvinfer1::DataType::kFLOAT) {
        unsuitable("input or output is not float32");
    }
    if (engine.getTensorLocation(input) != nvinfer1::TensorLocation::kDEVICE ||
        engine.getTensorLocation(output) != nvinfer1::TensorLocation::kDEVICE) {
        unsuitable("input or output is not in device memory");
    }
    fe_engine_io& io = state.io;
    copy_name(io.input_name, input);
    copy_name(io.output_name, output);
    for (int i = 0; i < 4; ++i) {
        io.input_dims[i] = in.d[i];
    }
    io.output_dims[0] = out.d[0];
    io.output_dims[1] = out.d[1];
    if (in.d[0] < 0) {
        auto batch = [&](nvinfer1::OptProfileSelector which) {
            return static_cast<int32_t>(engine.getProfileShape(input, 0, which).d[0]);
        };
        io.min_batch = batch(nvinfer1::OptProfileSelector::kMIN);
        io.opt_batch = batch(nvinfer1::OptProfileSelector::kOPT);
        io.max_batch = batch(nvinfer1::OptProfileSelector::kMAX);
    } else {
        io.min_batch = io.opt_batch = io.max_batch = static_cast<int32_t>(in.d[0]);
    }
    if (io.min_batch < 1 || io.max_batch < io.min_batch) {
        unsuitable("its batch range " + std::to_string(io.min_batch) + ".." + std::to_string(io.max_batch) +
                   " is empty");
    }
    state.height = static_cast<int32_t>(in.d[2]);
    state.width = static_cast<int32_t>(in.d[3]);
    state.dim = static_cast<int32_t>(out.d[1]);
}

}  // namespace

fe_engine* engine_load(const void* plan, size_t plan_size, int32_t device) {
    const TensorRtLibrary& library = tensorrt_library();
    DeviceScope scope(device);
    auto state = std::make_shared<LoadedEngine>();
    state->device = device;
    state->runtime.reset(
        static_cast<nvinfer1::IRuntime*>(library.create_runtime(&state->logger, NV_TENSORRT_VERSION)));
    if (!state->runtime) {
        throw_tensorrt_error("createInferRuntime failed", state->logger);
    }
    state->engine.reset(state->runtime->deserializeCudaEngine(plan, plan_size));
    if (!state->engine) {
        throw_tensorrt_error("the plan could not be deserialised (made by another TensorRT version, for another "
                             "GPU, or not a plan): rebuild the engine on this machine",
                             state->logger);
    }
    describe_io(*state);
    return new fe_engine{std::move(state)};
}

void engine_release(fe_engine* engine) noexcept {
    // TensorRT frees device memory of the engine's device.
    std::optional<DeviceScope> scope;
    try {
        scope.emplace(engine->state->device);
    } catch (...) {
        // Without the device there is nothing better to do than to free what can be freed.
    }
    delete engine;
}

void engine_describe(const fe_engine& engine, fe_engine_io& out) {
    out = engine.state->io;
}

}  // namespace fe
