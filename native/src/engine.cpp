// fe_engine_load / describe / release: deserialisation on a device and a check of the engine's input, output and
// optimisation profiles.
#include "engine.hpp"
#include "cuda_device.hpp"
#include "cuda_resources.hpp"
#include "tensorrt_backend.hpp"
#include "tensorrt_loader.hpp"
#include "trt_logger.hpp"

#include <algorithm>
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

struct IoTensors {
    const char* input = nullptr;
    const char* output = nullptr;
};

IoTensors find_io_tensors(const nvinfer1::ICudaEngine& engine) {
    IoTensors io;
    int inputs = 0;
    int outputs = 0;
    for (int32_t i = 0; i < engine.getNbIOTensors(); ++i) {
        const char* name = engine.getIOTensorName(i);
        if (engine.getTensorIOMode(name) == nvinfer1::TensorIOMode::kINPUT) {
            io.input = name;
            ++inputs;
        } else {
            io.output = name;
            ++outputs;
        }
    }
    if (inputs != 1 || outputs != 1) {
        unsuitable("the engine has " + std::to_string(inputs) + " input(s) and " + std::to_string(outputs) +
                   " output(s)");
    }
    return io;
}

void check_tensors(const nvinfer1::ICudaEngine& engine, const IoTensors& io) {
    const nvinfer1::Dims in = engine.getTensorShape(io.input);
    const nvinfer1::Dims out = engine.getTensorShape(io.output);
    if (in.nbDims != 4 || in.d[1] != 3 || in.d[2] <= 0 || in.d[3] <= 0) {
        unsuitable("input '" + std::string(io.input) + "' is not [N,3,H,W] with fixed H and W");
    }
    if (out.nbDims != 2 || out.d[1] <= 0) {
        unsuitable("output '" + std::string(io.output) + "' is not [N,D] with a fixed D");
    }
    if (engine.getTensorDataType(io.input) != nvinfer1::DataType::kFLOAT ||
        engine.getTensorDataType(io.output) != nvinfer1::DataType::kFLOAT) {
        unsuitable("input or output is not float32");
    }
    if (engine.getTensorLocation(io.input) != nvinfer1::TensorLocation::kDEVICE ||
        engine.getTensorLocation(io.output) != nvinfer1::TensorLocation::kDEVICE) {
        unsuitable("input or output is not in device memory");
    }
}

// The engine's batch profiles; a fixed batch is one profile N/N/N.
std::vector<fe_profile> read_profiles(const nvinfer1::ICudaEngine& engine, const char* input, int64_t fixed_batch) {
    if (fixed_batch >= 0) {
        const int32_t n = static_cast<int32_t>(fixed_batch);
        return {fe_profile{n, n, n}};
    }
    const int32_t count = engine.getNbOptimizationProfiles();
    if (count < 1 || count > FE_MAX_PROFILES) {
        unsuitable("it has " + std::to_string(count) + " optimisation profiles; faceembed takes 1.." +
                   std::to_string(FE_MAX_PROFILES));
    }
    std::vector<fe_profile> profiles;
    for (int32_t p = 0; p < count; ++p) {
        auto batch = [&](nvinfer1::OptProfileSelector which) {
            return static_cast<int32_t>(engine.getProfileShape(input, p, which).d[0]);
        };
        const fe_profile profile{batch(nvinfer1::OptProfileSelector::kMIN), batch(nvinfer1::OptProfileSelector::kOPT),
                                 batch(nvinfer1::OptProfileSelector::kMAX)};
        if (profile.min_batch < 1 || profile.opt_batch < profile.min_batch || profile.max_batch < profile.opt_batch) {
            unsuitable("its profile " + std::to_string(p) + " has the batch range " +
                       std::to_string(profile.min_batch) + ".." + std::to_string(profile.max_batch));
        }
        profiles.push_back(profile);
    }
    return profiles;
}

// Fills io, profiles, activation sizes, height, width and dim from the engine, or explains why it does not fit.
void describe_io(LoadedEngine& state) {
    const nvinfer1::ICudaEngine& engine = *state.engine;
    const IoTensors tensors = find_io_tensors(engine);
    check_tensors(engine, tensors);
    const nvinfer1::Dims in = engine.getTensorShape(tensors.input);
    const nvinfer1::Dims out = engine.getTensorShape(tensors.output);
    fe_engine_io& io = state.io;
    copy_name(io.input_name, tensors.input);
    copy_name(io.output_name, tensors.output);
    std::copy(in.d, in.d + 4, io.input_dims);
    std::copy(out.d, out.d + 2, io.output_dims);
    state.profiles = read_profiles(engine, tensors.input, in.d[0]);
    io.profile_count = static_cast<int32_t>(state.profiles.size());
    io.min_batch = state.profiles[0].min_batch;
    io.max_batch = state.profiles[0].max_batch;
    for (size_t p = 0; p < state.profiles.size(); ++p) {
        io.profiles[p] = state.profiles[p];
        io.min_batch = std::min(io.min_batch, state.profiles[p].min_batch);
        io.max_batch = std::max(io.max_batch, state.profiles[p].max_batch);
        state.activation_bytes.push_back(activation_bytes_for_profile(engine, static_cast<int32_t>(p)));
        io.activation_bytes = std::max<uint64_t>(io.activation_bytes, state.activation_bytes.back());
    }
    state.height = static_cast<int32_t>(in.d[2]);
    state.width = static_cast<int32_t>(in.d[3]);
    state.dim = static_cast<int32_t>(out.d[1]);
}

}  // namespace

int64_t activation_bytes_for_profile(const nvinfer1::ICudaEngine& engine, int32_t profile) {
#if NV_TENSORRT_VERSION >= 100100
    return engine.getDeviceMemorySizeForProfileV2(profile);
#else
    return static_cast<int64_t>(engine.getDeviceMemorySizeForProfile(profile));
#endif
}

fe_engine* engine_load(const void* plan, size_t plan_size, int32_t device) {
    const TensorRtLibrary& library = tensorrt_library();
    require_device(device);
    DeviceScope scope(device);
    LogCapture capture;
    auto state = std::make_shared<LoadedEngine>();
    state->device = device;
    state->runtime.reset(
        static_cast<nvinfer1::IRuntime*>(library.create_runtime(&process_logger(), NV_TENSORRT_VERSION)));
    if (!state->runtime) {
        throw_tensorrt_error("createInferRuntime failed", capture);
    }
    state->engine.reset(state->runtime->deserializeCudaEngine(plan, plan_size));
    if (!state->engine) {
        throw_tensorrt_error("the plan could not be deserialised (made by another TensorRT version, for another "
                             "GPU, or not a plan): rebuild the engine on this machine",
                             capture);
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
