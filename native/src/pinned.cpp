// Page-locked host memory handed to the caller, remembered with the device it was allocated on so that it is
// freed there too (cudaFreeHost, like cudaHostAlloc, needs a current context).
#include "cuda_device.hpp"
#include "cuda_error.hpp"
#include "cuda_resources.hpp"

#include <cuda_runtime_api.h>

#include <mutex>
#include <unordered_map>

namespace fe {
namespace {

std::mutex allocations_mutex;

std::unordered_map<void*, int32_t>& allocations() {
    // Never destroyed: memory may be freed by Java cleaners while the process exits.
    static auto* map = new std::unordered_map<void*, int32_t>();
    return *map;
}

}  // namespace

void* host_alloc(int32_t device, size_t bytes) {
    require_device(device);
    DeviceScope scope(device);
    void* p = nullptr;
    // Portable: the memory is pinned for every device, so one batch buffer serves runners on any GPU.
    cuda_check(cudaHostAlloc(&p, bytes, cudaHostAllocPortable), "cudaHostAlloc");
    try {
        std::lock_guard<std::mutex> lock(allocations_mutex);
        allocations().emplace(p, device);
    } catch (...) {
        cudaFreeHost(p);
        throw;
    }
    return p;
}

void host_free(void* p) noexcept {
    int32_t device = 0;
    {
        std::lock_guard<std::mutex> lock(allocations_mutex);
        auto found = allocations().find(p);
        if (found == allocations().end()) {
            return;
        }
        device = found->second;
        allocations().erase(found);
    }
    try {
        DeviceScope scope(device);
        cudaFreeHost(p);
    } catch (...) {
        // The device cannot be made current (the driver is gone): nothing useful is left to do.
    }
}

}  // namespace fe
