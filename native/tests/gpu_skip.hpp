// The reason a GPU test cannot run here, or "" when a CUDA device is available.
#ifndef FACEEMBED_TEST_GPU_SKIP_HPP
#define FACEEMBED_TEST_GPU_SKIP_HPP

#include <cuda_runtime_api.h>

#include <string>

namespace fe_test {

inline std::string no_gpu_reason() {
    int count = 0;
    const cudaError_t error = cudaGetDeviceCount(&count);
    if (error == cudaErrorInsufficientDriver) {
        return "no CUDA driver (cudaErrorInsufficientDriver 35)";
    }
    if (error != cudaSuccess) {
        return std::string("no CUDA device (") + cudaGetErrorName(error) + " " +
               std::to_string(static_cast<int>(error)) + ")";
    }
    return count > 0 ? "" : "no CUDA device";
}

}  // namespace fe_test

#endif
