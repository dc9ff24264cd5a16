// fe_tensorrt_load against test doubles of the TensorRT libraries (fake_tensorrt.cpp), one case per process
// because a successful load lasts for the process:
//   wrong-major <nvinfer>             a library of another TensorRT major version is refused
//   no-factories <nvinfer>            a library without the factory functions is refused
//   no-parser <nvinfer>               the ONNX parser library is missing: nothing stays loaded
//   loads <nvinfer> <parser> <model>  loading succeeds; engine build and load then fail cleanly, because the
//                                     doubles create no objects (or because there is no GPU)
#include "check.hpp"

#include <string>

namespace {

void check_not_loaded() {
    int32_t version = 0;
    CHECK_STATUS(fe_tensorrt_version(&version), FE_ERR_NO_TENSORRT);
    CHECK_MESSAGE("call fe_tensorrt_load first");
}

void loads(const char* nvinfer, const char* parser, const char* model) {
    CHECK_STATUS(fe_tensorrt_load(nvinfer, parser), FE_OK);
    int32_t version = 0;
    CHECK_STATUS(fe_tensorrt_version(&version), FE_OK);
    CHECK(version == 101600);
    CHECK_STATUS(fe_tensorrt_load(nullptr, nullptr), FE_OK);

    fe_build_options o{};
    o.struct_size = sizeof o;
    o.precision = FE_PRECISION_FP32;
    o.min_batch = o.opt_batch = o.max_batch = 1;
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

}  // namespace

int main(int argc, char** argv) {
    const std::string mode = argc > 2 ? argv[1] : "";
    if (mode == "wrong-major" && argc == 3) {
        CHECK_STATUS(fe_tensorrt_load(argv[2], nullptr), FE_ERR_NO_TENSORRT);
        CHECK_MESSAGE("is TensorRT 9.0.0; this shim needs TensorRT 10");
        check_not_loaded();
    } else if (mode == "no-factories" && argc == 3) {
        CHECK_STATUS(fe_tensorrt_load(argv[2], nullptr), FE_ERR_NO_TENSORRT);
        CHECK_MESSAGE("has no symbol createInferBuilder_INTERNAL");
        check_not_loaded();
    } else if (mode == "no-parser" && argc == 3) {
        CHECK_STATUS(fe_tensorrt_load(argv[2], "no-such-dir/libnvonnxparser.so.10"), FE_ERR_NO_TENSORRT);
        CHECK_MESSAGE("could not open no-such-dir/libnvonnxparser.so.10");
        check_not_loaded();
    } else if (mode == "loads" && argc == 5) {
        loads(argv[2], argv[3], argv[4]);
    } else {
        std::fprintf(stderr, "usage: %s wrong-major|no-factories|no-parser <nvinfer> | loads <nvinfer> <parser> "
                             "<model>\n", argv[0]);
        return 2;
    }
    return fe_test::finish();
}
