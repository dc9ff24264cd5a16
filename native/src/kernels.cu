// The preprocessing and L2-normalisation kernels. Their arithmetic is in kernel_math.hpp, shared with the CPU
// reference.
#include "cuda_error.hpp"
#include "kernel_math.hpp"
#include "kernels.hpp"

#include <algorithm>

namespace fe {
namespace {

constexpr int kPreprocessThreads = 256;
// Enough blocks to fill any current GPU; a grid-stride loop covers larger batches.
constexpr int64_t kPreprocessMaxBlocks = 8192;

__global__ void preprocess_kernel(const uint8_t* input, float* output, int64_t pixels, int64_t plane_size,
                                  fe_preprocess preprocess) {
    const int64_t stride = static_cast<int64_t>(gridDim.x) * blockDim.x;
    for (int64_t i = static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x; i < pixels; i += stride) {
        preprocess_pixel(input, output, i, plane_size, preprocess);
    }
}

// One block of kL2Lanes threads per row: per-thread partial sums, then a tree reduction in shared memory.
__global__ void l2_normalize_kernel(float* data, int32_t dim) {
    __shared__ float partial[kL2Lanes];
    float* row = data + static_cast<int64_t>(blockIdx.x) * dim;
    const int lane = static_cast<int>(threadIdx.x);
    partial[lane] = l2_lane_sum(row, dim, lane);
    __syncthreads();
    for (int half = kL2Lanes / 2; half > 0; half /= 2) {
        if (lane < half) {
            l2_reduce_step(partial, lane, half);
        }
        __syncthreads();
    }
    const float sum_of_squares = partial[0];
    for (int i = lane; i < dim; i += kL2Lanes) {
        row[i] = l2_normalized(row[i], sum_of_squares);
    }
}

// Lowers *first_bad to the index of every crop that holds a NaN or an infinity. Finite input writes nothing, so the
// common case costs one read per value.
__global__ void find_non_finite_kernel(const float* data, int64_t values, int64_t values_per_crop,
                                       int32_t* first_bad) {
    const int64_t stride = static_cast<int64_t>(gridDim.x) * blockDim.x;
    for (int64_t i = static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x; i < values; i += stride) {
        if (!isfinite(data[i])) {
            atomicMin(first_bad, static_cast<int32_t>(i / values_per_crop));
        }
    }
}

unsigned grid_for(int64_t items) {
    return static_cast<unsigned>(std::min((items + kPreprocessThreads - 1) / kPreprocessThreads, kPreprocessMaxBlocks));
}

}  // namespace

void launch_preprocess(const uint8_t* input, float* output, int64_t count, int64_t plane_size,
                       const fe_preprocess& preprocess, cudaStream_t stream) {
    const int64_t pixels = count * plane_size;
    if (pixels <= 0) {
        return;
    }
    preprocess_kernel<<<grid_for(pixels), kPreprocessThreads, 0, stream>>>(input, output, pixels, plane_size,
                                                                           preprocess);
    cuda_check(cudaGetLastError(), "preprocess kernel launch");
}

void launch_find_non_finite(const float* data, int64_t count, int64_t values_per_crop, int32_t* first_bad,
                            cudaStream_t stream) {
    const int64_t values = count * values_per_crop;
    if (values <= 0) {
        return;
    }
    find_non_finite_kernel<<<grid_for(values), kPreprocessThreads, 0, stream>>>(data, values, values_per_crop,
                                                                                first_bad);
    cuda_check(cudaGetLastError(), "non-finite scan kernel launch");
}

void launch_l2_normalize(float* data, int32_t rows, int32_t dim, cudaStream_t stream) {
    if (rows <= 0 || dim <= 0) {
        return;
    }
    l2_normalize_kernel<<<static_cast<unsigned>(rows), kL2Lanes, 0, stream>>>(data, dim);
    cuda_check(cudaGetLastError(), "L2 normalisation kernel launch");
}

}  // namespace fe
