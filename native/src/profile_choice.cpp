#include "profile_choice.hpp"
#include "status.hpp"

#include <algorithm>
#include <cstdlib>
#include <string>

namespace fe {

ProfileChoice choose_profile(const fe_profile* profiles, int32_t count, int32_t n) {
    int32_t best = -1;
    for (int32_t i = 0; i < count; ++i) {
        const fe_profile& p = profiles[i];
        if (n < p.min_batch || n > p.max_batch) {
            continue;
        }
        if (best < 0) {
            best = i;
            continue;
        }
        const fe_profile& b = profiles[best];
        if (p.max_batch < b.max_batch ||
            (p.max_batch == b.max_batch && std::abs(p.opt_batch - n) < std::abs(b.opt_batch - n))) {
            best = i;
        }
    }
    if (best >= 0) {
        return ProfileChoice{best, n};
    }
    for (int32_t i = 0; i < count; ++i) {
        if (profiles[i].min_batch > n && (best < 0 || profiles[i].min_batch < profiles[best].min_batch)) {
            best = i;
        }
    }
    if (best < 0) {
        invalid_argument("a chunk of " + std::to_string(n) + " crops is larger than every optimisation profile");
    }
    return ProfileChoice{best, profiles[best].min_batch};
}

int32_t largest_run_batch(const fe_profile* profiles, int32_t count, int32_t max_chunk) {
    int32_t largest = 0;
    for (int32_t n = 1; n <= max_chunk; ++n) {
        largest = std::max(largest, choose_profile(profiles, count, n).batch);
    }
    return largest;
}

}  // namespace fe
