// The GPU kernels against the CPU reference on random data: the results must be bit-identical, since both run the
// same arithmetic (kernel_math.hpp). And the non-finite scan of float input: it finds the first crop with a NaN
// or an infinity, and writes nothing for finite input. Needs a GPU; skipped otherwise.
#include "check.hpp"
#include "cuda_resources.hpp"
#include "gpu_skip.hpp"
#include "kernels.hpp"

#include <cmath>
#include <cstring>
#include <random>
#include <vector>

namespace {

size_t count_differences(const std::vector<float>& a, const std::vector<float>& b) {
    size_t differences = 0;
    for (size_t i = 0; i < a.size(); ++i) {
        differences += std::memcmp(&a[i], &b[i], sizeof(float)) != 0 ? 1 : 0;
    }
    return differences;
}

void preprocess_matches_reference(std::mt19937& random) {
    const int count = 37;
    const int height = 112;
    const int width = 112;
    const size_t pixels = static_cast<size_t>(count) * height * width;
    std::vector<unsigned char> crops(pixels * 3);
    std::uniform_int_distribution<int> byte(0, 255);
    for (unsigned char& b : crops) {
        b = static_cast<unsigned char>(byte(random));
    }
    const fe_preprocess settings[] = {
        {{2, 1, 0}, {127.5f, 127.5f, 127.5f}, {127.5f, 127.5f, 127.5f}},
        {{0, 1, 2}, {123.675f, 116.28f, 103.53f}, {58.395f, 57.12f, 57.375f}},
    };
    for (const fe_preprocess& pp : settings) {
        std::vector<float> expected(pixels * 3);
        CHECK_STATUS(fe_preprocess_reference(crops.data(), count, height, width, &pp, expected.data()), FE_OK);

        fe::CudaStream stream;
        fe::DeviceBuffer<uint8_t> device_crops(crops.size());
        fe::DeviceBuffer<float> device_planes(expected.size());
        fe::CudaEvent start;
        fe::CudaEvent stop;
        fe::cuda_check(cudaMemcpyAsync(device_crops.get(), crops.data(), crops.size(), cudaMemcpyHostToDevice,
                                       stream.get()), "cudaMemcpyAsync");
        fe::cuda_check(cudaEventRecord(start.get(), stream.get()), "cudaEventRecord");
        fe::launch_preprocess(device_crops.get(), device_planes.get(), count, static_cast<int64_t>(height) * width, pp,
                              stream.get());
        fe::cuda_check(cudaEventRecord(stop.get(), stream.get()), "cudaEventRecord");
        std::vector<float> actual(expected.size());
        fe::cuda_check(cudaMemcpyAsync(actual.data(), device_planes.get(), actual.size() * sizeof(float),
                                       cudaMemcpyDeviceToHost, stream.get()), "cudaMemcpyAsync");
        fe::cuda_check(cudaStreamSynchronize(stream.get()), "cudaStreamSynchronize");
        float ms = 0.0f;
        fe::cuda_check(cudaEventElapsedTime(&ms, start.get(), stop.get()), "cudaEventElapsedTime");
        const size_t differences = count_differences(actual, expected);
        std::printf("preprocess %d crops %dx%d: %.3f ms, %zu of %zu values differ from the reference\n", count,
                    height, width, ms, differences, actual.size());
        CHECK(differences == 0);
    }
}

void l2_matches_reference(std::mt19937& random) {
    std::normal_distribution<float> normal(0.0f, 3.0f);
    for (const int dim : {1, 100, 255, 256, 257, 512, 1000}) {
        const int rows = 33;
        std::vector<float> data(static_cast<size_t>(rows) * dim);
        for (float& v : data) {
            v = normal(random);
        }
        // A zero row, and a row whose squares underflow: both must come back unchanged.
        std::fill(data.begin() + dim, data.begin() + 2 * dim, 0.0f);
        std::fill(data.begin() + 2 * dim, data.begin() + 3 * dim, 1e-30f);
        std::vector<float> expected = data;
        CHECK_STATUS(fe_l2_normalize_reference(expected.data(), rows, dim), FE_OK);

        fe::CudaStream stream;
        fe::DeviceBuffer<float> device(data.size());
        fe::cuda_check(cudaMemcpyAsync(device.get(), data.data(), data.size() * sizeof(float),
                                       cudaMemcpyHostToDevice, stream.get()), "cudaMemcpyAsync");
        fe::launch_l2_normalize(device.get(), rows, dim, stream.get());
        std::vector<float> actual(data.size());
        fe::cuda_check(cudaMemcpyAsync(actual.data(), device.get(), actual.size() * sizeof(float),
                                       cudaMemcpyDeviceToHost, stream.get()), "cudaMemcpyAsync");
        fe::cuda_check(cudaStreamSynchronize(stream.get()), "cudaStreamSynchronize");
        const size_t differences = count_differences(actual, expected);
        std::printf("L2 %d rows x %d: %zu of %zu values differ from the reference\n", rows, dim, differences,
                    actual.size());
        CHECK(differences == 0);
        for (int i = 0; i < dim; ++i) {
            CHECK(actual[static_cast<size_t>(dim) + i] == 0.0f);
        }
    }
}

// Scans `values` and returns what the kernel left in the flag.
int32_t first_bad_crop(const std::vector<float>& values, int64_t per_crop) {
    fe::CudaStream stream;
    fe::DeviceBuffer<float> device(values.size());
    fe::DeviceBuffer<int32_t> flag(1);
    fe::cuda_check(cudaMemcpyAsync(device.get(), values.data(), values.size() * sizeof(float),
                                   cudaMemcpyHostToDevice, stream.get()), "cudaMemcpyAsync");
    fe::cuda_check(cudaMemsetAsync(flag.get(), fe::kNoBadCropByte, sizeof(int32_t), stream.get()), "cudaMemsetAsync");
    fe::launch_find_non_finite(device.get(), static_cast<int64_t>(values.size()) / per_crop, per_crop, flag.get(),
                               stream.get());
    int32_t result = 0;
    fe::cuda_check(cudaMemcpyAsync(&result, flag.get(), sizeof result, cudaMemcpyDeviceToHost, stream.get()),
                   "cudaMemcpyAsync");
    fe::cuda_check(cudaStreamSynchronize(stream.get()), "cudaStreamSynchronize");
    return result;
}

void non_finite_scan(std::mt19937& random) {
    const int64_t per_crop = 3 * 112 * 112;
    std::vector<float> values(static_cast<size_t>(40 * per_crop));
    std::normal_distribution<float> normal(0.0f, 1e30f);
    for (float& v : values) {
        v = normal(random);
    }
    CHECK(first_bad_crop(values, per_crop) == fe::kNoBadCrop);
    values[static_cast<size_t>(33 * per_crop)] = INFINITY;
    CHECK(first_bad_crop(values, per_crop) == 33);
    values[static_cast<size_t>(17 * per_crop + per_crop - 1)] = -INFINITY;
    values[static_cast<size_t>(25 * per_crop + 99)] = NAN;
    const int32_t found = first_bad_crop(values, per_crop);
    std::printf("non-finite scan of 40 crops with bad values in crops 17, 25 and 33: crop %d\n", found);
    CHECK(found == 17);
}

}  // namespace

int main() {
    const std::string reason = fe_test::no_gpu_reason();
    if (!reason.empty()) {
        return fe_test::skip(reason);
    }
    std::mt19937 random(20240611);
    try {
        preprocess_matches_reference(random);
        l2_matches_reference(random);
        non_finite_scan(random);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "CUDA failure: %s\n", e.what());
        return 1;
    }
    return fe_test::finish();
}
