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
void device_info(int32_t device, fe_device_info& out);
void* host_alloc(size_t bytes);
void host_free(void* p) noexcept;

}  // namespace fe

#endif
