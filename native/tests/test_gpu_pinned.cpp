// Pinned memory from fe_host_alloc: a host -> device -> host round trip returns the same bytes, and the bandwidth
// of pinned and pageable copies is printed. Needs a GPU; skipped otherwise.
#include "check.hpp"
#include "cuda_resources.hpp"
#include "gpu_skip.hpp"

#include <cstring>
#include <vector>

namespace {

constexpr size_t kBytes = size_t{64} << 20;
constexpr int kRepeats = 10;

// GB/s of `repeats` copies of `bytes` in direction `kind`, timed with events on `stream`.
double bandwidth(void* to, const void* from, size_t bytes, cudaMemcpyKind kind, cudaStream_t stream) {
    fe::CudaEvent start;
    fe::CudaEvent stop;
    fe::cuda_check(cudaEventRecord(start.get(), stream), "cudaEventRecord");
    for (int i = 0; i < kRepeats; ++i) {
        fe::cuda_check(cudaMemcpyAsync(to, from, bytes, kind, stream), "cudaMemcpyAsync");
    }
    fe::cuda_check(cudaEventRecord(stop.get(), stream), "cudaEventRecord");
    fe::cuda_check(cudaEventSynchronize(stop.get()), "cudaEventSynchronize");
    float ms = 0.0f;
    fe::cuda_check(cudaEventElapsedTime(&ms, start.get(), stop.get()), "cudaEventElapsedTime");
    return static_cast<double>(bytes) * kRepeats / (ms * 1e-3) / 1e9;
}

void round_trip() {
    void* source = nullptr;
    void* target = nullptr;
    CHECK_STATUS(fe_host_alloc(0, kBytes, &source), FE_OK);
    CHECK_STATUS(fe_host_alloc(0, kBytes, &target), FE_OK);
    if (source == nullptr || target == nullptr) {
        fe_host_free(source);
        fe_host_free(target);
        return;
    }
    auto* bytes = static_cast<unsigned char*>(source);
    for (size_t i = 0; i < kBytes; ++i) {
        bytes[i] = static_cast<unsigned char>(i * 2654435761u >> 24);
    }
    std::memset(target, 0, kBytes);
    fe::CudaStream stream;
    fe::DeviceBuffer<unsigned char> device(kBytes);
    const double to_device = bandwidth(device.get(), source, kBytes, cudaMemcpyHostToDevice, stream.get());
    const double to_host = bandwidth(target, device.get(), kBytes, cudaMemcpyDeviceToHost, stream.get());
    CHECK(std::memcmp(source, target, kBytes) == 0);

    std::vector<unsigned char> pageable(kBytes);
    const double pageable_to_device =
        bandwidth(device.get(), pageable.data(), kBytes, cudaMemcpyHostToDevice, stream.get());
    const double pageable_to_host =
        bandwidth(pageable.data(), device.get(), kBytes, cudaMemcpyDeviceToHost, stream.get());
    CHECK(std::memcmp(pageable.data(), source, kBytes) == 0);
    std::printf("%zu MiB x %d: pinned H2D %.2f GB/s, D2H %.2f GB/s; pageable H2D %.2f GB/s, D2H %.2f GB/s\n",
                kBytes >> 20, kRepeats, to_device, to_host, pageable_to_device, pageable_to_host);
    fe_host_free(source);
    fe_host_free(target);
}

}  // namespace

int main() {
    const std::string reason = fe_test::no_gpu_reason();
    if (!reason.empty()) {
        return fe_test::skip(reason);
    }
    try {
        round_trip();
    } catch (const std::exception& e) {
        std::fprintf(stderr, "CUDA failure: %s\n", e.what());
        return 1;
    }
    return fe_test::finish();
}
