// TensorRT functions without a loaded TensorRT, and fe_tensorrt_load on whatever machine runs the test: a missing
// library or symbol gives FE_ERR_NO_TENSORRT naming it; a build without TensorRT headers gives FE_ERR_NOT_BUILT.
// Argument: the path of an ONNX model.
#include "check.hpp"

#include <string>

namespace {

fe_build_options options() {
    fe_build_options o{};
    o.struct_size = sizeof(fe_build_options);
    o.precision = FE_PRECISION_FP32;
    o.min_batch = 1;
    o.opt_batch = 4;
    o.max_batch = 8;
    return o;
}

#ifndef FE_HAVE_TENSORRT
int not_built(const char* model) {
    CHECK_STATUS(fe_tensorrt_load(nullptr, nullptr), FE_ERR_NOT_BUILT);
    CHECK_MESSAGE("built without");
    CHECK_MESSAGE("TensorRT");
    int32_t version = 5;
    CHECK_STATUS(fe_tensorrt_version(&version), FE_ERR_NOT_BUILT);
    CHECK(version == 0);
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
    int32_t version = 5;
    CHECK_STATUS(fe_tensorrt_version(&version), FE_ERR_NO_TENSORRT);
    CHECK_MESSAGE("call fe_tensorrt_load first");
    CHECK(version == 0);

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
    int32_t version = 0;
    if (status == FE_OK) {
        CHECK_STATUS(fe_tensorrt_version(&version), FE_OK);
        std::printf("TensorRT %d\n", version);
        CHECK(version / 10000 == 10);
        // Idempotent once loaded, whatever the paths.
        CHECK_STATUS(fe_tensorrt_load("no-such-dir/libnvinfer.so.10", nullptr), FE_OK);
    } else {
        CHECK_STATUS(status, FE_ERR_NO_TENSORRT);
        CHECK_MESSAGE("libnv");
        CHECK_MESSAGE(".so.10");
        CHECK_STATUS(fe_tensorrt_version(&version), FE_ERR_NO_TENSORRT);
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
