// fe_last_error: set by a failing call, cleared by a succeeding one, untouched by functions without a status, and
// separate for every thread.
#include "check.hpp"

#include <string>
#include <thread>

namespace {

fe_status fail_with_null_out() {
    return fe_device_count(nullptr);
}

fe_status fail_with_negative_rows() {
    float row = 1.0f;
    return fe_l2_normalize_reference(&row, -1, 1);
}

fe_status succeed() {
    float row[2] = {3.0f, 4.0f};
    return fe_l2_normalize_reference(row, 1, 2);
}

}  // namespace

int main() {
    CHECK(std::string(fe_last_error()).empty());

    CHECK_STATUS(fail_with_null_out(), FE_ERR_INVALID_ARGUMENT);
    CHECK_MESSAGE("fe_device_count: ");
    CHECK_MESSAGE("out must not be NULL");
    const std::string first = fe_last_error();

    // Functions without a status leave the message alone.
    fe_abi_version();
    fe_build_features();
    fe_build_info();
    fe_host_free(nullptr);
    fe_plan_free(nullptr);
    fe_engine_release(nullptr);
    fe_runner_release(nullptr);
    CHECK(first == fe_last_error());

    CHECK_STATUS(succeed(), FE_OK);
    CHECK(std::string(fe_last_error()).empty());

    CHECK_STATUS(fail_with_negative_rows(), FE_ERR_INVALID_ARGUMENT);
    CHECK_MESSAGE("fe_l2_normalize_reference: rows must be >= 0, got -1");

    // Another thread starts with no error and its failures do not show here.
    std::thread other([] {
        CHECK(std::string(fe_last_error()).empty());
        CHECK_STATUS(fail_with_null_out(), FE_ERR_INVALID_ARGUMENT);
        CHECK_MESSAGE("fe_device_count");
    });
    other.join();
    CHECK_MESSAGE("fe_l2_normalize_reference");

    // Two threads failing and succeeding at the same time each see only their own message.
    auto hammer = [](bool use_null_out) {
        for (int i = 0; i < 2000; ++i) {
            if (use_null_out) {
                fail_with_null_out();
                CHECK(std::string(fe_last_error()).find("fe_device_count") == 0);
            } else {
                fail_with_negative_rows();
                CHECK(std::string(fe_last_error()).find("fe_l2_normalize_reference") == 0);
            }
            succeed();
            CHECK(std::string(fe_last_error()).empty());
        }
    };
    std::thread a(hammer, true);
    std::thread b(hammer, false);
    a.join();
    b.join();
    return fe_test::finish();
}
