// Which optimisation profile, and which batch, a chunk of n crops runs at. Plain arithmetic, compiled in every
// build so that it is tested without TensorRT.
#ifndef FACEEMBED_PROFILE_CHOICE_HPP
#define FACEEMBED_PROFILE_CHOICE_HPP

#include "faceembed_trt.h"

#include <cstdint>

namespace fe {

struct ProfileChoice {
    int32_t profile;  // index into the engine's profiles
    int32_t batch;    // the batch the engine runs: n, or more when no profile holds n (the extra rows are padding)
};

// Among the profiles with min <= n <= max: the one with the smallest max (the kernels tuned for the smallest
// range), then the one whose opt is closest to n, then the first. When no profile holds n (n is below its min, or
// between the ranges of two profiles), the profile with the smallest min above n, at that min. FE_ERR_INVALID_ARGUMENT
// when n is above every max.
ProfileChoice choose_profile(const fe_profile* profiles, int32_t count, int32_t n);

// The largest batch a chunk of 1..max_chunk crops runs at: what the device buffers must hold.
int32_t largest_run_batch(const fe_profile* profiles, int32_t count, int32_t max_chunk);

}  // namespace fe

#endif
