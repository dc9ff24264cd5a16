// The assertion helper of the native tests. CHECK records a failure and goes on, so one run shows every broken
// check; finish() gives the exit code; skip() prints the reason and returns 77, which ctest reports as skipped.
#ifndef FACEEMBED_TEST_CHECK_HPP
#define FACEEMBED_TEST_CHECK_HPP

#include "faceembed_trt.h"

#include <atomic>
#include <cstdio>
#include <string>

namespace fe_test {

inline std::atomic<int>& failures() {
    static std::atomic<int> count{0};
    return count;
}

inline const char* status_name(fe_status status) {
    switch (status) {
    case FE_OK: return "FE_OK";
    case FE_ERR_INVALID_ARGUMENT: return "FE_ERR_INVALID_ARGUMENT";
    case FE_ERR_NOT_BUILT: return "FE_ERR_NOT_BUILT";
    case FE_ERR_NO_DRIVER: return "FE_ERR_NO_DRIVER";
    case FE_ERR_NO_DEVICE: return "FE_ERR_NO_DEVICE";
    case FE_ERR_CUDA: return "FE_ERR_CUDA";
    case FE_ERR_NO_TENSORRT: return "FE_ERR_NO_TENSORRT";
    case FE_ERR_TENSORRT: return "FE_ERR_TENSORRT";
    case FE_ERR_OUT_OF_MEMORY: return "FE_ERR_OUT_OF_MEMORY";
    case FE_ERR_IO: return "FE_ERR_IO";
    case FE_ERR_INTERNAL: return "FE_ERR_INTERNAL";
    }
    return "unknown status";
}

inline void check(bool ok, const char* what, const char* file, int line) {
    if (!ok) {
        ++failures();
        std::fprintf(stderr, "%s:%d: check failed: %s\n", file, line, what);
    }
}

// Checks the status of a call; on a mismatch prints both statuses and fe_last_error().
inline void check_status(fe_status actual, fe_status expected, const char* call, const char* file, int line) {
    if (actual != expected) {
        ++failures();
        std::fprintf(stderr, "%s:%d: %s returned %s, expected %s (last error: \"%s\")\n", file, line, call,
                     status_name(actual), status_name(expected), fe_last_error());
    }
}

// Checks that fe_last_error() contains `part`.
inline void check_message(const char* part, const char* file, int line) {
    const std::string message = fe_last_error();
    if (message.find(part) == std::string::npos) {
        ++failures();
        std::fprintf(stderr, "%s:%d: last error \"%s\" does not contain \"%s\"\n", file, line, message.c_str(), part);
    }
}

inline int finish() {
    const int count = failures().load();
    if (count > 0) {
        std::fprintf(stderr, "%d check(s) failed\n", count);
        return 1;
    }
    std::printf("all checks passed\n");
    return 0;
}

inline int skip(const std::string& reason) {
    std::printf("skipped: %s\n", reason.c_str());
    return 77;
}

}  // namespace fe_test

#define CHECK(condition) fe_test::check((condition), #condition, __FILE__, __LINE__)
#define CHECK_STATUS(call, expected) fe_test::check_status((call), (expected), #call, __FILE__, __LINE__)
#define CHECK_MESSAGE(part) fe_test::check_message((part), __FILE__, __LINE__)

#endif
