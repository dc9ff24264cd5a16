// The few CUDA driver API calls the shim needs, reached through the statically linked runtime
// (cudaGetDriverEntryPointByVersion), so that the library neither links nor loads libcuda by name.
#ifndef FACEEMBED_CUDA_DRIVER_HPP
#define FACEEMBED_CUDA_DRIVER_HPP

namespace fe {

// Whether the primary context of `device` exists and is active (cuDevicePrimaryCtxGetState). False when the driver
// cannot say, which makes callers leave contexts alone rather than create one.
bool primary_context_active(int device) noexcept;

}  // namespace fe

#endif
