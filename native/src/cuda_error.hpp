// CUDA runtime errors as fe::Error with the status the caller can act on.
#ifndef FACEEMBED_CUDA_ERROR_HPP
#define FACEEMBED_CUDA_ERROR_HPP

#include "status.hpp"

#include <cuda_runtime_api.h>

namespace fe {

// The status for a CUDA error: no driver, no device, out of memory, or FE_ERR_CUDA.
fe_status cuda_status(cudaError_t error) noexcept;

// An fe::Error naming the call, the CUDA error (name, number, text) and, where there is one, the fix.
[[noreturn]] void throw_cuda_error(cudaError_t error, const char* call);

inline void cuda_check(cudaError_t error, const char* call) {
    if (error != cudaSuccess) {
        throw_cuda_error(error, call);
    }
}

}  // namespace fe

#endif
