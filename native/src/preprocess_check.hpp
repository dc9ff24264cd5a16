// Validation of fe_preprocess, shared by the CPU reference and the runner.
#ifndef FACEEMBED_PREPROCESS_CHECK_HPP
#define FACEEMBED_PREPROCESS_CHECK_HPP

#include "faceembed_trt.h"

namespace fe {

// Throws FE_ERR_INVALID_ARGUMENT unless every source_channel is 0..2, every mean is finite and every std is finite
// and not 0.
void check_preprocess(const fe_preprocess& preprocess);

}  // namespace fe

#endif
