// Owners of CUDA objects: each frees its object once, can be moved, and cannot be copied.
#ifndef FACEEMBED_CUDA_RESOURCES_HPP
#define FACEEMBED_CUDA_RESOURCES_HPP

#include "cuda_error.hpp"

#include <cuda_runtime_api.h>

#include <cstddef>
#include <utility>

namespace fe {

// A non-blocking stream, so that work on it never waits for the legacy default stream of other libraries.
class CudaStream {
public:
    CudaStream() {
        cuda_check(cudaStreamCreateWithFlags(&stream_, cudaStreamNonBlocking), "cudaStreamCreateWithFlags");
    }
    ~CudaStream() {
        if (stream_ != nullptr) {
            cudaStreamDestroy(stream_);
        }
    }
    CudaStream(CudaStream&& other) noexcept : stream_(std::exchange(other.stream_, nullptr)) {}
    CudaStream& operator=(CudaStream&& other) noexcept {
        std::swap(stream_, other.stream_);
        return *this;
    }
    CudaStream(const CudaStream&) = delete;
    CudaStream& operator=(const CudaStream&) = delete;

    cudaStream_t get() const noexcept { return stream_; }

private:
    cudaStream_t stream_ = nullptr;
};

// An event with cudaEventCreateWithFlags flags: cudaEventDefault for timing, cudaEventDisableTiming for cheap
// completion markers, | cudaEventBlockingSync to make cudaEventSynchronize sleep instead of spin.
class CudaEvent {
public:
    explicit CudaEvent(unsigned flags = cudaEventDefault) {
        cuda_check(cudaEventCreateWithFlags(&event_, flags), "cudaEventCreateWithFlags");
    }
    ~CudaEvent() {
        if (event_ != nullptr) {
            cudaEventDestroy(event_);
        }
    }
    CudaEvent(CudaEvent&& other) noexcept : event_(std::exchange(other.event_, nullptr)) {}
    CudaEvent& operator=(CudaEvent&& other) noexcept {
        std::swap(event_, other.event_);
        return *this;
    }
    CudaEvent(const CudaEvent&) = delete;
    CudaEvent& operator=(const CudaEvent&) = delete;

    cudaEvent_t get() const noexcept { return event_; }

private:
    cudaEvent_t event_ = nullptr;
};

// Device memory for `count` elements of T.
template <class T>
class DeviceBuffer {
public:
    DeviceBuffer() = default;
    explicit DeviceBuffer(size_t count) : count_(count) {
        if (count > 0) {
            void* p = nullptr;
            cuda_check(cudaMalloc(&p, count * sizeof(T)), "cudaMalloc");
            data_ = static_cast<T*>(p);
        }
    }
    ~DeviceBuffer() {
        if (data_ != nullptr) {
            cudaFree(data_);
        }
    }
    DeviceBuffer(DeviceBuffer&& other) noexcept
        : data_(std::exchange(other.data_, nullptr)), count_(std::exchange(other.count_, 0)) {}
    DeviceBuffer& operator=(DeviceBuffer&& other) noexcept {
        std::swap(data_, other.data_);
        std::swap(count_, other.count_);
        return *this;
    }
    DeviceBuffer(const DeviceBuffer&) = delete;
    DeviceBuffer& operator=(const DeviceBuffer&) = delete;

    T* get() const noexcept { return data_; }
    size_t count() const noexcept { return count_; }
    size_t bytes() const noexcept { return count_ * sizeof(T); }

private:
    T* data_ = nullptr;
    size_t count_ = 0;
};

// Page-locked host memory for `count` elements of T, owned by the shim (runner staging), allocated on the current
// device.
template <class T>
class PinnedBuffer {
public:
    PinnedBuffer() = default;
    explicit PinnedBuffer(size_t count) : count_(count) {
        void* p = nullptr;
        cuda_check(cudaHostAlloc(&p, count * sizeof(T), cudaHostAllocPortable), "cudaHostAlloc");
        data_ = static_cast<T*>(p);
    }
    ~PinnedBuffer() {
        if (data_ != nullptr) {
            cudaFreeHost(data_);
        }
    }
    PinnedBuffer(PinnedBuffer&& other) noexcept
        : data_(std::exchange(other.data_, nullptr)), count_(std::exchange(other.count_, 0)) {}
    PinnedBuffer& operator=(PinnedBuffer&& other) noexcept {
        std::swap(data_, other.data_);
        std::swap(count_, other.count_);
        return *this;
    }
    PinnedBuffer(const PinnedBuffer&) = delete;
    PinnedBuffer& operator=(const PinnedBuffer&) = delete;

    T* get() const noexcept { return data_; }
    size_t bytes() const noexcept { return count_ * sizeof(T); }

private:
    T* data_ = nullptr;
    size_t count_ = 0;
};

// An instantiated CUDA graph.
class CudaGraphExec {
public:
    CudaGraphExec() = default;
    explicit CudaGraphExec(cudaGraphExec_t exec) noexcept : exec_(exec) {}
    ~CudaGraphExec() {
        if (exec_ != nullptr) {
            cudaGraphExecDestroy(exec_);
        }
    }
    CudaGraphExec(CudaGraphExec&& other) noexcept : exec_(std::exchange(other.exec_, nullptr)) {}
    CudaGraphExec& operator=(CudaGraphExec&& other) noexcept {
        std::swap(exec_, other.exec_);
        return *this;
    }
    CudaGraphExec(const CudaGraphExec&) = delete;
    CudaGraphExec& operator=(const CudaGraphExec&) = delete;

    cudaGraphExec_t get() const noexcept { return exec_; }
    explicit operator bool() const noexcept { return exec_ != nullptr; }

private:
    cudaGraphExec_t exec_ = nullptr;
};

// Makes `device` current for the calling thread. On exit, the thread's previous device is made current again only
// if its primary context was active before, so that a call on device 1 never creates a context on device 0 (since
// CUDA 12, cudaSetDevice creates the device's primary context). The device index is not validated here: callers
// validate it once (require_device) where it enters the shim. Fails with FE_ERR_NO_DRIVER / FE_ERR_NO_DEVICE.
class DeviceScope {
public:
    explicit DeviceScope(int device);
    ~DeviceScope();
    DeviceScope(const DeviceScope&) = delete;
    DeviceScope& operator=(const DeviceScope&) = delete;

private:
    int previous_ = -1;
};

}  // namespace fe

#endif
