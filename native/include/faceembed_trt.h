/*
 * faceembed_trt.h: the C ABI of faceembed's native shim over CUDA and TensorRT 10.
 *
 * A plain C interface for foreign callers (Java's FFM), with the conventions below. It borrows the handle and
 * out-parameter shape of the ONNX Runtime C API, but errors are reported differently: a function returns a plain
 * fe_status code, and the message is read from a thread-local string (fe_last_error) instead of a status object.
 *   - opaque handles (fe_engine, fe_runner);
 *   - every fallible function returns an fe_status and writes its results through out-parameters, which are reset
 *     (NULL / 0) before anything can fail;
 *   - fe_last_error() returns the message of this thread's last failed call (with TensorRT's own log lines of that
 *     call where TensorRT failed), or "" after a successful call; functions without a status leave it alone;
 *   - release functions accept NULL;
 *   - fe_abi_version() is checked by the caller at load time; option structs start with struct_size;
 *   - every function is an exception barrier: no C++ exception crosses it, and nothing in the shim aborts or
 *     exits the process.
 *
 * One binary serves every machine: the CUDA runtime is linked statically, and TensorRT (libnvinfer.so.10,
 * libnvonnxparser.so.10, optionally libnvinfer_plugin.so.10) is opened with dlopen by fe_tensorrt_load(), so the
 * library loads without a GPU, a driver or TensorRT and reports which of them it lacks.
 *
 * Devices: a function given a device index makes that device current on the calling thread for the call. When it
 * returns, the thread's previous device is made current again only if that device's primary context was already
 * active, so a call never creates a CUDA context on a GPU nobody asked for.
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
#define FE_ABI_VERSION 2

typedef enum fe_status {
    FE_OK = 0,
    FE_ERR_INVALID_ARGUMENT = 1,   /* a NULL pointer, a size out of range, a mismatched layout, non-finite input */
    FE_ERR_NOT_BUILT = 2,          /* this shim was compiled without the part asked for (CUDA or TensorRT) */
    FE_ERR_NO_DRIVER = 3,          /* no usable NVIDIA driver (cudaErrorInsufficientDriver 35, or no libcuda) */
    FE_ERR_NO_DEVICE = 4,          /* a driver but no GPU (cudaErrorNoDevice 100), or the device index is wrong */
    FE_ERR_CUDA = 5,               /* any other CUDA error; the message names the call and the CUDA error */
    FE_ERR_NO_TENSORRT = 6,        /* TensorRT libraries missing, lacking a symbol, or of an unsuitable version */
    FE_ERR_TENSORRT = 7,           /* TensorRT failed; the message carries TensorRT's log of this call */
    FE_ERR_OUT_OF_MEMORY = 8,      /* host or device allocation failed */
    FE_ERR_IO = 9,                 /* a file could not be read or written (or a plugin library not opened) */
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
/* An explicitly quantised (QDQ) ONNX model built as INT8 (kINT8, and kFP16 for the layers left unquantised). */
#define FE_PRECISION_INT8 2

/* fe_build_options.hardware_compatibility. */
#define FE_HARDWARE_COMPAT_NONE 0
/* HardwareCompatibilityLevel::kSAME_COMPUTE_CAPABILITY: runs on every GPU of the build GPU's compute capability. */
#define FE_HARDWARE_COMPAT_SAME_COMPUTE_CAPABILITY 1

/* Most optimisation profiles an engine may have (fe_build_options.profile_count, fe_engine_io.profiles). */
#define FE_MAX_PROFILES 8

/* fe_runner_options.warmup_layouts: the input paths a runner prepares and runs once at creation. */
#define FE_WARMUP_UINT8_HWC_RGB 1u
#define FE_WARMUP_FLOAT32_NCHW 2u

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

/* Number of CUDA devices. No driver: FE_ERR_NO_DRIVER; no GPU: FE_ERR_NO_DEVICE (and *out = 0). Creates no context. */
FE_API fe_status fe_device_count(int32_t* out);

typedef struct fe_device_info {
    char name[256];
    uint8_t uuid[16];              /* the GPU's UUID (nvidia-smi shows it as GPU-xxxxxxxx-xxxx-...) */
    int32_t compute_major;
    int32_t compute_minor;
    int32_t multiprocessors;
    int32_t pci_domain;
    int32_t pci_bus;
    int32_t pci_device;
    uint64_t total_memory_bytes;
} fe_device_info;

/* The properties of one device (cudaGetDeviceProperties). Creates no CUDA context. */
FE_API fe_status fe_device_info_get(int32_t device, fe_device_info* out);

/*
 * Free and total memory of one device (cudaMemGetInfo). This needs the device's primary CUDA context and creates it
 * if it does not exist yet (a few hundred MiB of device memory): ask only for the device you are going to use.
 */
FE_API fe_status fe_device_memory_get(int32_t device, uint64_t* free_bytes, uint64_t* total_bytes);

/* ---- pinned host memory --------------------------------------------------------------------------------- */

/*
 * Page-locked host memory (cudaHostAlloc, portable), for zero-copy DMA from caller-filled batches. Allocated with
 * `device` current, so that no context is created on another GPU; usable with runners on every device.
 */
FE_API fe_status fe_host_alloc(int32_t device, size_t bytes, void** out);

/* Frees memory from fe_host_alloc; NULL and pointers that did not come from fe_host_alloc are ignored. */
FE_API void fe_host_free(void* p);

/* ---- TensorRT libraries --------------------------------------------------------------------------------- */

/*
 * Opens TensorRT with dlopen: the given paths, or NULL for the dynamic linker's search of libnvinfer.so.10 and
 * libnvonnxparser.so.10. Refuses (FE_ERR_NO_TENSORRT) a libnvinfer of another major version or older than the
 * headers this shim was compiled against (major.minor, see fe_tensorrt_versions), an ONNX parser of another parser
 * API version, and a parser whose file name says it belongs to another TensorRT release than libnvinfer.
 * Then opens libnvinfer_plugin.so.10 (next to libnvinfer first, then the linker's search) and registers TensorRT's
 * plugins with initLibNvInferPlugins; a missing or unusable plugin library is not an error (fe_tensorrt_libraries
 * says what happened).
 * One TensorRT per process: once a load succeeded, a call whose non-NULL paths name other files than the loaded
 * ones fails with FE_ERR_INVALID_ARGUMENT naming the loaded files; NULL paths or the same files return FE_OK.
 * FE_ERR_NOT_BUILT if compiled without TensorRT headers.
 */
FE_API fe_status fe_tensorrt_load(const char* nvinfer_path, const char* onnxparser_path);

/* getInferLibVersion() of the loaded library, e.g. 101600 for 10.16.0. Requires fe_tensorrt_load. */
FE_API fe_status fe_tensorrt_version(int32_t* out);

typedef struct fe_tensorrt_versions {
    int32_t library;               /* getInferLibVersion() of the loaded libnvinfer, e.g. 101600 */
    int32_t headers;               /* NV_TENSORRT_VERSION compiled in; the library is at least its major.minor */
    int32_t onnx_parser;           /* getNvOnnxParserVersion() of the loaded parser: its API version (100 = 0.1.0) */
    int32_t onnx_parser_headers;   /* NV_ONNX_PARSER_VERSION compiled into the shim */
    int32_t onnx_parser_release;   /* TensorRT release of the parser from its file name (...so.10.16.0), 0 if none */
    int32_t plugins_loaded;        /* 1 if libnvinfer_plugin was opened and initLibNvInferPlugins succeeded */
} fe_tensorrt_versions;

/* The versions of the loaded TensorRT. Requires fe_tensorrt_load. */
FE_API fe_status fe_tensorrt_versions_get(fe_tensorrt_versions* out);

/*
 * What was loaded, one library per line, "<role>\t<state>\t<detail>\n":
 *   role:  nvinfer | onnxparser | nvinfer_plugin | plugin (a library from fe_tensorrt_load_plugins)
 *   state: loaded (detail: the file's resolved path) | missing | failed (detail: why; only nvinfer_plugin)
 * The text is owned by the shim and valid until the next call of this function on the same thread.
 * Requires fe_tensorrt_load.
 */
FE_API fe_status fe_tensorrt_libraries(const char** out);

/*
 * Loads users' TensorRT plugin libraries, in order, after fe_tensorrt_load: each is opened with dlopen (plugins
 * registered by static initialisers, REGISTER_TENSORRT_PLUGIN), and a library that exports getCreators or
 * getPluginCreators is also registered with IPluginRegistry::loadLibrary. A library already loaded is skipped.
 * Stops at the first failure (FE_ERR_IO: cannot be opened; FE_ERR_TENSORRT: the registry refused it); the
 * libraries before it stay loaded. Engines built or loaded afterwards can use the plugins.
 */
FE_API fe_status fe_tensorrt_load_plugins(const char* const* paths, int32_t count);

/* ---- engine build --------------------------------------------------------------------------------------- */

/* One optimisation profile over the batch dimension N: 1 <= min_batch <= opt_batch <= max_batch. */
typedef struct fe_profile {
    int32_t min_batch;
    int32_t opt_batch;
    int32_t max_batch;
} fe_profile;

typedef struct fe_build_options {
    uint32_t struct_size;          /* sizeof(fe_build_options) */
    int32_t device;
    int32_t precision;             /* FE_PRECISION_* */
    int32_t tf32;                  /* 0: fp32 layers compute in fp32 (BuilderFlag::kTF32 cleared); 1: TF32 allowed */
    int32_t hardware_compatibility; /* FE_HARDWARE_COMPAT_*; SAME_COMPUTE_CAPABILITY needs TensorRT 10.9+ */
    int32_t optimization_level;    /* -1: TensorRT's default (3); 0..5: IBuilderConfig::setBuilderOptimizationLevel */
    int32_t profile_count;         /* 1..FE_MAX_PROFILES entries in `profiles` */
    int32_t reserved;              /* 0 */
    uint64_t workspace_bytes;      /* builder memory pool limit for the workspace; 0: TensorRT's default */
    const fe_profile* profiles;    /* the optimisation profiles, in the engine's profile order */
    const char* timing_cache_path; /* read if present and written back after the build; NULL for none */
} fe_build_options;

/*
 * Parses an ONNX file with one input [N,3,H,W] and builds a serialised engine ("plan") with the given optimisation
 * profiles over N (a model with a fixed N takes exactly one profile, N/N/N). FE_PRECISION_INT8 needs a model with
 * QuantizeLinear/DequantizeLinear nodes (FE_ERR_INVALID_ARGUMENT otherwise). The plan is returned in memory owned
 * by the shim: free it with fe_plan_free.
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
    int32_t min_batch;             /* the smallest min_batch of the profiles */
    int32_t max_batch;             /* the largest max_batch of the profiles: the largest chunk a runner can take */
    int32_t profile_count;         /* 1..FE_MAX_PROFILES */
    int32_t reserved;
    uint64_t activation_bytes;     /* activation memory of one execution context: the largest over the profiles */
    fe_profile profiles[FE_MAX_PROFILES]; /* [0, profile_count) are the engine's profiles */
} fe_engine_io;

FE_API fe_status fe_engine_describe(const fe_engine* engine, fe_engine_io* out);

/* ---- inference ------------------------------------------------------------------------------------------ */

typedef struct fe_preprocess {
    int32_t source_channel[3];     /* plane c of the model input takes RGB channel source_channel[c] (0 R, 1 G, 2 B) */
    float mean[3];                 /* per plane: value = (pixel - mean[c]) / std[c] */
    float std[3];
} fe_preprocess;

typedef struct fe_runner_options {
    uint32_t struct_size;          /* sizeof(fe_runner_options) */
    int32_t max_batch;             /* largest chunk of a call; 0: the engine's max_batch */
    int32_t streams;               /* 1..64 buffer sets, each with its own CUDA stream */
    int32_t cuda_graphs;           /* 1: capture each chunk size's GPU work once and replay it; 0: plain enqueueV3 */
    int32_t spin_wait;             /* 0: the calling thread sleeps while it waits for the GPU; 1: it spins */
    uint32_t warmup_layouts;       /* FE_WARMUP_* bits: paths run at creation, at each profile's opt and max_batch */
    int32_t profile_layers;        /* 1: per-layer times through IProfiler (fe_runner_profile_json); no graphs */
    int32_t timing;                /* 1: GPU timing events per chunk (fe_runner_last_timing) */
} fe_runner_options;

typedef struct fe_runner fe_runner;

/*
 * Device buffers, execution contexts, CUDA streams and pinned output staging for chunks of up to max_batch crops.
 * Each buffer set has one execution context per optimisation profile; the contexts of one set share one block of
 * activation memory (they run one after the other on the set's stream), the sets do not (they run concurrently).
 */
FE_API fe_status fe_runner_create(fe_engine* engine, const fe_runner_options* options,
                                  const fe_preprocess* preprocess, fe_runner** out);

FE_API void fe_runner_release(fe_runner* runner);

/*
 * Embeds `count` crops of height x width from host memory `input` into `output`, count x dim floats, L2-normalised
 * on the GPU. Pinned input (fe_host_alloc) is copied asynchronously; pageable input works, slower. Pinned output is
 * written by the GPU directly; pageable output is filled from the runner's pinned staging as each chunk completes.
 * uint8 input is converted to the model's float NCHW on the GPU; float input is checked on the GPU for NaN and
 * infinity (FE_ERR_INVALID_ARGUMENT naming the first such crop). Chunks of up to max_batch go round-robin over the
 * buffer sets, each on the optimisation profile that suits its size best, so that copies and compute of
 * consecutive chunks overlap; the call returns when every chunk is in `output`.
 */
FE_API fe_status fe_runner_run(fe_runner* runner, const void* input, int32_t layout, int32_t count, int32_t height,
                               int32_t width, float* output);

typedef struct fe_runner_info {
    int32_t max_batch;             /* the largest chunk */
    int32_t streams;
    int32_t cuda_graphs;           /* 1 while CUDA graphs are in use; 0 if not asked for or after a failed capture */
    int32_t graphs_captured;       /* CUDA graphs captured so far */
    uint64_t device_bytes;         /* device memory held by the runner: buffers and activation memory */
    uint64_t pinned_bytes;         /* pinned host memory held by the runner (output staging) */
} fe_runner_info;

FE_API fe_status fe_runner_describe(const fe_runner* runner, fe_runner_info* out);

/*
 * What the runner did that a caller may want to know, one fact per line (e.g. why CUDA graphs were turned off).
 * Owned by the runner; valid until the next call on the runner.
 */
FE_API fe_status fe_runner_diagnostics(fe_runner* runner, const char** out);

typedef struct fe_run_timing {
    int32_t chunks;                /* chunks of the last fe_runner_run */
    int32_t graph_launches;        /* of which replayed from a CUDA graph */
    float span_ms;                 /* GPU time from the first chunk's start to the last chunk's end (timing only) */
    float chunk_sum_ms;            /* sum of each chunk's own start-to-end GPU time (timing only) */
    float host_wait_ms;            /* wall time the calling thread spent waiting for chunks */
    float reserved;
} fe_run_timing;

/* Timing of the runner's last successful fe_runner_run. span_ms < chunk_sum_ms means the chunks overlapped. */
FE_API fe_status fe_runner_last_timing(const fe_runner* runner, fe_run_timing* out);

/*
 * Per-layer GPU times since creation (or the last reset) of a runner created with profile_layers = 1, as JSON:
 * {"runs":R,"total_ms":T,"layers":[{"name":"...","calls":C,"total_ms":X,"average_ms":Y,"percent":P},...]}.
 * reset = 1 clears the counters after reading. Owned by the runner; valid until the next call on the runner.
 */
FE_API fe_status fe_runner_profile_json(fe_runner* runner, int32_t reset, const char** out);

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
