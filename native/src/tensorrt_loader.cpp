// fe_tensorrt_load and the plugin libraries: dlopen and dlsym of TensorRT, once per process.
#include "tensorrt_loader.hpp"
#include "library_version.hpp"
#include "status.hpp"
#include "tensorrt_backend.hpp"
#include "trt_logger.hpp"

#include <NvInferPlugin.h>
#include <dlfcn.h>
#include <link.h>
#include <unistd.h>

#include <climits>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

// "10" for TensorRT 10: the library names and messages follow the headers compiled against.
#define FE_TEXT(x) #x
#define FE_EXPANDED_TEXT(x) FE_TEXT(x)
#define FE_TRT_MAJOR_TEXT FE_EXPANDED_TEXT(NV_TENSORRT_MAJOR)

namespace fe {
namespace {

constexpr const char* kNvinferName = "libnvinfer.so." FE_TRT_MAJOR_TEXT;
constexpr const char* kOnnxParserName = "libnvonnxparser.so." FE_TRT_MAJOR_TEXT;
constexpr const char* kPluginName = "libnvinfer_plugin.so." FE_TRT_MAJOR_TEXT;
constexpr const char* kInstallHint =
    "install TensorRT " FE_TRT_MAJOR_TEXT " (e.g. the libnvinfer" FE_TRT_MAJOR_TEXT
    " and libnvonnxparsers" FE_TRT_MAJOR_TEXT " packages, or the TensorRT tar file with its lib directory on "
    "LD_LIBRARY_PATH) or pass the libraries' paths";

struct DlClose {
    void operator()(void* handle) const noexcept { dlclose(handle); }
};
using LibraryHandle = std::unique_ptr<void, DlClose>;

// One line of fe_tensorrt_libraries.
struct LibraryRecord {
    std::string role;
    std::string state;
    std::string detail;
};

// Everything fe_tensorrt_load made. Set once, never freed: engines, runners and registered plugins hold code of
// these libraries, so they stay loaded for the process.
struct LoadedTensorRt {
    TensorRtLibrary library{};
    void* nvinfer = nullptr;
    void* onnx_parser = nullptr;
    std::string nvinfer_path;
    int32_t onnx_parser_api = 0;
    int32_t onnx_parser_release = 0;
    bool plugins_loaded = false;
    std::vector<void*> plugin_handles;
    std::vector<LibraryRecord> records;
};

std::mutex load_mutex;
LoadedTensorRt* loaded = nullptr;

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
void find_symbol(void* handle, const std::string& library, const char* symbol, Function& out) {
    dlerror();
    void* address = dlsym(handle, symbol);
    if (address == nullptr) {
        throw Error(FE_ERR_NO_TENSORRT, library + " has no symbol " + symbol + " (" + dl_error() +
                                            "): it is not a TensorRT " FE_TRT_MAJOR_TEXT " library");
    }
    out = reinterpret_cast<Function>(address);
}

// The file the dynamic linker opened for `handle`, with symbolic links resolved.
std::string resolved_path(void* handle) {
    link_map* map = nullptr;
    if (dlinfo(handle, RTLD_DI_LINKMAP, &map) != 0 || map == nullptr || map->l_name == nullptr) {
        return "";
    }
    char resolved[PATH_MAX];
    return realpath(map->l_name, resolved) != nullptr ? std::string(resolved) : std::string(map->l_name);
}

int32_t major_minor(int32_t version) {
    return version / 100;
}

void check_library_version(const std::string& name, int32_t version) {
    // Objects of another major version have other virtual tables: using them would crash, not fail. An older minor
    // lacks the virtual functions that the headers' newer methods call.
    if (version / 10000 != NV_TENSORRT_MAJOR) {
        throw Error(FE_ERR_NO_TENSORRT, name + " is TensorRT " + version_text(version) +
                                            "; this shim needs TensorRT " FE_TRT_MAJOR_TEXT);
    }
    if (major_minor(version) < major_minor(NV_TENSORRT_VERSION)) {
        throw Error(FE_ERR_NO_TENSORRT,
                    name + " is TensorRT " + version_text(version) + ", older than the TensorRT " +
                        version_text(NV_TENSORRT_VERSION) + " headers this shim was compiled against: install "
                        "TensorRT " + std::to_string(NV_TENSORRT_MAJOR) + "." + std::to_string(NV_TENSORRT_MINOR) +
                        " or newer, or use a shim compiled against older TensorRT headers");
    }
}

void check_parser(const std::string& name, const LoadedTensorRt& state, int32_t api_version, int32_t release) {
    if (api_version / 10000 != NV_ONNX_PARSER_MAJOR || api_version < NV_ONNX_PARSER_VERSION) {
        throw Error(FE_ERR_NO_TENSORRT, name + " has ONNX parser API version " + version_text(api_version) +
                                            ", this shim needs " + version_text(NV_ONNX_PARSER_VERSION) +
                                            " (its headers') or a later " + std::to_string(NV_ONNX_PARSER_MAJOR) +
                                            ".x");
    }
    if (release != 0 && major_minor(release) != major_minor(state.library.version())) {
        throw Error(FE_ERR_NO_TENSORRT, name + " belongs to TensorRT " + version_text(release) + " but " +
                                            state.nvinfer_path + " is TensorRT " +
                                            version_text(state.library.version()) +
                                            ": use the libnvinfer and libnvonnxparser of one TensorRT release");
    }
}

// libnvinfer_plugin: next to libnvinfer, else wherever the dynamic linker finds it. Never an error: the record
// says what happened.
LibraryRecord load_builtin_plugins(LoadedTensorRt& state) {
    const size_t slash = state.nvinfer_path.rfind('/');
    std::string candidate = slash == std::string::npos ? "" : state.nvinfer_path.substr(0, slash + 1) + kPluginName;
    if (candidate.empty() || ::access(candidate.c_str(), F_OK) != 0) {
        candidate = kPluginName;
    }
    dlerror();
    void* handle = dlopen(candidate.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) {
        return {"nvinfer_plugin", "missing", dl_error()};
    }
    const std::string path = resolved_path(handle);
    const int32_t release = release_from_file_name(path);
    if (release != 0 && major_minor(release) != major_minor(state.library.version())) {
        dlclose(handle);
        return {"nvinfer_plugin", "failed",
                path + " belongs to TensorRT " + version_text(release) + ", libnvinfer is " +
                    version_text(state.library.version()) + ": not used"};
    }
    void* init = dlsym(handle, "initLibNvInferPlugins");
    if (init == nullptr) {
        dlclose(handle);
        return {"nvinfer_plugin", "failed", path + " has no symbol initLibNvInferPlugins"};
    }
    state.plugin_handles.push_back(handle);
    LogCapture capture;
    const bool initialised = reinterpret_cast<decltype(&::initLibNvInferPlugins)>(init)(&process_logger(), "");
    if (!initialised) {
        const std::string log = capture.text();
        return {"nvinfer_plugin", "failed",
                path + ": initLibNvInferPlugins returned false" + (log.empty() ? "" : "; TensorRT: " + log)};
    }
    state.plugins_loaded = true;
    return {"nvinfer_plugin", "loaded", path};
}

std::unique_ptr<LoadedTensorRt> load_libraries(const char* nvinfer_path, const char* onnxparser_path) {
    auto state = std::make_unique<LoadedTensorRt>();
    TensorRtLibrary& library = state->library;
    const std::string nvinfer_name = nvinfer_path != nullptr ? nvinfer_path : kNvinferName;
    LibraryHandle nvinfer = open_library(nvinfer_path, kNvinferName);
    find_symbol(nvinfer.get(), nvinfer_name, "getInferLibVersion", library.version);
    check_library_version(nvinfer_name, library.version());
    find_symbol(nvinfer.get(), nvinfer_name, "createInferBuilder_INTERNAL", library.create_builder);
    find_symbol(nvinfer.get(), nvinfer_name, "createInferRuntime_INTERNAL", library.create_runtime);
    find_symbol(nvinfer.get(), nvinfer_name, "getPluginRegistry", library.plugin_registry);
    library.library_version = library.version();
    state->nvinfer_path = resolved_path(nvinfer.get());

    const std::string parser_name = onnxparser_path != nullptr ? onnxparser_path : kOnnxParserName;
    LibraryHandle parser = open_library(onnxparser_path, kOnnxParserName);
    find_symbol(parser.get(), parser_name, "createNvOnnxParser_INTERNAL", library.create_onnx_parser);
    find_symbol(parser.get(), parser_name, "getNvOnnxParserVersion", library.onnx_parser_version);
    const std::string parser_path = resolved_path(parser.get());
    state->onnx_parser_api = library.onnx_parser_version();
    state->onnx_parser_release = release_from_file_name(parser_path);
    check_parser(parser_name, *state, state->onnx_parser_api, state->onnx_parser_release);

    state->records.push_back({"nvinfer", "loaded", state->nvinfer_path});
    state->records.push_back({"onnxparser", "loaded", parser_path});
    state->nvinfer = nvinfer.release();
    state->onnx_parser = parser.release();
    return state;
}

// Whether `path` names the already loaded library `handle` (the same file, found the way dlopen finds it).
bool is_loaded_library(const char* path, void* handle) {
    void* same = dlopen(path, RTLD_NOW | RTLD_LOCAL | RTLD_NOLOAD);
    if (same != nullptr) {
        dlclose(same);
    }
    return same == handle;
}

void require_same_libraries(const LoadedTensorRt& state, const char* nvinfer_path, const char* onnxparser_path) {
    const auto differs = [](const char* path, void* handle) {
        return path != nullptr && !is_loaded_library(path, handle);
    };
    if (differs(nvinfer_path, state.nvinfer) || differs(onnxparser_path, state.onnx_parser)) {
        invalid_argument("TensorRT is already loaded from " + state.records[0].detail + " and " +
                         state.records[1].detail + "; a process uses one TensorRT, so " +
                         (nvinfer_path != nullptr ? nvinfer_path : kNvinferName) + " / " +
                         (onnxparser_path != nullptr ? onnxparser_path : kOnnxParserName) +
                         " cannot be loaded as well (restart the process to switch)");
    }
}

LoadedTensorRt& loaded_state() {
    if (loaded == nullptr) {
        throw Error(FE_ERR_NO_TENSORRT, "TensorRT is not loaded: call fe_tensorrt_load first");
    }
    return *loaded;
}

LibraryRecord load_user_plugin(LoadedTensorRt& state, const char* path) {
    dlerror();
    void* handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) {
        throw Error(FE_ERR_IO, std::string("cannot open TensorRT plugin library ") + path + ": " + dl_error());
    }
    for (void* known : state.plugin_handles) {
        if (known == handle) {
            dlclose(handle);
            return {};
        }
    }
    const std::string resolved = resolved_path(handle);
    // Static registration (REGISTER_TENSORRT_PLUGIN) happened in dlopen; a library with the plugin-library entry
    // points is registered explicitly. A library that fails stays open (its static initialisers may have
    // registered creators) but is not remembered, so that asking for it again fails again.
    if (dlsym(handle, "getCreators") != nullptr || dlsym(handle, "getPluginCreators") != nullptr) {
        nvinfer1::IPluginRegistry* registry = state.library.plugin_registry();
        LogCapture capture;
        if (registry == nullptr) {
            throw_tensorrt_error(std::string("getPluginRegistry returned NULL while loading ") + path, capture);
        }
        if (registry->loadLibrary(path) == nullptr) {
            throw_tensorrt_error(std::string("the plugin registry refused ") + path, capture);
        }
    }
    state.plugin_handles.push_back(handle);
    return {"plugin", "loaded", resolved};
}

}  // namespace

void tensorrt_load(const char* nvinfer_path, const char* onnxparser_path) {
    std::lock_guard<std::mutex> lock(load_mutex);
    if (loaded != nullptr) {
        require_same_libraries(*loaded, nvinfer_path, onnxparser_path);
        return;
    }
    std::unique_ptr<LoadedTensorRt> state = load_libraries(nvinfer_path, onnxparser_path);
    state->records.push_back(load_builtin_plugins(*state));
    loaded = state.release();
}

int32_t tensorrt_version() {
    return tensorrt_library().library_version;
}

void tensorrt_versions(fe_tensorrt_versions& out) {
    std::lock_guard<std::mutex> lock(load_mutex);
    const LoadedTensorRt& state = loaded_state();
    out.library = state.library.library_version;
    out.headers = NV_TENSORRT_VERSION;
    out.onnx_parser = state.onnx_parser_api;
    out.onnx_parser_headers = NV_ONNX_PARSER_VERSION;
    out.onnx_parser_release = state.onnx_parser_release;
    out.plugins_loaded = state.plugins_loaded ? 1 : 0;
}

std::string tensorrt_libraries() {
    std::lock_guard<std::mutex> lock(load_mutex);
    std::string text;
    for (const LibraryRecord& record : loaded_state().records) {
        text += record.role + "\t" + record.state + "\t" + record.detail + "\n";
    }
    return text;
}

void tensorrt_load_plugins(const char* const* paths, int32_t count) {
    std::lock_guard<std::mutex> lock(load_mutex);
    LoadedTensorRt& state = loaded_state();
    for (int32_t i = 0; i < count; ++i) {
        LibraryRecord record = load_user_plugin(state, paths[i]);
        if (!record.role.empty()) {
            state.records.push_back(std::move(record));
        }
    }
}

const TensorRtLibrary& tensorrt_library() {
    std::lock_guard<std::mutex> lock(load_mutex);
    return loaded_state().library;
}

}  // namespace fe
