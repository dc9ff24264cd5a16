// No CUDA context on a GPU nobody asked for. Runs in a fresh process and watches the primary context of every
// device through the driver API (cuDevicePrimaryCtxGetState, from libcuda.so.1 opened here):
//   - device queries (fe_device_count, fe_device_info_get) create no context anywhere;
//   - with 2 or more GPUs, everything done on the last device (pinned memory, free memory, and with TensorRT an
//     engine build, load, runner and run) leaves the other devices without a context;
//   - a thread whose current context was active gets it back after a call on another device.
// Skipped without a driver or GPU; the multi-GPU part is skipped, with the reason, on a machine with one GPU.
// Argument: the path of the ONNX model.
#include "check.hpp"

#include <dlfcn.h>

#include <string>
#include <thread>
#include <type_traits>
#include <vector>

namespace {

// The driver API, as far as this test needs it (CUresult is an int, CUdevice an int, CUcontext a pointer).
struct Driver {
    int (*init)(unsigned) = nullptr;
    int (*device_count)(int*) = nullptr;
    int (*device_get)(int*, int) = nullptr;
    int (*primary_state)(int, unsigned*, int*) = nullptr;
    int (*primary_retain)(void**, int) = nullptr;
    int (*primary_release)(int) = nullptr;
    int (*context_get)(void**) = nullptr;
    int (*context_set)(void*) = nullptr;

    // Why the driver cannot be used, or "".
    std::string open() {
        void* lib = dlopen("libcuda.so.1", RTLD_NOW | RTLD_LOCAL);
        if (lib == nullptr) {
            return std::string("no CUDA driver (") + dlerror() + ")";
        }
        bool found = true;
        auto get = [&](auto& f, const char* name) {
            f = reinterpret_cast<std::remove_reference_t<decltype(f)>>(dlsym(lib, name));
            found = found && f != nullptr;
        };
        get(init, "cuInit");
        get(device_count, "cuDeviceGetCount");
        get(device_get, "cuDeviceGet");
        get(primary_state, "cuDevicePrimaryCtxGetState");
        get(primary_retain, "cuDevicePrimaryCtxRetain");
        get(primary_release, "cuDevicePrimaryCtxRelease_v2");
        get(context_get, "cuCtxGetCurrent");
        get(context_set, "cuCtxSetCurrent");
        int count = 0;
        if (!found || init(0) != 0 || device_count(&count) != 0 || count == 0) {
            return "no CUDA device (cuInit / cuDeviceGetCount)";
        }
        return "";
    }

    int count() const {
        int n = 0;
        device_count(&n);
        return n;
    }

    bool active(int ordinal) const {
        int device = 0;
        unsigned flags = 0;
        int is_active = 0;
        return device_get(&device, ordinal) == 0 && primary_state(device, &flags, &is_active) == 0 && is_active != 0;
    }
};

std::vector<bool> states(const Driver& driver) {
    std::vector<bool> active;
    for (int d = 0; d < driver.count(); ++d) {
        active.push_back(driver.active(d));
    }
    return active;
}

void queries_create_no_context(const Driver& driver) {
    const std::vector<bool> before = states(driver);
    int32_t count = 0;
    CHECK_STATUS(fe_device_count(&count), FE_OK);
    for (int32_t d = 0; d < count; ++d) {
        fe_device_info info{};
        CHECK_STATUS(fe_device_info_get(d, &info), FE_OK);
    }
    const std::vector<bool> after = states(driver);
    for (size_t d = 0; d < after.size(); ++d) {
        std::printf("device %zu: primary context %s before the queries, %s after\n", d,
                    before[d] ? "active" : "inactive", after[d] ? "active" : "inactive");
        CHECK(after[d] == before[d]);
    }
}

// Everything the backend does, on `device` only.
void work_on(int32_t device, const char* model) {
    void* pinned = nullptr;
    CHECK_STATUS(fe_host_alloc(device, 1 << 20, &pinned), FE_OK);
    fe_host_free(pinned);
    uint64_t free_bytes = 0;
    uint64_t total_bytes = 0;
    CHECK_STATUS(fe_device_memory_get(device, &free_bytes, &total_bytes), FE_OK);
    if (fe_tensorrt_load(nullptr, nullptr) != FE_OK) {
        std::printf("TensorRT not loadable (%s): checked pinned memory and device memory only\n", fe_last_error());
        return;
    }
    const fe_profile profile{1, 4, 8};
    fe_build_options o{};
    o.struct_size = sizeof o;
    o.device = device;
    o.precision = FE_PRECISION_FP16;
    o.optimization_level = 0;
    o.profile_count = 1;
    o.profiles = &profile;
    void* plan = nullptr;
    size_t size = 0;
    CHECK_STATUS(fe_engine_build(model, &o, &plan, &size), FE_OK);
    fe_engine* engine = nullptr;
    CHECK_STATUS(fe_engine_load(plan, size, device, &engine), FE_OK);
    fe_plan_free(plan);
    fe_runner_options ro{};
    ro.struct_size = sizeof ro;
    ro.streams = 2;
    ro.cuda_graphs = 1;
    ro.warmup_layouts = FE_WARMUP_UINT8_HWC_RGB;
    const fe_preprocess pp{{2, 1, 0}, {127.5f, 127.5f, 127.5f}, {127.5f, 127.5f, 127.5f}};
    fe_runner* runner = nullptr;
    CHECK_STATUS(fe_runner_create(engine, &ro, &pp, &runner), FE_OK);
    std::vector<unsigned char> crops(static_cast<size_t>(10) * 112 * 112 * 3, 77);
    std::vector<float> out(static_cast<size_t>(10) * 512);
    CHECK_STATUS(fe_runner_run(runner, crops.data(), FE_LAYOUT_UINT8_HWC_RGB, 10, 112, 112, out.data()), FE_OK);
    fe_runner_release(runner);
    fe_engine_release(engine);
}

void other_devices_stay_clean(Driver& driver, const char* model) {
    const int target = driver.count() - 1;
    const std::vector<bool> before = states(driver);
    // On a thread of its own, which has no current context yet.
    std::thread worker([&] { work_on(target, model); });
    worker.join();
    const std::vector<bool> after = states(driver);
    for (int d = 0; d < target; ++d) {
        std::printf("device %d: primary context %s before work on device %d, %s after\n", d,
                    before[d] ? "active" : "inactive", target, after[d] ? "active" : "inactive");
        CHECK(after[d] == before[d]);
    }
    CHECK(after[target]);
}

void active_context_is_restored(Driver& driver) {
    const int target = driver.count() - 1;
    void* context = nullptr;
    CHECK(driver.primary_retain(&context, 0) == 0);
    CHECK(driver.context_set(context) == 0);
    void* pinned = nullptr;
    CHECK_STATUS(fe_host_alloc(target, 4096, &pinned), FE_OK);
    void* current = nullptr;
    CHECK(driver.context_get(&current) == 0);
    std::printf("current context after a call on device %d: %s\n", target,
                current == context ? "device 0's again" : "another");
    CHECK(current == context);
    fe_host_free(pinned);
    driver.primary_release(0);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s <model.onnx>\n", argv[0]);
        return 2;
    }
    Driver driver;
    const std::string reason = driver.open();
    if (!reason.empty()) {
        return fe_test::skip(reason);
    }
    queries_create_no_context(driver);
    if (driver.count() < 2) {
        if (fe_test::failures() > 0) {
            return fe_test::finish();
        }
        return fe_test::skip("device queries create no context (checked); the check that work on one GPU leaves "
                             "the others without a context needs 2 or more GPUs, this machine has 1");
    }
    other_devices_stay_clean(driver, argv[1]);
    active_context_is_restored(driver);
    return fe_test::finish();
}
