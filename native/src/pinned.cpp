// Page-locked host memory handed to the caller.
#include "cuda_device.hpp"
#include "cuda_error.hpp"

#include <cuda_runtime_api.h>

namespace fe {

void* host_alloc(size_t bytes) {
    void* p = nullptr;
    // Portable: the memory is pinned for every device, so one batch buffer serves runners on any GPU.
    cuda_check(cudaHostAlloc(&p, bytes, cudaHostAllocPortable), "cudaHostAlloc");
    return p;
}

void host_free(void* p) noexcept {
    // Nothing useful can be done with a failure here: the memory is gone or was never ours.
    cudaFreeHost(p);
}

}  // namespace fe
