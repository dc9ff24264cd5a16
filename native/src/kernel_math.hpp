// The arithmetic of the preprocessing and L2-normalisation kernels, written once for the GPU kernels
// (kernels.cu) and the CPU reference (reference.cpp), so that both give bit-identical results.
//
// Bit-identical needs the same operations in the same order on both sides: IEEE division and square root (nvcc's
// defaults, no --use_fast_math), an explicit fmaf where a multiply-add is wanted (so nvcc cannot contract
// differently from the host compiler), and a sum of squares reduced in the block's tree order.
#ifndef FACEEMBED_KERNEL_MATH_HPP
#define FACEEMBED_KERNEL_MATH_HPP

#include "faceembed_trt.h"

#include <math.h>
#include <stdint.h>

#ifdef __CUDACC__
#define FE_HOST_DEVICE __host__ __device__
#else
#define FE_HOST_DEVICE
#endif

namespace fe {

// Threads per row of the L2 kernel, and the number of partial sums the reference reduces the same way.
constexpr int kL2Lanes = 256;

// One value of plane c: (pixel - mean[c]) / std[c].
FE_HOST_DEVICE inline float preprocess_value(uint8_t pixel, float mean, float std) {
    return (static_cast<float>(pixel) - mean) / std;
}

// Converts pixel `index` of a batch (index = crop * plane_size + y * width + x) from uint8 HWC RGB to the three
// float planes of the NCHW output.
FE_HOST_DEVICE inline void preprocess_pixel(const uint8_t* input, float* output, int64_t index, int64_t plane_size,
                                            const fe_preprocess& p) {
    const int64_t crop = index / plane_size;
    const int64_t offset = index - crop * plane_size;
    const uint8_t* rgb = input + index * 3;
    float* planes = output + crop * 3 * plane_size + offset;
    for (int c = 0; c < 3; ++c) {
        planes[c * plane_size] = preprocess_value(rgb[p.source_channel[c]], p.mean[c], p.std[c]);
    }
}

// Sum of squares of row[lane], row[lane + kL2Lanes], ...: what thread `lane` of the L2 kernel adds up first.
FE_HOST_DEVICE inline float l2_lane_sum(const float* row, int dim, int lane) {
    float sum = 0.0f;
    for (int i = lane; i < dim; i += kL2Lanes) {
        sum = fmaf(row[i], row[i], sum);
    }
    return sum;
}

// One step of the tree reduction over kL2Lanes partial sums: lanes below `half` take in their partner's sum.
FE_HOST_DEVICE inline void l2_reduce_step(float* partial, int lane, int half) {
    partial[lane] += partial[lane + half];
}

// The normalised value of x given the row's sum of squares. A row whose sum is 0 (all zeros, or so small that the
// squares underflow) is left as it is, so a zero row stays zero instead of becoming NaN.
FE_HOST_DEVICE inline float l2_normalized(float x, float sum_of_squares) {
    return sum_of_squares > 0.0f ? x / sqrtf(sum_of_squares) : x;
}

}  // namespace fe

#endif
