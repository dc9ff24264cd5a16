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

}  // namespace

void launch_preprocess(const uint8_t* input, float* output, int64_t count, int64_t plane_size,
                       const fe_preprocess& preprocess, cudaStream_t stream) {
    const int64_t pixels = count * plane_size;
    if (pixels <= 0) {
        return;
    }
    const int64_t blocks = std::min((pixels + kPreprocessThreads - 1) / kPreprocessThreads, kPreprocessMaxBlocks);
    preprocess_kernel<<<static_cast<unsigned>(blocks), kPreprocessThreads, 0, stream>>>(input, output, pixels,
                                                                                        plane_size, preprocess);
    cuda_check(cudaGetLastError(), "preprocess kernel launch");
}

void launch_l2_normalize(float* data, int32_t rows, int32_t dim, cudaStream_t stream) {
    if (rows <= 0 || dim <= 0) {
        return;
    }
    l2_normalize_kernel<<<static_cast<unsigned>(rows), kL2Lanes, 0, stream>>>(data, dim);
    cuda_check(cudaGetLastError(), "L2 normalisation kernel launch");
}

}  // namespace fe
