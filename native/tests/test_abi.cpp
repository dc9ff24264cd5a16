// ABI version, build features and build description agree with how the library was built.
#include "check.hpp"

#include <cstring>
#include <string>

int main() {
    CHECK(fe_abi_version() == FE_ABI_VERSION);

    const uint32_t features = fe_build_features();
#ifdef FE_HAVE_CUDA
    CHECK((features & FE_FEATURE_CUDA) != 0);
#else
    CHECK((features & FE_FEATURE_CUDA) == 0);
#endif
#ifdef FE_HAVE_TENSORRT
    CHECK((features & FE_FEATURE_TENSORRT) != 0);
#else
    CHECK((features & FE_FEATURE_TENSORRT) == 0);
#endif
    CHECK((features & ~(FE_FEATURE_CUDA | FE_FEATURE_TENSORRT)) == 0);
    // TensorRT is only ever built on top of CUDA.
    CHECK((features & FE_FEATURE_TENSORRT) == 0 || (features & FE_FEATURE_CUDA) != 0);

    const char* info = fe_build_info();
    CHECK(info != nullptr);
    const std::string text = info != nullptr ? info : "";
    std::printf("fe_build_info: %s\n", text.c_str());
    CHECK(text.rfind("faceembed_trt abi " + std::to_string(FE_ABI_VERSION) + "; ", 0) == 0);
    CHECK(text.find('\n') == std::string::npos);
    CHECK(fe_build_info() == info);
#ifdef FE_HAVE_CUDA
    CHECK(text.find("; CUDA ") != std::string::npos);
    CHECK(text.find(" static, sm_") != std::string::npos);
#ifndef FE_CUSTOM_CUDA_ARCHITECTURES
    // The default architectures: machine code up to Blackwell, and PTX for what comes after.
    for (const char* arch : {"sm_75", "sm_80", "sm_86", "sm_89", "sm_90", "sm_100", "sm_120", "+compute_90"}) {
        CHECK(text.find(arch) != std::string::npos);
    }
#endif
#else
    CHECK(text.find("CUDA: not built") != std::string::npos);
#endif
#ifdef FE_HAVE_TENSORRT
    CHECK(text.find("TensorRT headers 10.") != std::string::npos);
    CHECK(text.find("(dlopen at run time, needs TensorRT 10.") != std::string::npos);
#else
    CHECK(text.find("TensorRT: not built") != std::string::npos);
#endif
    return fe_test::finish();
}
