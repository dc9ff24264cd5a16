// fe_tensorrt_load and the plugin functions against test doubles of the TensorRT libraries (fake_tensorrt.cpp), in
// the folders CMake lays them out in (fake_trt/<case>/libnvinfer.so.10, ...). One case per process, because a
// successful load lasts for the process:
//   wrong-major <nvinfer>               a library of another TensorRT major version is refused
//   older-minor <nvinfer>               a library older than the headers compiled against is refused
//   no-factories <nvinfer>              a library without the factory functions is refused
//   no-parser <nvinfer>                 the ONNX parser library is missing: nothing stays loaded
//   parser-api <nvinfer> <parser>       a parser with an older parser API version is refused
//   mixed-release <nvinfer> <parser>    a parser whose file name names another TensorRT release is refused
//   loads <folder> <model>              loading succeeds with libnvinfer_plugin from the same folder; versions and
//                                       libraries are reported; a second load of other files is refused; users'
//                                       plugin libraries load; engine build and load then fail cleanly, because the
//                                       doubles create no objects (or because there is no GPU)
//   plugins-fail <folder>               initLibNvInferPlugins fails: reported with its log, not an error
//   plugins-missing <folder>            no libnvinfer_plugin: reported, not an error
#include "check.hpp"

#include <string>

namespace {

void check_not_loaded() {
    int32_t version = 0;
    CHECK_STATUS(fe_tensorrt_version(&version), FE_ERR_NO_TENSORRT);
    CHECK_MESSAGE("call fe_tensorrt_load first");
}

std::string libraries() {
    const char* text = nullptr;
    CHECK_STATUS(fe_tensorrt_libraries(&text), FE_OK);
    return text != nullptr ? text : "";
}

void check_contains(const std::string& text, const std::string& part) {
    if (text.find(part) == std::string::npos) {
        std::fprintf(stderr, "\"%s\" does not contain \"%s\"\n", text.c_str(), part.c_str());
        CHECK(text.find(part) != std::string::npos);
    }
}

size_t occurrences(const std::string& text, const std::string& part) {
    size_t count = 0;
    for (size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) {
        ++count;
    }
    return count;
}

void build_and_load_fail_cleanly(const char* model) {
    const fe_profile profile{1, 1, 1};
    fe_build_options o{};
    o.struct_size = sizeof o;
    o.precision = FE_PRECISION_FP32;
    o.optimization_level = -1;
    o.profile_count = 1;
    o.profiles = &profile;
    void* plan = nullptr;
    size_t size = 0;
    const fe_status built = fe_engine_build(model, &o, &plan, &size);
    std::printf("fe_engine_build with the doubles: %s: %s\n", fe_test::status_name(built), fe_last_error());
    CHECK(plan == nullptr && size == 0);
    const unsigned char bytes[16] = {};
    fe_engine* engine = nullptr;
    const fe_status loaded = fe_engine_load(bytes, sizeof bytes, 0, &engine);
    std::printf("fe_engine_load with the doubles: %s: %s\n", fe_test::status_name(loaded), fe_last_error());
    CHECK(engine == nullptr);

    int32_t devices = 0;
    if (fe_device_count(&devices) == FE_OK && devices > 0) {
        CHECK_STATUS(built, FE_ERR_TENSORRT);
        CHECK_STATUS(loaded, FE_ERR_TENSORRT);
        CHECK_MESSAGE("createInferRuntime failed");
    } else {
        CHECK(built == FE_ERR_NO_DRIVER || built == FE_ERR_NO_DEVICE);
        CHECK(loaded == FE_ERR_NO_DRIVER || loaded == FE_ERR_NO_DEVICE);
    }
}

void user_plugins(const std::string& folder) {
    const std::string user = folder + "/../user_plugins/";
    const std::string static_plugin = user + "libstatic_plugin.so";
    const char* paths[] = {static_plugin.c_str(), static_plugin.c_str()};
    CHECK_STATUS(fe_tensorrt_load_plugins(paths, 2), FE_OK);
    const std::string text = libraries();
    CHECK(occurrences(text, "plugin\tloaded\t/") == 2);  // libnvinfer_plugin and the user's, once
    check_contains(text, "/libstatic_plugin.so\n");

    const std::string creators = user + "libcreators_plugin.so";
    const char* with_creators[] = {creators.c_str()};
    CHECK_STATUS(fe_tensorrt_load_plugins(with_creators, 1), FE_ERR_TENSORRT);
    CHECK_MESSAGE("getPluginRegistry returned NULL while loading");
    // Still failing when asked again, and not listed.
    CHECK_STATUS(fe_tensorrt_load_plugins(with_creators, 1), FE_ERR_TENSORRT);
    CHECK(libraries().find("libcreators_plugin.so") == std::string::npos);

    const char* missing[] = {"no-such-dir/libplugin.so"};
    CHECK_STATUS(fe_tensorrt_load_plugins(missing, 1), FE_ERR_IO);
    CHECK_MESSAGE("cannot open TensorRT plugin library no-such-dir/libplugin.so");
}

void loads(const std::string& folder, const char* model) {
    const std::string nvinfer = folder + "/libnvinfer.so.10";
    const std::string parser = folder + "/libnvonnxparser.so.10";
    CHECK_STATUS(fe_tensorrt_load(nvinfer.c_str(), parser.c_str()), FE_OK);
    int32_t version = 0;
    CHECK_STATUS(fe_tensorrt_version(&version), FE_OK);
    fe_tensorrt_versions versions{};
    CHECK_STATUS(fe_tensorrt_versions_get(&versions), FE_OK);
    std::printf("versions: library %d, headers %d, parser %d (headers %d, release %d), plugins %d\n",
                versions.library, versions.headers, versions.onnx_parser, versions.onnx_parser_headers,
                versions.onnx_parser_release, versions.plugins_loaded);
    CHECK(version == versions.library && version == versions.headers);
    CHECK(versions.onnx_parser == 100 && versions.onnx_parser_headers == 100);
    CHECK(versions.onnx_parser_release == 0);  // libnvonnxparser.so.10 names no release
    CHECK(versions.plugins_loaded == 1);
    const std::string text = libraries();
    std::printf("%s", text.c_str());
    check_contains(text, "nvinfer\tloaded\t/");
    check_contains(text, "/full/libnvinfer.so.10\nonnxparser\tloaded\t/");
    check_contains(text, "/full/libnvinfer_plugin.so.10\n");
    check_contains(text, "nvinfer_plugin\tloaded\t/");

    // The same files, or no preference, are fine; other files are refused and name what is loaded.
    CHECK_STATUS(fe_tensorrt_load(nvinfer.c_str(), parser.c_str()), FE_OK);
    CHECK_STATUS(fe_tensorrt_load(nullptr, nullptr), FE_OK);
    CHECK_STATUS(fe_tensorrt_load(nullptr, parser.c_str()), FE_OK);
    const std::string other = folder + "/../bare/libnvinfer.so.10";
    CHECK_STATUS(fe_tensorrt_load(other.c_str(), nullptr), FE_ERR_INVALID_ARGUMENT);
    CHECK_MESSAGE("TensorRT is already loaded from /");
    CHECK_MESSAGE("/full/libnvinfer.so.10 and /");
    CHECK_MESSAGE("restart the process to switch");
    CHECK_STATUS(fe_tensorrt_load(nullptr, "no-such-dir/libnvonnxparser.so.10"), FE_ERR_INVALID_ARGUMENT);

    user_plugins(folder);
    build_and_load_fail_cleanly(model);
}

void plugins_fail(const std::string& folder) {
    CHECK_STATUS(fe_tensorrt_load((folder + "/libnvinfer.so.10").c_str(), (folder + "/libnvonnxparser.so.10").c_str()),
                 FE_OK);
    const std::string text = libraries();
    std::printf("%s", text.c_str());
    check_contains(text, "nvinfer_plugin\tfailed\t/");
    // The plugin library's own log line, attributed to the load.
    check_contains(text, "initLibNvInferPlugins returned false; TensorRT: [E] fake plugin library: no plugin could "
                         "be registered\n");
    fe_tensorrt_versions versions{};
    CHECK_STATUS(fe_tensorrt_versions_get(&versions), FE_OK);
    CHECK(versions.plugins_loaded == 0);
}

void plugins_missing(const std::string& folder) {
    CHECK_STATUS(fe_tensorrt_load((folder + "/libnvinfer.so.10").c_str(), (folder + "/libnvonnxparser.so.10").c_str()),
                 FE_OK);
    const std::string text = libraries();
    std::printf("%s", text.c_str());
    // Not next to libnvinfer; a TensorRT installed on this machine may still be found by the dynamic linker, and
    // then cannot work with the test double of libnvinfer.
    CHECK(text.find("nvinfer_plugin\tmissing\t") != std::string::npos ||
          text.find("nvinfer_plugin\tfailed\t") != std::string::npos);
    fe_tensorrt_versions versions{};
    CHECK_STATUS(fe_tensorrt_versions_get(&versions), FE_OK);
    CHECK(versions.plugins_loaded == 0);
}

int usage(const char* program) {
    std::fprintf(stderr, "usage: %s wrong-major|older-minor|no-factories|no-parser <nvinfer> | parser-api|"
                         "mixed-release <nvinfer> <parser> | loads <folder> <model> | plugins-fail|plugins-missing "
                         "<folder>\n", program);
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    const std::string mode = argc > 2 ? argv[1] : "";
    if (mode == "wrong-major" && argc == 3) {
        CHECK_STATUS(fe_tensorrt_load(argv[2], nullptr), FE_ERR_NO_TENSORRT);
        CHECK_MESSAGE("is TensorRT 9.0.0; this shim needs TensorRT 10");
        check_not_loaded();
    } else if (mode == "older-minor" && argc == 3) {
        CHECK_STATUS(fe_tensorrt_load(argv[2], nullptr), FE_ERR_NO_TENSORRT);
        CHECK_MESSAGE("older than the TensorRT 10.");
        CHECK_MESSAGE("headers this shim was compiled against");
        check_not_loaded();
    } else if (mode == "no-factories" && argc == 3) {
        CHECK_STATUS(fe_tensorrt_load(argv[2], nullptr), FE_ERR_NO_TENSORRT);
        CHECK_MESSAGE("has no symbol createInferBuilder_INTERNAL");
        check_not_loaded();
    } else if (mode == "no-parser" && argc == 3) {
        CHECK_STATUS(fe_tensorrt_load(argv[2], "no-such-dir/libnvonnxparser.so.10"), FE_ERR_NO_TENSORRT);
        CHECK_MESSAGE("could not open no-such-dir/libnvonnxparser.so.10");
        check_not_loaded();
    } else if (mode == "parser-api" && argc == 4) {
        CHECK_STATUS(fe_tensorrt_load(argv[2], argv[3]), FE_ERR_NO_TENSORRT);
        CHECK_MESSAGE("has ONNX parser API version 0.0.0, this shim needs 0.1.0");
        check_not_loaded();
    } else if (mode == "mixed-release" && argc == 4) {
        CHECK_STATUS(fe_tensorrt_load(argv[2], argv[3]), FE_ERR_NO_TENSORRT);
        CHECK_MESSAGE("use the libnvinfer and libnvonnxparser of one TensorRT release");
        check_not_loaded();
    } else if (mode == "loads" && argc == 4) {
        loads(argv[2], argv[3]);
    } else if (mode == "plugins-fail" && argc == 3) {
        plugins_fail(argv[2]);
    } else if (mode == "plugins-missing" && argc == 3) {
        plugins_missing(argv[2]);
    } else {
        return usage(argv[0]);
    }
    return fe_test::finish();
}
