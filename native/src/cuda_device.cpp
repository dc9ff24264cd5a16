// Driver, runtime and device queries, and the current-device scope.
#include "cuda_device.hpp"
#include "cuda_driver.hpp"
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

void require_device(int32_t device) {
    const int count = device_count();
    if (device >= count) {
        throw Error(FE_ERR_NO_DEVICE, "device " + std::to_string(device) + " does not exist: " +
                                          std::to_string(count) + " CUDA device(s) visible");
    }
}

void device_info(int32_t device, fe_device_info& out) {
    require_device(device);
    // Reads the driver's device attributes; unlike cudaMemGetInfo it needs no context.
    cudaDeviceProp properties{};
    cuda_check(cudaGetDeviceProperties(&properties, device), "cudaGetDeviceProperties");
    static_assert(sizeof properties.name <= sizeof out.name, "device name does not fit fe_device_info.name");
    static_assert(sizeof properties.uuid.bytes == sizeof out.uuid, "fe_device_info.uuid is not 16 bytes");
    std::memcpy(out.name, properties.name, sizeof properties.name);
    out.name[sizeof out.name - 1] = '\0';
    std::memcpy(out.uuid, properties.uuid.bytes, sizeof out.uuid);
    out.compute_major = properties.major;
    out.compute_minor = properties.minor;
    out.multiprocessors = properties.multiProcessorCount;
    out.pci_domain = properties.pciDomainID;
    out.pci_bus = properties.pciBusID;
    out.pci_device = properties.pciDeviceID;
    out.total_memory_bytes = properties.totalGlobalMem;
}

void device_memory(int32_t device, uint64_t& free_bytes, uint64_t& total_bytes) {
    require_device(device);
    DeviceScope scope(device);
    size_t free_memory = 0;
    size_t total_memory = 0;
    cuda_check(cudaMemGetInfo(&free_memory, &total_memory), "cudaMemGetInfo");
    free_bytes = free_memory;
    total_bytes = total_memory;
}

DeviceScope::DeviceScope(int device) {
    int current = 0;
    cuda_check(cudaGetDevice(&current), "cudaGetDevice");
    if (current != device) {
        // Checked before switching: only a context that is already active is worth going back to. Switching to a
        // device whose context is not active would create one there (cudaSetDevice does since CUDA 12).
        const bool restore = primary_context_active(current);
        cuda_check(cudaSetDevice(device), "cudaSetDevice");
        previous_ = restore ? current : -1;
    }
}

DeviceScope::~DeviceScope() {
    if (previous_ >= 0) {
        cudaSetDevice(previous_);
    }
}

}  // namespace fe
