// Launchers of the GPU kernels. All enqueue on `stream` and return at once; launch errors are thrown.
#ifndef FACEEMBED_KERNELS_HPP
#define FACEEMBED_KERNELS_HPP

#include "faceembed_trt.h"

#include <cuda_runtime_api.h>

#include <cstdint>

namespace fe {

// uint8 HWC RGB crops (count x plane_size pixels) to float NCHW planes.
void launch_preprocess(const uint8_t* input, float* output, int64_t count, int64_t plane_size,
                       const fe_preprocess& preprocess, cudaStream_t stream);

// Scans count crops of values_per_crop floats for NaN and infinity: *first_bad becomes the smallest index of such a
// crop if that is below its value before the launch (callers set it to kNoBadCrop first).
void launch_find_non_finite(const float* data, int64_t count, int64_t values_per_crop, int32_t* first_bad,
                            cudaStream_t stream);
// What cudaMemset with byte kNoBadCropByte writes into *first_bad: larger than any crop index.
constexpr int kNoBadCropByte = 0x7f;
constexpr int32_t kNoBadCrop = 0x7f7f7f7f;

// In-place L2 normalisation of rows x dim floats.
void launch_l2_normalize(float* data, int32_t rows, int32_t dim, cudaStream_t stream);

}  // namespace fe

#endif
