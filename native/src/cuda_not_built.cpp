// The CUDA part of a build without the CUDA toolkit: every call says so.
#include "cuda_device.hpp"
#include "status.hpp"

namespace fe {
namespace {

[[noreturn]] void not_built() {
    throw Error(FE_ERR_NOT_BUILT,
                "this faceembed_trt was built without CUDA (no CUDA toolkit at build time, or FE_WITH_CUDA=OFF); "
                "use a build of the shim made with the CUDA toolkit");
}

}  // namespace

int32_t cuda_driver_version() { not_built(); }
int32_t cuda_runtime_version() { not_built(); }
int32_t device_count() { not_built(); }
void require_device(int32_t) { not_built(); }
void device_info(int32_t, fe_device_info&) { not_built(); }
void device_memory(int32_t, uint64_t&, uint64_t&) { not_built(); }
void* host_alloc(int32_t, size_t) { not_built(); }

// Nothing can have been allocated without CUDA.
void host_free(void*) noexcept {}

}  // namespace fe
