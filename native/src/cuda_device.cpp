// Driver, runtime and device queries.
#include "cuda_device.hpp"
#include "cuda_error.hpp"
#include "cuda_resources.hpp"

#include <cuda_runtime_api.h>

#include <cstring>
#include <string>

namespace fe {

int32_t cuda_driver_version() {
    // cudaDriverGetVersion succeeds with 0 when no driver is installed; that is reported as is.
    int version = 0;
    cuda_check(cudaDriverGetVersion(&version), "cudaDriverGetVersion");
    return version;
}

int32_t cuda_runtime_version() {
    int version = 0;
    cuda_check(cudaRuntimeGetVersion(&version), "cudaRuntimeGetVersion");
    return version;
}

int32_t device_count() {
    int count = 0;
    cuda_check(cudaGetDeviceCount(&count), "cudaGetDeviceCount");
    return count;
}

void device_info(int32_t device, fe_device_info& out) {
    DeviceScope scope(device);
    cudaDeviceProp properties{};
    cuda_check(cudaGetDeviceProperties(&properties, device), "cudaGetDeviceProperties");
    size_t free_bytes = 0;
    size_t total_bytes = 0;
    cuda_check(cudaMemGetInfo(&free_bytes, &total_bytes), "cudaMemGetInfo");
    static_assert(sizeof properties.name <= sizeof out.name, "device name does not fit fe_device_info.name");
    std::memcpy(out.name, properties.name, sizeof properties.name);
    out.name[sizeof out.name - 1] = '\0';
    out.compute_major = properties.major;
    out.compute_minor = properties.minor;
    out.multiprocessors = properties.multiProcessorCount;
    out.total_memory_bytes = total_bytes;
    out.free_memory_bytes = free_bytes;
}

DeviceScope::DeviceScope(int device) {
    const int count = device_count();
    if (device >= count) {
        throw Error(FE_ERR_NO_DEVICE, "device " + std::to_string(device) + " does not exist: " +
                                          std::to_string(count) + " CUDA device(s) visible");
    }
    int current = 0;
    cuda_check(cudaGetDevice(&current), "cudaGetDevice");
    if (current != device) {
        cuda_check(cudaSetDevice(device), "cudaSetDevice");
        previous_ = current;
    }
}

DeviceScope::~DeviceScope() {
    if (previous_ >= 0) {
        cudaSetDevice(previous_);
    }
}

}  // namespace fe
