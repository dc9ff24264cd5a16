// The CPU reference of the kernels against values computed by hand.
#include "check.hpp"

#include <cmath>
#include <vector>

namespace {

void check_planes(const std::vector<float>& actual, const std::vector<float>& expected, const char* what) {
    CHECK(actual.size() == expected.size());
    for (size_t i = 0; i < actual.size() && i < expected.size(); ++i) {
        if (actual[i] != expected[i]) {
            std::fprintf(stderr, "%s: value %zu is %.9g, expected %.9g\n", what, i, actual[i], expected[i]);
            CHECK(actual[i] == expected[i]);
        }
    }
}

void preprocess_rgb_per_plane() {
    // One crop of 1x2 pixels, (R,G,B) = (0,127,255) and (10,20,30); plane c = (pixel[c] - mean[c]) / std[c].
    const unsigned char pixels[] = {0, 127, 255, 10, 20, 30};
    const fe_preprocess pp{{0, 1, 2}, {10.0f, 20.0f, 30.0f}, {2.0f, 4.0f, 5.0f}};
    std::vector<float> planes(6, -99.0f);
    CHECK_STATUS(fe_preprocess_reference(pixels, 1, 1, 2, &pp, planes.data()), FE_OK);
    check_planes(planes, {-5.0f, 0.0f, 26.75f, 0.0f, 45.0f, 0.0f}, "RGB");
}

void preprocess_bgr_per_plane() {
    // The same pixels with planes taking B, G, R: plane 0 = (B - 10) / 2, plane 2 = (R - 30) / 5.
    const unsigned char pixels[] = {0, 127, 255, 10, 20, 30};
    const fe_preprocess pp{{2, 1, 0}, {10.0f, 20.0f, 30.0f}, {2.0f, 4.0f, 5.0f}};
    std::vector<float> planes(6, -99.0f);
    CHECK_STATUS(fe_preprocess_reference(pixels, 1, 1, 2, &pp, planes.data()), FE_OK);
    check_planes(planes, {122.5f, 10.0f, 26.75f, 0.0f, -6.0f, -4.0f}, "BGR");
}

void preprocess_several_crops() {
    // Two crops of 2x1 (height 2): the output holds crop 0's three planes, then crop 1's.
    const unsigned char pixels[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
    const fe_preprocess identity_bgr{{2, 1, 0}, {0.0f, 0.0f, 0.0f}, {1.0f, 1.0f, 1.0f}};
    std::vector<float> planes(12, -99.0f);
    CHECK_STATUS(fe_preprocess_reference(pixels, 2, 2, 1, &identity_bgr, planes.data()), FE_OK);
    check_planes(planes, {3, 6, 2, 5, 1, 4, 9, 12, 8, 11, 7, 10}, "two crops");
}

void preprocess_arcface_constants() {
    // mean = std = 127.5 maps 0 to -1 and 255 to 1 exactly.
    const unsigned char pixels[] = {0, 255, 127};
    const fe_preprocess pp{{0, 1, 2}, {127.5f, 127.5f, 127.5f}, {127.5f, 127.5f, 127.5f}};
    std::vector<float> planes(3, -99.0f);
    CHECK_STATUS(fe_preprocess_reference(pixels, 1, 1, 1, &pp, planes.data()), FE_OK);
    check_planes(planes, {-1.0f, 1.0f, -0.5f / 127.5f}, "127.5");
}

void l2_small_rows() {
    // Rows of dim 2: (3,4) has norm 5; a zero row stays zero (no NaN); (-2, 0) becomes (-1, 0).
    std::vector<float> rows = {3.0f, 4.0f, 0.0f, 0.0f, -2.0f, 0.0f};
    CHECK_STATUS(fe_l2_normalize_reference(rows.data(), 3, 2), FE_OK);
    check_planes(rows, {0.6f, 0.8f, 0.0f, 0.0f, -1.0f, 0.0f}, "L2 dim 2");
}

void l2_long_rows() {
    // 512 ones: each becomes 1/sqrt(512); 300 twos (more than one value per lane): 2/sqrt(1200).
    std::vector<float> ones(512, 1.0f);
    CHECK_STATUS(fe_l2_normalize_reference(ones.data(), 1, 512), FE_OK);
    std::vector<float> twos(300, 2.0f);
    CHECK_STATUS(fe_l2_normalize_reference(twos.data(), 1, 300), FE_OK);
    for (float v : ones) {
        CHECK(std::fabs(v - 0.0441941738f) < 1e-8f);
    }
    for (float v : twos) {
        CHECK(std::fabs(v - 0.0577350269f) < 1e-8f);
    }
    double norm = 0.0;
    for (float v : ones) {
        norm += static_cast<double>(v) * v;
    }
    CHECK(std::fabs(norm - 1.0) < 1e-6);
}

void l2_zero_row_among_others() {
    std::vector<float> rows(3 * 512, 0.0f);
    for (int i = 0; i < 512; ++i) {
        rows[i] = static_cast<float>(i % 7) - 3.0f;
        rows[1024 + i] = 0.5f;
    }
    CHECK_STATUS(fe_l2_normalize_reference(rows.data(), 3, 512), FE_OK);
    for (int i = 0; i < 512; ++i) {
        CHECK(rows[512 + i] == 0.0f);
        CHECK(std::fabs(rows[1024 + i] - 0.0441941738f) < 1e-8f);
    }
}

}  // namespace

int main() {
    preprocess_rgb_per_plane();
    preprocess_bgr_per_plane();
    preprocess_several_crops();
    preprocess_arcface_constants();
    l2_small_rows();
    l2_long_rows();
    l2_zero_row_among_others();
    return fe_test::finish();
}
