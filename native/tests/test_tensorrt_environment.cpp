// TensorRT functions without a loaded TensorRT, and fe_tensorrt_load on whatever machine runs the test: a missing
// library or symbol gives FE_ERR_NO_TENSORRT naming it; a build without TensorRT headers gives FE_ERR_NOT_BUILT.
// Argument: the path of an ONNX model.
#include "check.hpp"

#include <string>

namespace {

const fe_profile kProfile{1, 4, 8};

fe_build_options options() {
    fe_build_options o{};
    o.struct_size = sizeof(fe_build_options);
    o.precision = FE_PRECISION_FP32;
    o.optimization_level = -1;
    o.profile_count = 1;
    o.profiles = &kProfile;
    return o;
}

// The functions that need a loaded TensorRT, all failing with `expected`.
void tensorrt_queries(fe_status expected) {
    int32_t version = 5;
    CHECK_STATUS(fe_tensorrt_version(&version), expected);
    CHECK(version == 0);
    fe_tensorrt_versions versions{};
    versions.library = 5;
    CHECK_STATUS(fe_tensorrt_versions_get(&versions), expected);
    CHECK(versions.library == 0);
    const char* libraries = "stale";
    CHECK_STATUS(fe_tensorrt_libraries(&libraries), expected);
    CHECK(libraries == nullptr);
    const char* plugin = "libplugin.so";
    CHECK_STATUS(fe_tensorrt_load_plugins(&plugin, 1), expected);
}

#ifndef FE_HAVE_TENSORRT
int not_built(const char* model) {
    CHECK_STATUS(fe_tensorrt_load(nullptr, nullptr), FE_ERR_NOT_BUILT);
    CHECK_MESSAGE("built without");
    CHECK_MESSAGE("TensorRT");
    tensorrt_queries(FE_ERR_NOT_BUILT);
    const fe_build_options o = options();
    void* plan = nullptr;
    size_t size = 0;
    CHECK_STATUS(fe_engine_build(model, &o, &plan, &size), FE_ERR_NOT_BUILT);
    CHECK(plan == nullptr);
    const unsigned char bytes[16] = {};
    fe_engine* engine = nullptr;
    CHECK_STATUS(fe_engine_load(bytes, sizeof bytes, 0, &engine), FE_ERR_NOT_BUILT);
    CHECK(engine == nullptr);
    return fe_test::finish();
}
#else
void before_load(const char* model) {
    tensorrt_queries(FE_ERR_NO_TENSORRT);
    CHECK_MESSAGE("fe_tensorrt_load_plugins: TensorRT is not loaded: call fe_tensorrt_load first");

    const fe_build_options o = options();
    void* plan = nullptr;
    size_t size = 0;
    CHECK_STATUS(fe_engine_build("no-such-dir/model.onnx", &o, &plan, &size), FE_ERR_IO);
    CHECK_MESSAGE("cannot read ONNX model 'no-such-dir/model.onnx': No such file or directory");
    CHECK_STATUS(fe_engine_build(model, &o, &plan, &size), FE_ERR_NO_TENSORRT);
    CHECK_MESSAGE("fe_engine_build: TensorRT is not loaded");
    CHECK(plan == nullptr && size == 0);

    const unsigned char bytes[16] = {};
    fe_engine* engine = nullptr;
    CHECK_STATUS(fe_engine_load(bytes, sizeof bytes, 0, &engine), FE_ERR_NO_TENSORRT);
    CHECK(engine == nullptr);
}

void bad_libraries() {
    CHECK_STATUS(fe_tensorrt_load("no-such-dir/libnvinfer.so.10", nullptr), FE_ERR_NO_TENSORRT);
    CHECK_MESSAGE("could not open no-such-dir/libnvinfer.so.10");
    CHECK_MESSAGE("install TensorRT 10");
    // A library that opens but is not TensorRT.
    CHECK_STATUS(fe_tensorrt_load("libc.so.6", nullptr), FE_ERR_NO_TENSORRT);
    CHECK_MESSAGE("libc.so.6 has no symbol getInferLibVersion");
}

void load_installed() {
    const fe_status status = fe_tensorrt_load(nullptr, nullptr);
    std::printf("fe_tensorrt_load(NULL, NULL): %s%s%s\n", fe_test::status_name(status),
                status == FE_OK ? "" : ": ", status == FE_OK ? "" : fe_last_error());
    if (status == FE_OK) {
        int32_t version = 0;
        CHECK_STATUS(fe_tensorrt_version(&version), FE_OK);
        fe_tensorrt_versions versions{};
        CHECK_STATUS(fe_tensorrt_versions_get(&versions), FE_OK);
        const char* libraries = nullptr;
        CHECK_STATUS(fe_tensorrt_libraries(&libraries), FE_OK);
        std::printf("TensorRT %d (headers %d), ONNX parser API %d (headers %d, release %d), plugins %d\n%s",
                    versions.library, versions.headers, versions.onnx_parser, versions.onnx_parser_headers,
                    versions.onnx_parser_release, versions.plugins_loaded, libraries);
        CHECK(version / 10000 == 10 && version == versions.library);
        CHECK(versions.library / 100 >= versions.headers / 100);
        CHECK(std::string(libraries).find("nvinfer\tloaded\t/") == 0);
        // Once loaded: the same request succeeds, another library is refused.
        CHECK_STATUS(fe_tensorrt_load(nullptr, nullptr), FE_OK);
        CHECK_STATUS(fe_tensorrt_load("no-such-dir/libnvinfer.so.10", nullptr), FE_ERR_INVALID_ARGUMENT);
        CHECK_MESSAGE("TensorRT is already loaded from /");
    } else {
        CHECK_STATUS(status, FE_ERR_NO_TENSORRT);
        CHECK_MESSAGE("libnv");
        CHECK_MESSAGE(".so.10");
        tensorrt_queries(FE_ERR_NO_TENSORRT);
    }
}
#endif

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s <model.onnx>\n", argv[0]);
        return 2;
    }
#ifndef FE_HAVE_TENSORRT
    return not_built(argv[1]);
#else
    before_load(argv[1]);
    bad_libraries();
    load_installed();
    return fe_test::finish();
#endif
}
