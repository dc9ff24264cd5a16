// fe_engine_build: ONNX model to serialised TensorRT engine, with one optimisation profile over the batch.
#include "cuda_resources.hpp"
#include "file_io.hpp"
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

nvinfer1::Dims batch_shape(int64_t batch, const nvinfer1::Dims& input) {
    nvinfer1::Dims dims = input;
    dims.d[0] = batch;
    return dims;
}

// Checks that the parsed model has one float32 input [N,3,H,W] with fixed H and W and one float32 output [N,D],
// and that the requested batch range fits it.
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
    const int64_t fixed_batch = in.d[0];
    if (fixed_batch >= 0 && (options.min_batch != fixed_batch || options.max_batch != fixed_batch)) {
        invalid_argument("onnx_path '" + onnx_path + "': the model's batch is fixed at " +
                         std::to_string(fixed_batch) + ", so min_batch, opt_batch and max_batch must all be " +
                         std::to_string(fixed_batch));
    }
}

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

// An empty timing cache, or the one in the file when it exists and suits this TensorRT and GPU; an unusable file
// only costs build time, so it is replaced by the new cache after the build instead of failing the build.
std::unique_ptr<nvinfer1::ITimingCache> load_timing_cache(nvinfer1::IBuilderConfig& config, const char* path) {
    if (path != nullptr) {
        bool exists = false;
        const std::vector<char> bytes = read_file_if_exists(path, "timing cache", exists);
        if (exists && !bytes.empty()) {
            std::unique_ptr<nvinfer1::ITimingCache> cache(config.createTimingCache(bytes.data(), bytes.size()));
            if (cache && config.setTimingCache(*cache, false)) {
                return cache;
            }
        }
    }
    std::unique_ptr<nvinfer1::ITimingCache> cache(config.createTimingCache(nullptr, 0));
    if (cache) {
        config.setTimingCache(*cache, false);
    }
    return cache;
}

}  // namespace

MallocPlan engine_build(const char* onnx_path, const fe_build_options& options) {
    require_readable(onnx_path, "ONNX model");
    const TensorRtLibrary& library = tensorrt_library();
    DeviceScope scope(options.device);
    RecordingLogger logger;

    // Destroyed in reverse order: config and cache before the network, everything before the builder.
    std::unique_ptr<nvinfer1::IBuilder> builder(
        static_cast<nvinfer1::IBuilder*>(library.create_builder(&logger, NV_TENSORRT_VERSION)));
    if (!builder) {
        throw_tensorrt_error("createInferBuilder failed", logger);
    }
    // TensorRT 10 networks are always explicit-batch: no creation flags are needed.
    std::unique_ptr<nvinfer1::INetworkDefinition> network(builder->createNetworkV2(0));
    if (!network) {
        throw_tensorrt_error("createNetworkV2 failed", logger);
    }
    std::unique_ptr<nvonnxparser::IParser> parser(static_cast<nvonnxparser::IParser*>(
        library.create_onnx_parser(network.get(), &logger, NV_ONNX_PARSER_VERSION)));
    if (!parser) {
        throw_tensorrt_error("createNvOnnxParser failed", logger);
    }
    if (!parser->parseFromFile(onnx_path, static_cast<int>(nvinfer1::ILogger::Severity::kWARNING))) {
        throw_tensorrt_error("the ONNX parser rejected '" + std::string(onnx_path) + "': " + parser_errors(*parser),
                             logger);
    }
    check_network(*network, onnx_path, options);

    std::unique_ptr<nvinfer1::ITimingCache> timing_cache;
    std::unique_ptr<nvinfer1::IBuilderConfig> config(builder->createBuilderConfig());
    if (!config) {
        throw_tensorrt_error("createBuilderConfig failed", logger);
    }
    if (options.precision == FE_PRECISION_FP16) {
        // kFP16 is deprecated since TensorRT 10.12 in favour of strongly typed networks, but it is the only way to
        // get an fp16 engine from an fp32 ONNX model without rewriting the model, and every TensorRT 10 has it.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
        config->setFlag(nvinfer1::BuilderFlag::kFP16);
#pragma GCC diagnostic pop
    }
    if (options.workspace_bytes > 0) {
        config->setMemoryPoolLimit(nvinfer1::MemoryPoolType::kWORKSPACE, options.workspace_bytes);
    }
    const nvinfer1::ITensor& input = *network->getInput(0);
    const nvinfer1::Dims input_dims = input.getDimensions();
    if (input_dims.d[0] < 0) {
        nvinfer1::IOptimizationProfile* profile = builder->createOptimizationProfile();
        const bool shapes_set =
            profile != nullptr &&
            profile->setDimensions(input.getName(), nvinfer1::OptProfileSelector::kMIN,
                                   batch_shape(options.min_batch, input_dims)) &&
            profile->setDimensions(input.getName(), nvinfer1::OptProfileSelector::kOPT,
                                   batch_shape(options.opt_batch, input_dims)) &&
            profile->setDimensions(input.getName(), nvinfer1::OptProfileSelector::kMAX,
                                   batch_shape(options.max_batch, input_dims));
        if (!shapes_set || config->addOptimizationProfile(profile) < 0) {
            throw_tensorrt_error("the optimisation profile over the batch was rejected", logger);
        }
    }
    if (options.timing_cache_path != nullptr) {
        timing_cache = load_timing_cache(*config, options.timing_cache_path);
    }

    std::unique_ptr<nvinfer1::IHostMemory> serialized(builder->buildSerializedNetwork(*network, *config));
    if (!serialized || serialized->size() == 0) {
        throw_tensorrt_error("the engine build failed", logger);
    }
    if (options.timing_cache_path != nullptr) {
        const nvinfer1::ITimingCache* used = config->getTimingCache();
        std::unique_ptr<nvinfer1::IHostMemory> bytes(used != nullptr ? used->serialize() : nullptr);
        if (!bytes) {
            throw_tensorrt_error("the timing cache could not be serialised", logger);
        }
        write_file_atomically(options.timing_cache_path, bytes->data(), bytes->size(), "timing cache");
    }

    void* plan = std::malloc(serialized->size());
    if (plan == nullptr) {
        throw Error(FE_ERR_OUT_OF_MEMORY, "out of host memory for a plan of " + std::to_string(serialized->size()) +
                                              " bytes");
    }
    std::memcpy(plan, serialized->data(), serialized->size());
    return MallocPlan{plan, serialized->size()};
}

}  // namespace fe
