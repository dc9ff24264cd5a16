#include "preprocess_check.hpp"
#include "status.hpp"

#include <cmath>
#include <string>

namespace fe {

void check_preprocess(const fe_preprocess& preprocess) {
    for (int c = 0; c < 3; ++c) {
        const std::string plane = "[" + std::to_string(c) + "]";
        const int32_t source = preprocess.source_channel[c];
        if (source < 0 || source > 2) {
            invalid_argument("preprocess.source_channel" + plane + " must be 0 (R), 1 (G) or 2 (B), got " +
                             std::to_string(source));
        }
        if (!std::isfinite(preprocess.mean[c])) {
            invalid_argument("preprocess.mean" + plane + " must be finite");
        }
        if (!std::isfinite(preprocess.std[c]) || preprocess.std[c] == 0.0f) {
            invalid_argument("preprocess.std" + plane + " must be finite and not 0, got " +
                             std::to_string(preprocess.std[c]));
        }
    }
}

}  // namespace fe
