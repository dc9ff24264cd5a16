#include "cuda_error.hpp"

#include <string>

namespace fe {

fe_status cuda_status(cudaError_t error) noexcept {
    switch (error) {
    case cudaErrorInsufficientDriver:
    case cudaErrorStubLibrary:
    case cudaErrorSystemDriverMismatch:
        return FE_ERR_NO_DRIVER;
    case cudaErrorNoDevice:
    case cudaErrorInvalidDevice:
        return FE_ERR_NO_DEVICE;
    case cudaErrorMemoryAllocation:
        return FE_ERR_OUT_OF_MEMORY;
    default:
        return FE_ERR_CUDA;
    }
}

void throw_cuda_error(cudaError_t error, const char* call) {
    const fe_status status = cuda_status(error);
    // Clears the error unless it is sticky, so that the next call on this thread does not report it again.
    static_cast<void>(cudaGetLastError());
    std::string detail = std::string(call) + " returned " + cudaGetErrorName(error) + " (" +
                         std::to_string(static_cast<int>(error)) + ": " + cudaGetErrorString(error) + ")";
    switch (status) {
    case FE_ERR_NO_DRIVER:
        throw Error(status, "no usable NVIDIA driver found (" + detail +
                                "): install the NVIDIA driver, version 580 or newer for CUDA 13");
    case FE_ERR_NO_DEVICE:
        throw Error(status, "no CUDA device (" + detail +
                                "): the driver sees no usable GPU; check nvidia-smi and CUDA_VISIBLE_DEVICES");
    case FE_ERR_OUT_OF_MEMORY:
        throw Error(status, "out of GPU or pinned host memory (" + detail + ")");
    default:
        throw Error(status, detail);
    }
}

}  // namespace fe
