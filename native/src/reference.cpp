// CPU reference of the GPU kernels: the same arithmetic (kernel_math.hpp), in the same order. Available in every
// build, so callers can check their own preprocessing against it without a GPU.
#include "faceembed_trt.h"
#include "kernel_math.hpp"
#include "preprocess_check.hpp"
#include "status.hpp"

#include <string>

extern "C" {

FE_API fe_status fe_preprocess_reference(const uint8_t* input, int32_t count, int32_t height, int32_t width,
                                         const fe_preprocess* preprocess, float* output) {
    return fe::guarded(__func__, [&] {
        if (count < 0) {
            fe::invalid_argument("count must be >= 0, got " + std::to_string(count));
        }
        if (height <= 0 || width <= 0) {
            fe::invalid_argument("height and width must be > 0, got " + std::to_string(height) + "x" +
                                 std::to_string(width));
        }
        fe::require_not_null(preprocess, "preprocess");
        fe::check_preprocess(*preprocess);
        if (count == 0) {
            return;
        }
        fe::require_not_null(input, "input");
        fe::require_not_null(output, "output");
        const int64_t plane_size = static_cast<int64_t>(height) * width;
        const int64_t pixels = plane_size * count;
        for (int64_t i = 0; i < pixels; ++i) {
            fe::preprocess_pixel(input, output, i, plane_size, *preprocess);
        }
    });
}

FE_API fe_status fe_l2_normalize_reference(float* data, int32_t rows, int32_t dim) {
    return fe::guarded(__func__, [&] {
        if (rows < 0) {
            fe::invalid_argument("rows must be >= 0, got " + std::to_string(rows));
        }
        if (dim <= 0) {
            fe::invalid_argument("dim must be > 0, got " + std::to_string(dim));
        }
        if (rows == 0) {
            return;
        }
        fe::require_not_null(data, "data");
        float partial[fe::kL2Lanes];
        for (int32_t r = 0; r < rows; ++r) {
            float* row = data + static_cast<int64_t>(r) * dim;
            for (int lane = 0; lane < fe::kL2Lanes; ++lane) {
                partial[lane] = fe::l2_lane_sum(row, dim, lane);
            }
            for (int half = fe::kL2Lanes / 2; half > 0; half /= 2) {
                for (int lane = 0; lane < half; ++lane) {
                    fe::l2_reduce_step(partial, lane, half);
                }
            }
            const float sum_of_squares = partial[0];
            for (int32_t i = 0; i < dim; ++i) {
                row[i] = fe::l2_normalized(row[i], sum_of_squares);
            }
        }
    });
}

}  // extern "C"
