/*
 * faceembed_trt.h: the C ABI of faceembed's native shim over CUDA and TensorRT 10.
 *
 * Shaped like the ONNX Runtime C API:
 *   - opaque handles (fe_engine, fe_runner);
 *   - every fallible function returns an fe_status and writes its results through out-parameters;
 *   - on failure, fe_last_error() returns a thread-local message (with TensorRT's own log where it has one),
 *     valid until the next fe_ call on the same thread;
 *   - release functions accept NULL;
 *   - fe_abi_version() is checked by the caller at load time;
 *   - every function is an exception barrier: no C++ exception crosses it, and nothing in the shim aborts or
 *     exits the process.
 *
 * One binary serves every machine: the CUDA runtime is linked statically, and TensorRT (libnvinfer.so.10,
 * libnvonnxparser.so.10) is opened with dlopen by fe_tensorrt_load(), so the library loads without a GPU, a
 * driver or TensorRT and reports which of them it lacks.
 *
 * Threads: fe_engine may be shared; an fe_runner is used by one thread at a time.
 * Lifetime: a runner keeps its engine alive, so fe_engine_release may come before fe_runner_release.
 */
#ifndef FACEEMBED_TRT_H
#define FACEEMBED_TRT_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32)
#define FE_API __declspec(dllexport)
#else
#define FE_API __attribute__((visibility("default")))
#endif

/* Bumped on every incompatible change of this header. */
#define FE_ABI_VERSION 1

typedef enum fe_status {
    FE_OK = 0,
    FE_ERR_INVALID_ARGUMENT = 1,   /* a NULL pointer, a size out of range, a mismatched layout */
    FE_ERR_NOT_BUILT = 2,          /* this shim was compiled without the part asked for (CUDA or TensorRT) */
    FE_ERR_NO_DRIVER = 3,          /* no usable NVIDIA driver (cudaErrorInsufficientDriver 35, or no libcuda) */
    FE_ERR_NO_DEVICE = 4,          /* a driver but no GPU (cudaErrorNoDevice 100), or the device index is wrong */
    FE_ERR_CUDA = 5,               /* any other CUDA error; the message names the call and the CUDA error */
    FE_ERR_NO_TENSORRT = 6,        /* libnvinfer / libnvonnxparser could not be opened or lack a symbol */
    FE_ERR_TENSORRT = 7,           /* TensorRT failed; the message carries TensorRT's log */
    FE_ERR_OUT_OF_MEMORY = 8,      /* host or device allocation failed */
    FE_ERR_IO = 9,                 /* a file could not be read or written */
    FE_ERR_INTERNAL = 10           /* a C++ exception or an unexpected state */
} fe_status;

/* Features compiled into this shim, as bits of fe_build_features(). */
#define FE_FEATURE_CUDA 1u
#define FE_FEATURE_TENSORRT 2u

/* Crop layouts of fe_runner_run input. */
#define FE_LAYOUT_UINT8_HWC_RGB 0
#define FE_LAYOUT_FLOAT32_NCHW 1

/* Engine precisions. */
#define FE_PRECISION_FP32 0
#define FE_PRECISION_FP16 1

/* ---- version, errors, build ---------------------------------------------------------------------------- */

FE_API uint32_t fe_abi_version(void);

/* The message of the last failed call on this thread ("" if none). Owned by the shim. */
FE_API const char* fe_last_error(void);

/* Bitmask of FE_FEATURE_*. */
FE_API uint32_t fe_build_features(void);

/* One line describing the build: compiler, CUDA toolkit and architectures, TensorRT headers version. */
FE_API const char* fe_build_info(void);

/* ---- CUDA ---------------------------------------------------------------------------------------------- */

/* cudaDriverGetVersion (e.g. 13000); 0 when there is no driver. FE_ERR_NOT_BUILT without CUDA. */
FE_API fe_status fe_cuda_driver_version(int32_t* out);

/* cudaRuntimeGetVersion of the statically linked runtime (e.g. 13000). */
FE_API fe_status fe_cuda_runtime_version(int32_t* out);

/* Number of CUDA devices. No driver: FE_ERR_NO_DRIVER; no GPU: FE_ERR_NO_DEVICE (and *out = 0). */
FE_API fe_status fe_device_count(int32_t* out);

typedef struct fe_device_info {
    char name[256];
    int32_t compute_major;
    int32_t compute_minor;
    int32_t multiprocessors;
    int32_t reserved;
    uint64_t total_memory_bytes;
    uint64_t free_memory_bytes;
} fe_device_info;

FE_API fe_status fe_device_info_get(int32_t device, fe_device_info* out);

/* ---- pinned host memory --------------------------------------------------------------------------------- */

/* Page-locked host memory (cudaHostAlloc, portable), for zero-copy DMA from caller-filled batches. */
FE_API fe_status fe_host_alloc(size_t bytes, void** out);

/* Frees memory from fe_host_alloc; NULL is ignored. */
FE_API void fe_host_free(void* p);

/* ---- TensorRT library ----------------------------------------------------------------------------------- */

/*
 * Opens TensorRT with dlopen: the given paths, or NULL for the dynamic linker's search of libnvinfer.so.10 and
 * libnvonnxparser.so.10. Idempotent once it succeeded. FE_ERR_NOT_BUILT if compiled without TensorRT headers.
 */
FE_API fe_status fe_tensorrt_load(const char* nvinfer_path, const char* onnxparser_path);

/* getInferLibVersion() of the loaded library, e.g. 101600 for 10.16.0. Requires fe_tensorrt_load. */
FE_API fe_status fe_tensorrt_version(int32_t* out);

/* ---- engine build --------------------------------------------------------------------------------------- */

typedef struct fe_build_options {
    uint32_t struct_size;          /* sizeof(fe_build_options) */
    int32_t device;
    int32_t precision;             /* FE_PRECISION_* */
    int32_t min_batch;
    int32_t opt_batch;
    int32_t max_batch;
    int32_t reserved;
    uint64_t workspace_bytes;      /* builder memory pool limit for the workspace */
    const char* timing_cache_path; /* read if present and written back after the build; NULL for none */
} fe_build_options;

/*
 * Parses an ONNX file with one input [N,3,H,W] and builds a serialised engine ("plan") with one optimisation
 * profile over N. The plan is returned in memory owned by the shim: free it with fe_plan_free.
 */
FE_API fe_status fe_engine_build(const char* onnx_path, const fe_build_options* options, void** plan_out,
                                 size_t* plan_size_out);

/* Frees a plan from fe_engine_build; NULL is ignored. */
FE_API void fe_plan_free(void* plan);

/* ---- engine --------------------------------------------------------------------------------------------- */

typedef struct fe_engine fe_engine;

/* Deserialises a plan on a device. Fails with FE_ERR_TENSORRT and TensorRT's reason if it does not fit. */
FE_API fe_status fe_engine_load(const void* plan, size_t plan_size, int32_t device, fe_engine** out);

FE_API void fe_engine_release(fe_engine* engine);

typedef struct fe_engine_io {
    char input_name[256];
    char output_name[256];
    int64_t input_dims[4];         /* -1 where dynamic */
    int64_t output_dims[2];        /* -1 where dynamic */
    int32_t min_batch;             /* the optimisation profile over N */
    int32_t opt_batch;
    int32_t max_batch;
    int32_t reserved;
} fe_engine_io;

FE_API fe_status fe_engine_describe(const fe_engine* engine, fe_engine_io* out);

/* ---- inference ------------------------------------------------------------------------------------------ */

typedef struct fe_preprocess {
    int32_t source_channel[3];     /* plane c of the model input takes RGB channel source_channel[c] (0 R, 1 G, 2 B) */
    float mean[3];                 /* per plane: value = (pixel - mean[c]) / std[c] */
    float std[3];
} fe_preprocess;

typedef struct fe_runner fe_runner;

/*
 * Device buffers, execution contexts and CUDA streams for batches of up to max_batch crops, in `streams` sets
 * (at least 1; 2 or more overlap copies of one chunk with compute of another).
 */
FE_API fe_status fe_runner_create(fe_engine* engine, int32_t max_batch, int32_t streams,
                                  const fe_preprocess* preprocess, fe_runner** out);

FE_API void fe_runner_release(fe_runner* runner);

/*
 * Embeds `count` crops of height x width from host memory `input` (pinned memory from fe_host_alloc is copied
 * asynchronously; pageable memory works, slower) into `output`, count x dim floats, L2-normalised on the GPU.
 * uint8 input is converted to the model's float NCHW on the GPU. Chunks of up to max_batch go round-robin over
 * the runner's streams; the call returns after one final synchronisation.
 */
FE_API fe_status fe_runner_run(fe_runner* runner, const void* input, int32_t layout, int32_t count, int32_t height,
                               int32_t width, float* output);

/* ---- CPU reference of the GPU kernels (same source, compiled for the host) ------------------------------- */

/* uint8 HWC RGB crops to float NCHW planes, as the preprocessing kernel does. */
FE_API fe_status fe_preprocess_reference(const uint8_t* input, int32_t count, int32_t height, int32_t width,
                                         const fe_preprocess* preprocess, float* output);

/* In-place L2 normalisation of rows x dim floats, as the normalisation kernel does (a zero row stays zero). */
FE_API fe_status fe_l2_normalize_reference(float* data, int32_t rows, int32_t dim);

#ifdef __cplusplus
}
#endif

#endif /* FACEEMBED_TRT_H */
