#include "cuda_driver.hpp"

#include <cuda_runtime_api.h>
#include <cudaTypedefs.h>

namespace fe {
namespace {

struct DriverEntryPoints {
    PFN_cuDeviceGet_v2000 device_get = nullptr;
    PFN_cuDevicePrimaryCtxGetState_v7000 primary_context_state = nullptr;
};

template <class Function>
void find_entry_point(const char* symbol, Function& out) noexcept {
    void* function = nullptr;
    cudaDriverEntryPointQueryResult found = cudaDriverEntryPointSymbolNotFound;
    // 12000: the symbol's ABI as of CUDA 12.0, which both functions have had since CUDA 7.
    if (cudaGetDriverEntryPointByVersion(symbol, &function, 12000, cudaEnableDefault, &found) == cudaSuccess &&
        found == cudaDriverEntryPointSuccess) {
        out = reinterpret_cast<Function>(function);
    } else {
        static_cast<void>(cudaGetLastError());
    }
}

const DriverEntryPoints& entry_points() noexcept {
    static const DriverEntryPoints points = [] {
        DriverEntryPoints p;
        find_entry_point("cuDeviceGet", p.device_get);
        find_entry_point("cuDevicePrimaryCtxGetState", p.primary_context_state);
        return p;
    }();
    return points;
}

}  // namespace

bool primary_context_active(int device) noexcept {
    const DriverEntryPoints& driver = entry_points();
    if (driver.device_get == nullptr || driver.primary_context_state == nullptr) {
        return false;
    }
    CUdevice handle = 0;
    unsigned int flags = 0;
    int active = 0;
    return driver.device_get(&handle, device) == CUDA_SUCCESS &&
           driver.primary_context_state(handle, &flags, &active) == CUDA_SUCCESS && active != 0;
}

}  // namespace fe
