// The shim's plain helpers, in every build: which optimisation profile a chunk runs on, and the TensorRT release a
// library file name carries.
#include "check.hpp"
#include "library_version.hpp"
#include "profile_choice.hpp"
#include "status.hpp"

#include <string>
#include <vector>

namespace {

void check_choice(const std::vector<fe_profile>& profiles, int32_t n, int32_t profile, int32_t batch) {
    const fe::ProfileChoice c = fe::choose_profile(profiles.data(), static_cast<int32_t>(profiles.size()), n);
    if (c.profile != profile || c.batch != batch) {
        std::fprintf(stderr, "chunk of %d: profile %d at batch %d, expected profile %d at batch %d\n", n, c.profile,
                     c.batch, profile, batch);
        CHECK(c.profile == profile && c.batch == batch);
    }
}

void one_profile() {
    const std::vector<fe_profile> p = {{1, 8, 32}};
    check_choice(p, 1, 0, 1);
    check_choice(p, 32, 0, 32);
    const std::vector<fe_profile> from_four = {{4, 8, 32}};
    check_choice(from_four, 1, 0, 4);  // below the profile: padded to its min
    check_choice(from_four, 5, 0, 5);
    CHECK(fe::largest_run_batch(from_four.data(), 1, 2) == 4);
    CHECK(fe::largest_run_batch(from_four.data(), 1, 16) == 16);
}

void several_profiles() {
    // Small batches on a profile tuned for them, large ones on another; overlapping ranges prefer the smaller max.
    const std::vector<fe_profile> p = {{1, 64, 256}, {1, 4, 8}, {9, 32, 64}};
    check_choice(p, 1, 1, 1);
    check_choice(p, 8, 1, 8);
    check_choice(p, 9, 2, 9);
    check_choice(p, 64, 2, 64);
    check_choice(p, 65, 0, 65);
    check_choice(p, 256, 0, 256);
    // Equal max: the opt closest to n.
    const std::vector<fe_profile> same_max = {{1, 2, 64}, {1, 48, 64}};
    check_choice(same_max, 3, 0, 3);
    check_choice(same_max, 40, 1, 40);
    // A gap between ranges: padded to the next profile's min.
    const std::vector<fe_profile> gap = {{1, 1, 1}, {16, 32, 64}};
    check_choice(gap, 1, 0, 1);
    check_choice(gap, 2, 1, 16);
    check_choice(gap, 17, 1, 17);
    CHECK(fe::largest_run_batch(gap.data(), 2, 8) == 16);
}

void too_large() {
    const std::vector<fe_profile> p = {{1, 8, 32}};
    bool thrown = false;
    try {
        fe::choose_profile(p.data(), 1, 33);
    } catch (const fe::Error& e) {
        thrown = e.status() == FE_ERR_INVALID_ARGUMENT &&
                 std::string(e.what()).find("larger than every optimisation profile") != std::string::npos;
    }
    CHECK(thrown);
}

void release_names() {
    CHECK(fe::release_from_file_name("/usr/lib/x86_64-linux-gnu/libnvinfer.so.10.16.0") == 101600);
    CHECK(fe::release_from_file_name("libnvonnxparser.so.10.3.0") == 100300);
    CHECK(fe::release_from_file_name("/opt/TensorRT-10.9.0.34/lib/libnvinfer_plugin.so.10.9.0") == 100900);
    CHECK(fe::release_from_file_name("/x/libnvinfer.so.10.16.0.12") == 101600);
    CHECK(fe::release_from_file_name("/x/libnvinfer.so.10") == 0);
    CHECK(fe::release_from_file_name("/x/libnvinfer.so") == 0);
    CHECK(fe::release_from_file_name("/x/libnvinfer.so.10.16") == 0);
    CHECK(fe::release_from_file_name("/x.so.1.2.3/libnvinfer.so.10") == 0);
    CHECK(fe::release_from_file_name("libnvinfer.so.10.1a.0") == 0);
    CHECK(fe::release_from_file_name("libnvinfer.so.10.100.0") == 0);
    CHECK(fe::version_text(101600) == "10.16.0");
    CHECK(fe::version_text(100) == "0.1.0");
}

}  // namespace

int main() {
    one_profile();
    several_profiles();
    too_large();
    release_names();
    return fe_test::finish();
}
