package dev.faceembed.config;

import dev.faceembed.Device;

import java.nio.file.Path;
import java.util.List;

/**
 * The keys of the {@code embedding}, {@code validation} and {@code input} sections, which every backend shares. Each backend's own
 * keys come from its provider.
 */
public final class PipelineKeys {
    /** {@code embedding.backend}: the id of the backend to run; default {@code onnxruntime}. */
    public static final ConfigKey<String> BACKEND = ConfigKey.of("embedding.backend", ValueType.text(), "onnxruntime",
            "The backend to run: onnxruntime (the reference, CPU) or tensorrt (GPU), or any other backend on the class"
                    + " path (embed info lists them).");
    /** {@code embedding.device}: where the backend runs; default {@code cuda:0}. */
    public static final ConfigKey<Device> DEVICE = ConfigKey.of("embedding.device", ValueType.device(),
            Device.cuda(0), "cuda:<index> for the GPU backends, or cpu.");
    /**
     * {@code embedding.allow_cpu_fallback}: run a fallback on the CPU when the backend cannot run here; default true.
     */
    public static final ConfigKey<Boolean> ALLOW_CPU_FALLBACK = ConfigKey.of("embedding.allow_cpu_fallback",
            ValueType.bool(), true, "When the requested backend cannot run here, run a fallback backend on the CPU"
                    + " instead of failing.");
    /** {@code embedding.fallback_backends}: the fallback backends, in order; default {@code [onnxruntime]}. */
    public static final ConfigKey<List<String>> FALLBACK_BACKENDS = ConfigKey.of("embedding.fallback_backends",
            ValueType.words(), List.of("onnxruntime"), "The fallback backends, tried in order, on the CPU.");
    /** {@code embedding.model}: an ONNX model file; default null, the bundled model. */
    public static final ConfigKey<Path> MODEL = ConfigKey.of("embedding.model", ValueType.nullable(ValueType.path()),
            null, "An ONNX model file; null uses the bundled model (fr_feature_dynbatch, with its own"
                    + " preprocessing).");
    /** {@code embedding.precision}: {@code fp32}, or {@code int8} for the bundled model's int8 variant. */
    public static final ConfigKey<String> PRECISION = ConfigKey.of("embedding.precision",
            ValueType.choice("fp32", "int8"), "fp32", "fp32, or int8 for the bundled model's int8 variant (static QDQ;"
                    + " bench/RESULTS.md has its speed and accuracy). A model set in embedding.model runs as it is and"
                    + " needs fp32 here.");
    /** {@code embedding.preprocessing.channel_order}: {@code rgb} or {@code bgr}; default {@code rgb}. */
    public static final ConfigKey<String> CHANNEL_ORDER = ConfigKey.of("embedding.preprocessing.channel_order",
            ValueType.choice("rgb", "bgr"), "rgb", "The order of the colour planes the model takes: RGB or BGR.");
    /** {@code embedding.preprocessing.mean}: per colour plane, subtracted from the pixel value; default 127.5. */
    public static final ConfigKey<List<Double>> MEAN = ConfigKey.of("embedding.preprocessing.mean",
            ValueType.numbers(3, -1e6, 1e6), List.of(127.5, 127.5, 127.5),
            "Per plane: value = (pixel - mean) / std.");
    /** {@code embedding.preprocessing.std}: per colour plane, non-zero divisor after the mean; default 127.5. */
    public static final ConfigKey<List<Double>> STD = ConfigKey.of("embedding.preprocessing.std",
            ValueType.numbers(3, -1e6, 1e6), List.of(127.5, 127.5, 127.5), "Per plane, non-zero.");
    /** {@code embedding.max_batch_size}: most crops per native run, 1 to 65536; default 128. */
    public static final ConfigKey<Integer> MAX_BATCH_SIZE = ConfigKey.of("embedding.max_batch_size",
            ValueType.integer(1, 65536), 128, "Most crops per native run; larger batches are split.");
    /**
     * {@code validation.max_drift_cosine}: {@code embed compare}'s tolerance on 1 - lowest cosine similarity, 0 to 2;
     * default 0.001.
     */
    public static final ConfigKey<Double> MAX_DRIFT_COSINE = ConfigKey.of("validation.max_drift_cosine",
            ValueType.decimal(0, 2), 0.001,
            "embed compare fails (exit code 3) when 1 - (lowest cosine similarity) exceeds this.");

    /** {@code input.max_image_pixels}: largest image, in pixels, that is decoded; default 50,000,000. */
    public static final ConfigKey<Integer> MAX_IMAGE_PIXELS = ConfigKey.of("input.max_image_pixels",
            ValueType.integer(1, Integer.MAX_VALUE), 50_000_000, "Larger images are refused before they are decoded"
                    + " (a few bytes of PNG can declare 40000x40000 pixels); large images within it are subsampled"
                    + " while decoding.");

    /** Every shared key, in the order of the shipped embedding.yaml. */
    public static final List<ConfigKey<?>> ALL = List.of(BACKEND, DEVICE, ALLOW_CPU_FALLBACK, FALLBACK_BACKENDS,
            MODEL, PRECISION, CHANNEL_ORDER, MEAN, STD, MAX_BATCH_SIZE, MAX_DRIFT_COSINE, MAX_IMAGE_PIXELS);

    private PipelineKeys() {
    }
}
