// fe_engine_build: ONNX model to serialised TensorRT engine, with optimisation profiles over the batch.
#include "cuda_device.hpp"
#include "cuda_resources.hpp"
#include "file_io.hpp"
#include "library_version.hpp"
#include "tensorrt_backend.hpp"
#include "tensorrt_loader.hpp"
#include "trt_logger.hpp"

#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

namespace fe {
namespace {

// TensorRT 10.12 deprecated BuilderFlag::kFP16 and kINT8 in favour of strongly typed networks. They are still the
// only way to build an fp16 engine from an fp32 ONNX model without rewriting it, and the documented way to build a
// QDQ model as INT8 without making every tensor's type explicit; every TensorRT 10 has them.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
constexpr nvinfer1::BuilderFlag kFp16Flag = nvinfer1::BuilderFlag::kFP16;
constexpr nvinfer1::BuilderFlag kInt8Flag = nvinfer1::BuilderFlag::kINT8;
#pragma GCC diagnostic pop

// HardwareCompatibilityLevel::kSAME_COMPUTE_CAPABILITY (2) came with TensorRT 10.9. The enum's values are part of
// TensorRT's ABI, so a shim compiled against older headers can still ask a 10.9+ library for it.
constexpr int32_t kSameComputeCapability = 2;
constexpr int32_t kSameComputeCapabilitySince = 100900;

struct Network {
    // Destroyed in reverse order: parser before network, network before builder.
    std::unique_ptr<nvinfer1::IBuilder> builder;
    std::unique_ptr<nvinfer1::INetworkDefinition> network;
    std::unique_ptr<nvonnxparser::IParser> parser;
};

std::string parser_errors(const nvonnxparser::IParser& parser) {
    std::string text;
    for (int i = 0; i < parser.getNbErrors(); ++i) {
        if (!text.empty()) {
            text += "; ";
        }
        text += parser.getError(i)->desc();
    }
    return text;
}

Network parse_onnx(const TensorRtLibrary& library, nvinfer1::ILogger& logger, const char* onnx_path,
                   const LogCapture& capture) {
    Network n;
    n.builder.reset(static_cast<nvinfer1::IBuilder*>(library.create_builder(&logger, NV_TENSORRT_VERSION)));
    if (!n.builder) {
        throw_tensorrt_error("createInferBuilder failed", capture);
    }
    // TensorRT 10 networks are always explicit-batch: no creation flags are needed.
    n.network.reset(n.builder->createNetworkV2(0));
    if (!n.network) {
        throw_tensorrt_error("createNetworkV2 failed", capture);
    }
    n.parser.reset(static_cast<nvonnxparser::IParser*>(
        library.create_onnx_parser(n.network.get(), &logger, NV_ONNX_PARSER_VERSION)));
    if (!n.parser) {
        throw_tensorrt_error("createNvOnnxParser failed", capture);
    }
    if (!n.parser->parseFromFile(onnx_path, static_cast<int>(nvinfer1::ILogger::Severity::kWARNING))) {
        throw_tensorrt_error("the ONNX parser rejected '" + std::string(onnx_path) + "': " +
                                 parser_errors(*n.parser),
                             capture);
    }
    return n;
}

bool has_quantize_layers(const nvinfer1::INetworkDefinition& network) {
    for (int32_t i = 0; i < network.getNbLayers(); ++i) {
        const nvinfer1::LayerType type = network.getLayer(i)->getType();
        if (type == nvinfer1::LayerType::kQUANTIZE || type == nvinfer1::LayerType::kDEQUANTIZE) {
            return true;
        }
    }
    return false;
}

// Checks that the parsed model has one float32 input [N,3,H,W] with fixed H and W and one float32 output [N,D],
// that the requested profiles fit it, and that an INT8 build has a quantised model.
void check_network(const nvinfer1::INetworkDefinition& network, const std::string& onnx_path,
                   const fe_build_options& options) {
    auto unsuitable = [&](const std::string& why) {
        invalid_argument("onnx_path '" + onnx_path + "': " + why +
                         "; faceembed needs one float32 input [N,3,H,W] and one float32 output [N,D]");
    };
    if (network.getNbInputs() != 1 || network.getNbOutputs() != 1) {
        unsuitable("the model has " + std::to_string(network.getNbInputs()) + " input(s) and " +
                   std::to_string(network.getNbOutputs()) + " output(s)");
    }
    const nvinfer1::ITensor& input = *network.getInput(0);
    const nvinfer1::ITensor& output = *network.getOutput(0);
    const nvinfer1::Dims in = input.getDimensions();
    if (in.nbDims != 4 || in.d[1] != 3 || in.d[2] <= 0 || in.d[3] <= 0) {
        unsuitable("input '" + std::string(input.getName()) + "' is not [N,3,H,W] with fixed H and W");
    }
    if (output.getDimensions().nbDims != 2) {
        unsuitable("output '" + std::string(output.getName()) + "' is not two-dimensional");
    }
    if (input.getType() != nvinfer1::DataType::kFLOAT || output.getType() != nvinfer1::DataType::kFLOAT) {
        unsuitable("input or output is not float32");
    }
    const int64_t fixed = in.d[0];
    const fe_profile& first = options.profiles[0];
    if (fixed >= 0 && (options.profile_count != 1 || first.min_batch != fixed || first.max_batch != fixed)) {
        invalid_argument("onnx_path '" + onnx_path + "': the model's batch is fixed at " + std::to_string(fixed) +
                         ", so it takes one profile whose min_batch, opt_batch and max_batch are all " +
                         std::to_string(fixed));
    }
    if (options.precision == FE_PRECISION_INT8 && !has_quantize_layers(network)) {
        invalid_argument("onnx_path '" + onnx_path + "': FE_PRECISION_INT8 needs an explicitly quantised model "
                         "(QuantizeLinear/DequantizeLinear nodes) and this one has none; quantise it (e.g. with "
                         "ONNX Runtime's or TensorRT Model Optimizer's QDQ quantisation) or build fp16");
    }
}

void set_precision(nvinfer1::IBuilderConfig& config, const fe_build_options& options) {
    if (options.precision == FE_PRECISION_FP16 || options.precision == FE_PRECISION_INT8) {
        config.setFlag(kFp16Flag);
    }
    if (options.precision == FE_PRECISION_INT8) {
        // A QDQ network is built as INT8 where its Q/DQ nodes say so; kFP16 lets the other layers run in fp16.
        config.setFlag(kInt8Flag);
    }
    // TensorRT allows TF32 for fp32 layers by default (10 mantissa bits on Ampere and later): fp32 means fp32
    // unless the caller opts in.
    if (options.tf32 != 0) {
        config.setFlag(nvinfer1::BuilderFlag::kTF32);
    } else {
        config.clearFlag(nvinfer1::BuilderFlag::kTF32);
    }
}

void configure(nvinfer1::IBuilderConfig& config, const TensorRtLibrary& library, const fe_build_options& options) {
    set_precision(config, options);
    if (options.workspace_bytes > 0) {
        config.setMemoryPoolLimit(nvinfer1::MemoryPoolType::kWORKSPACE, options.workspace_bytes);
    }
    if (options.optimization_level >= 0) {
        config.setBuilderOptimizationLevel(options.optimization_level);
    }
    if (options.hardware_compatibility == FE_HARDWARE_COMPAT_SAME_COMPUTE_CAPABILITY) {
        if (library.library_version < kSameComputeCapabilitySince) {
            throw Error(FE_ERR_NO_TENSORRT,
                        "hardware compatibility SAME_COMPUTE_CAPABILITY needs TensorRT 10.9 or newer, the loaded "
                        "library is " + version_text(library.library_version));
        }
        config.setHardwareCompatibilityLevel(static_cast<nvinfer1::HardwareCompatibilityLevel>(kSameComputeCapability));
    }
}

void add_profiles(nvinfer1::IBuilder& builder, nvinfer1::IBuilderConfig& config,
                  const nvinfer1::INetworkDefinition& network, const fe_build_options& options,
                  const LogCapture& capture) {
    const nvinfer1::ITensor& input = *network.getInput(0);
    const nvinfer1::Dims dims = input.getDimensions();
    if (dims.d[0] >= 0) {
        return;
    }
    auto shape = [&](int32_t batch) {
        nvinfer1::Dims d = dims;
        d.d[0] = batch;
        return d;
    };
    for (int32_t p = 0; p < options.profile_count; ++p) {
        const fe_profile& b = options.profiles[p];
        nvinfer1::IOptimizationProfile* profile = builder.createOptimizationProfile();
        const bool set = profile != nullptr &&
                         profile->setDimensions(input.getName(), nvinfer1::OptProfileSelector::kMIN,
                                                shape(b.min_batch)) &&
                         profile->setDimensions(input.getName(), nvinfer1::OptProfileSelector::kOPT,
                                                shape(b.opt_batch)) &&
                         profile->setDimensions(input.getName(), nvinfer1::OptProfileSelector::kMAX,
                                                shape(b.max_batch));
        if (!set || config.addOptimizationProfile(profile) != p) {
            throw_tensorrt_error("optimisation profile " + std::to_string(p) + " (" + std::to_string(b.min_batch) +
                                     "/" + std::to_string(b.opt_batch) + "/" + std::to_string(b.max_batch) +
                                     ") was rejected",
                                 capture);
        }
    }
}

// An empty timing cache, or the one in the file when it exists and suits this TensorRT and GPU; an unusable file
// only costs build time, so it is replaced by the new cache after the build instead of failing the build.
std::unique_ptr<nvinfer1::ITimingCache> load_timing_cache(nvinfer1::IBuilderConfig& config, const char* path) {
    bool exists = false;
    const std::vector<char> bytes = read_file_if_exists(path, "timing cache", exists);
    if (exists && !bytes.empty()) {
        std::unique_ptr<nvinfer1::ITimingCache> cache(config.createTimingCache(bytes.data(), bytes.size()));
        if (cache && config.setTimingCache(*cache, false)) {
            return cache;
        }
    }
    std::unique_ptr<nvinfer1::ITimingCache> cache(config.createTimingCache(nullptr, 0));
    if (cache) {
        config.setTimingCache(*cache, false);
    }
    return cache;
}

void save_timing_cache(const nvinfer1::IBuilderConfig& config, const char* path, const LogCapture& capture) {
    const nvinfer1::ITimingCache* used = config.getTimingCache();
    std::unique_ptr<nvinfer1::IHostMemory> bytes(used != nullptr ? used->serialize() : nullptr);
    if (!bytes) {
        throw_tensorrt_error("the timing cache could not be serialised", capture);
    }
    write_file_atomically(path, bytes->data(), bytes->size(), "timing cache");
}

MallocPlan copy_plan(const nvinfer1::IHostMemory& serialized) {
    void* plan = std::malloc(serialized.size());
    if (plan == nullptr) {
        throw Error(FE_ERR_OUT_OF_MEMORY, "out of host memory for a plan of " + std::to_string(serialized.size()) +
                                              " bytes");
    }
    std::memcpy(plan, serialized.data(), serialized.size());
    return MallocPlan{plan, serialized.size()};
}

}  // namespace

MallocPlan engine_build(const char* onnx_path, const fe_build_options& options) {
    require_readable(onnx_path, "ONNX model");
    const TensorRtLibrary& library = tensorrt_library();
    require_device(options.device);
    DeviceScope scope(options.device);
    LogCapture capture;
    // This build's own logger: lines that the builder logs from its worker threads belong to this build too.
    RoutingLogger logger(&capture);

    Network n = parse_onnx(library, logger, onnx_path, capture);
    check_network(*n.network, onnx_path, options);
    // Destroyed before the network and builder: the timing cache, then the config.
    std::unique_ptr<nvinfer1::IBuilderConfig> config(n.builder->createBuilderConfig());
    if (!config) {
        throw_tensorrt_error("createBuilderConfig failed", capture);
    }
    configure(*config, library, options);
    add_profiles(*n.builder, *config, *n.network, options, capture);
    std::unique_ptr<nvinfer1::ITimingCache> timing_cache;
    if (options.timing_cache_path != nullptr) {
        timing_cache = load_timing_cache(*config, options.timing_cache_path);
    }
    std::unique_ptr<nvinfer1::IHostMemory> serialized(n.builder->buildSerializedNetwork(*n.network, *config));
    if (!serialized || serialized->size() == 0) {
        throw_tensorrt_error("the engine build failed", capture);
    }
    if (options.timing_cache_path != nullptr) {
        save_timing_cache(*config, options.timing_cache_path, capture);
    }
    return copy_plan(*serialized);
}

}  // namespace fe
