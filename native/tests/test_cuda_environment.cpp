// Driver, runtime, device and pinned-memory functions on whatever machine runs the test: they either work or
// report exactly what is missing (no driver, no device, not built), with a message that names the CUDA error.
#include "check.hpp"

#include <cstring>
#include <string>

namespace {

#ifndef FE_HAVE_CUDA
int not_built() {
    int32_t value = 7;
    CHECK_STATUS(fe_cuda_driver_version(&value), FE_ERR_NOT_BUILT);
    CHECK_MESSAGE("built without CUDA");
    CHECK(value == 0);
    CHECK_STATUS(fe_cuda_runtime_version(&value), FE_ERR_NOT_BUILT);
    CHECK_STATUS(fe_device_count(&value), FE_ERR_NOT_BUILT);
    fe_device_info info{};
    CHECK_STATUS(fe_device_info_get(0, &info), FE_ERR_NOT_BUILT);
    uint64_t free_bytes = 1;
    uint64_t total_bytes = 1;
    CHECK_STATUS(fe_device_memory_get(0, &free_bytes, &total_bytes), FE_ERR_NOT_BUILT);
    CHECK(free_bytes == 0 && total_bytes == 0);
    void* p = &info;
    CHECK_STATUS(fe_host_alloc(0, 64, &p), FE_ERR_NOT_BUILT);
    CHECK(p == nullptr);
    return fe_test::finish();
}
#else
void without_driver() {
    CHECK_MESSAGE("fe_device_count: no usable NVIDIA driver found");
    CHECK_MESSAGE("cudaGetDeviceCount returned cudaErrorInsufficientDriver (35: ");
    CHECK_MESSAGE("install the NVIDIA driver");
    fe_device_info info{};
    CHECK_STATUS(fe_device_info_get(0, &info), FE_ERR_NO_DRIVER);
    CHECK_MESSAGE("cudaErrorInsufficientDriver");
    uint64_t free_bytes = 1;
    uint64_t total_bytes = 1;
    CHECK_STATUS(fe_device_memory_get(0, &free_bytes, &total_bytes), FE_ERR_NO_DRIVER);
    CHECK(free_bytes == 0 && total_bytes == 0);
    void* p = &info;
    // The device index is checked against the devices first, which fails the same way without a driver.
    CHECK_STATUS(fe_host_alloc(0, 1 << 20, &p), FE_ERR_NO_DRIVER);
    CHECK_MESSAGE("fe_host_alloc: no usable NVIDIA driver found (cudaGetDeviceCount returned "
                  "cudaErrorInsufficientDriver");
    CHECK(p == nullptr);
}

void without_device() {
    CHECK_MESSAGE("cudaErrorNoDevice (100: ");
    fe_device_info info{};
    CHECK_STATUS(fe_device_info_get(0, &info), FE_ERR_NO_DEVICE);
    void* p = &info;
    CHECK_STATUS(fe_host_alloc(0, 64, &p), FE_ERR_NO_DEVICE);
    CHECK(p == nullptr);
}

void with_devices(int32_t count) {
    for (int32_t d = 0; d < count; ++d) {
        fe_device_info info{};
        CHECK_STATUS(fe_device_info_get(d, &info), FE_OK);
        std::printf("device %d: %s, sm_%d%d, %d SMs, %llu MiB, PCI %04x:%02x:%02x, UUID %02x%02x%02x%02x-...\n", d,
                    info.name, info.compute_major, info.compute_minor, info.multiprocessors,
                    static_cast<unsigned long long>(info.total_memory_bytes >> 20), info.pci_domain, info.pci_bus,
                    info.pci_device, info.uuid[0], info.uuid[1], info.uuid[2], info.uuid[3]);
        CHECK(std::strlen(info.name) > 0);
        CHECK(info.compute_major >= 7);
        CHECK(info.multiprocessors > 0);
        CHECK(info.total_memory_bytes > 0);
    }
    fe_device_info info{};
    CHECK_STATUS(fe_device_info_get(count, &info), FE_ERR_NO_DEVICE);
    CHECK_MESSAGE("does not exist");

    uint64_t free_bytes = 0;
    uint64_t total_bytes = 0;
    CHECK_STATUS(fe_device_memory_get(0, &free_bytes, &total_bytes), FE_OK);
    std::printf("device 0: %llu of %llu MiB free\n", static_cast<unsigned long long>(free_bytes >> 20),
                static_cast<unsigned long long>(total_bytes >> 20));
    CHECK(free_bytes > 0 && free_bytes <= total_bytes);
    CHECK_STATUS(fe_device_memory_get(count, &free_bytes, &total_bytes), FE_ERR_NO_DEVICE);

    void* p = nullptr;
    CHECK_STATUS(fe_host_alloc(0, 1 << 20, &p), FE_OK);
    CHECK(p != nullptr);
    if (p != nullptr) {
        std::memset(p, 0x5a, 1 << 20);
        CHECK(static_cast<unsigned char*>(p)[(1 << 20) - 1] == 0x5a);
    }
    fe_host_free(p);
    CHECK_STATUS(fe_host_alloc(count, 64, &p), FE_ERR_NO_DEVICE);
    CHECK(p == nullptr);
}
#endif

}  // namespace

int main() {
#ifndef FE_HAVE_CUDA
    return not_built();
#else
    int32_t runtime = 0;
    CHECK_STATUS(fe_cuda_runtime_version(&runtime), FE_OK);
    CHECK(runtime > 0);
    // cudaDriverGetVersion reports 0, not an error, when there is no driver.
    int32_t driver = -1;
    CHECK_STATUS(fe_cuda_driver_version(&driver), FE_OK);
    CHECK(driver >= 0);

    int32_t count = -1;
    const fe_status status = fe_device_count(&count);
    std::printf("runtime %d, driver %d, fe_device_count: %s, %d device(s)%s%s\n", runtime, driver,
                fe_test::status_name(status), count, status == FE_OK ? "" : ": ",
                status == FE_OK ? "" : fe_last_error());
    switch (status) {
    case FE_OK:
        CHECK(count > 0);
        CHECK(driver > 0);
        with_devices(count);
        break;
    case FE_ERR_NO_DRIVER:
        CHECK(count == 0);
        CHECK(driver == 0 || driver < runtime);
        without_driver();
        break;
    case FE_ERR_NO_DEVICE:
        CHECK(count == 0);
        without_device();
        break;
    default:
        CHECK_STATUS(status, FE_OK);
    }
    return fe_test::finish();
#endif
}
