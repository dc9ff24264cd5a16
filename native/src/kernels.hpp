// Launchers of the GPU kernels. Both enqueue on `stream` and return at once; launch errors are thrown.
#ifndef FACEEMBED_KERNELS_HPP
#define FACEEMBED_KERNELS_HPP

#include "faceembed_trt.h"

#include <cuda_runtime_api.h>

#include <cstdint>

namespace fe {

// uint8 HWC RGB crops (count x plane_size pixels) to float NCHW planes.
void launch_preprocess(const uint8_t* input, float* output, int64_t count, int64_t plane_size,
                       const fe_preprocess& preprocess, cudaStream_t stream);

// In-place L2 normalisation of rows x dim floats.
void launch_l2_normalize(float* data, int32_t rows, int32_t dim, cudaStream_t stream);

}  // namespace fe

#endif
