// fe_tensorrt_load: dlopen and dlsym of TensorRT, once per process.
#include "tensorrt_loader.hpp"
#include "status.hpp"
#include "tensorrt_backend.hpp"

#include <dlfcn.h>

#include <memory>
#include <mutex>
#include <string>

// "10" for TensorRT 10: the library names and messages follow the headers compiled against.
#define FE_TEXT(x) #x
#define FE_EXPANDED_TEXT(x) FE_TEXT(x)
#define FE_TRT_MAJOR_TEXT FE_EXPANDED_TEXT(NV_TENSORRT_MAJOR)

namespace fe {
namespace {

constexpr const char* kNvinferName = "libnvinfer.so." FE_TRT_MAJOR_TEXT;
constexpr const char* kOnnxParserName = "libnvonnxparser.so." FE_TRT_MAJOR_TEXT;
constexpr const char* kInstallHint =
    "install TensorRT " FE_TRT_MAJOR_TEXT " (e.g. the libnvinfer" FE_TRT_MAJOR_TEXT
    " and libnvonnxparsers" FE_TRT_MAJOR_TEXT " packages, or the TensorRT tar file with its lib directory on "
    "LD_LIBRARY_PATH) or pass the libraries' paths";

struct DlClose {
    void operator()(void* handle) const noexcept { dlclose(handle); }
};
using LibraryHandle = std::unique_ptr<void, DlClose>;

std::mutex load_mutex;
// Set once, never cleared: engines and runners hold code of these libraries, so they stay loaded.
const TensorRtLibrary* loaded = nullptr;

std::string dl_error() {
    const char* message = dlerror();
    return message != nullptr ? message : "unknown dynamic linker error";
}

LibraryHandle open_library(const char* path, const char* default_name) {
    const char* name = path != nullptr ? path : default_name;
    dlerror();
    // RTLD_LOCAL keeps TensorRT's symbols out of the global namespace of the JVM process.
    LibraryHandle handle(dlopen(name, RTLD_NOW | RTLD_LOCAL));
    if (!handle) {
        throw Error(FE_ERR_NO_TENSORRT,
                    std::string("could not open ") + name + ": " + dl_error() + "; " + kInstallHint);
    }
    return handle;
}

template <class Function>
void find_symbol(void* handle, const char* library, const char* symbol, Function& out) {
    dlerror();
    void* address = dlsym(handle, symbol);
    if (address == nullptr) {
        throw Error(FE_ERR_NO_TENSORRT, std::string(library) + " has no symbol " + symbol + " (" + dl_error() +
                                            "): it is not a TensorRT " FE_TRT_MAJOR_TEXT " library");
    }
    out = reinterpret_cast<Function>(address);
}

std::string version_text(int32_t version) {
    return std::to_string(version / 10000) + "." + std::to_string(version / 100 % 100) + "." +
           std::to_string(version % 100);
}

}  // namespace

void tensorrt_load(const char* nvinfer_path, const char* onnxparser_path) {
    std::lock_guard<std::mutex> lock(load_mutex);
    if (loaded != nullptr) {
        return;
    }
    auto library = std::make_unique<TensorRtLibrary>();
    const char* nvinfer_name = nvinfer_path != nullptr ? nvinfer_path : kNvinferName;
    LibraryHandle nvinfer = open_library(nvinfer_path, kNvinferName);
    find_symbol(nvinfer.get(), nvinfer_name, "getInferLibVersion", library->version);
    // Objects of another major version have other virtual tables: using them would crash, not fail.
    const int32_t version = library->version();
    if (version / 10000 != NV_TENSORRT_MAJOR) {
        throw Error(FE_ERR_NO_TENSORRT, std::string(nvinfer_name) + " is TensorRT " + version_text(version) +
                                            "; this shim needs TensorRT " FE_TRT_MAJOR_TEXT);
    }
    find_symbol(nvinfer.get(), nvinfer_name, "createInferBuilder_INTERNAL", library->create_builder);
    find_symbol(nvinfer.get(), nvinfer_name, "createInferRuntime_INTERNAL", library->create_runtime);

    const char* parser_name = onnxparser_path != nullptr ? onnxparser_path : kOnnxParserName;
    LibraryHandle parser = open_library(onnxparser_path, kOnnxParserName);
    find_symbol(parser.get(), parser_name, "createNvOnnxParser_INTERNAL", library->create_onnx_parser);

    nvinfer.release();
    parser.release();
    loaded = library.release();
}

int32_t tensorrt_version() {
    return tensorrt_library().version();
}

const TensorRtLibrary& tensorrt_library() {
    std::lock_guard<std::mutex> lock(load_mutex);
    if (loaded == nullptr) {
        throw Error(FE_ERR_NO_TENSORRT, "TensorRT is not loaded: call fe_tensorrt_load first");
    }
    return *loaded;
}

}  // namespace fe
