// The CUDA part behind the fe_* device and pinned-memory functions. Implemented by cuda_device.cpp and pinned.cpp
// in a CUDA build, and by cuda_not_built.cpp otherwise. Arguments are validated by the caller (api_cuda.cpp).
#ifndef FACEEMBED_CUDA_DEVICE_HPP
#define FACEEMBED_CUDA_DEVICE_HPP

#include "faceembed_trt.h"

#include <cstddef>
#include <cstdint>

namespace fe {

int32_t cuda_driver_version();
int32_t cuda_runtime_version();
int32_t device_count();
// FE_ERR_NO_DEVICE unless 0 <= device < device_count(); done once where a device index enters the shim (engine
// build and load, device queries, pinned allocation), not on every run.
void require_device(int32_t device);
// Properties only: creates no CUDA context.
void device_info(int32_t device, fe_device_info& out);
// Needs (and so creates) the primary context of `device`.
void device_memory(int32_t device, uint64_t& free_bytes, uint64_t& total_bytes);
void* host_alloc(int32_t device, size_t bytes);
void host_free(void* p) noexcept;

}  // namespace fe

#endif
