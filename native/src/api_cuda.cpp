// fe_* entry points of the CUDA part: argument checks here, in every build; the work in cuda_device.hpp.
#include "cuda_device.hpp"
#include "faceembed_trt.h"
#include "status.hpp"

#include <string>

namespace {

void require_device_index(int32_t device) {
    if (device < 0) {
        fe::invalid_argument("device must be >= 0, got " + std::to_string(device));
    }
}

}  // namespace

extern "C" {

FE_API fe_status fe_cuda_driver_version(int32_t* out) {
    return fe::guarded(__func__, [&] {
        fe::require_not_null(out, "out");
        *out = 0;
        *out = fe::cuda_driver_version();
    });
}

FE_API fe_status fe_cuda_runtime_version(int32_t* out) {
    return fe::guarded(__func__, [&] {
        fe::require_not_null(out, "out");
        *out = 0;
        *out = fe::cuda_runtime_version();
    });
}

FE_API fe_status fe_device_count(int32_t* out) {
    return fe::guarded(__func__, [&] {
        fe::require_not_null(out, "out");
        *out = 0;
        *out = fe::device_count();
    });
}

FE_API fe_status fe_device_info_get(int32_t device, fe_device_info* out) {
    return fe::guarded(__func__, [&] {
        fe::require_not_null(out, "out");
        *out = fe_device_info{};
        require_device_index(device);
        fe::device_info(device, *out);
    });
}

FE_API fe_status fe_device_memory_get(int32_t device, uint64_t* free_bytes, uint64_t* total_bytes) {
    return fe::guarded(__func__, [&] {
        if (free_bytes != nullptr) {
            *free_bytes = 0;
        }
        if (total_bytes != nullptr) {
            *total_bytes = 0;
        }
        fe::require_not_null(free_bytes, "free_bytes");
        fe::require_not_null(total_bytes, "total_bytes");
        require_device_index(device);
        fe::device_memory(device, *free_bytes, *total_bytes);
    });
}

FE_API fe_status fe_host_alloc(int32_t device, size_t bytes, void** out) {
    return fe::guarded(__func__, [&] {
        fe::require_not_null(out, "out");
        *out = nullptr;
        require_device_index(device);
        if (bytes == 0) {
            fe::invalid_argument("bytes must be > 0");
        }
        *out = fe::host_alloc(device, bytes);
    });
}

FE_API void fe_host_free(void* p) {
    if (p != nullptr) {
        fe::host_free(p);
    }
}

}  // extern "C"
