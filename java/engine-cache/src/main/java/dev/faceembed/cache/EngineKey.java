package dev.faceembed.cache;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Everything that decides whether a TensorRT engine can be reused: the model (by content), the build settings that
 * change the engine, and the target (GPU architecture and model, TensorRT version). Equal keys name interchangeable
 * engines; the model name is only a label for people and plays no part in compatibility. Built with
 * {@link #builder(String, String)}.
 *
 * @param modelName         a readable label, usually the ONNX file's base name; sanitised for file names
 * @param modelSha256       sha256 of the ONNX model file, 64 hex digits
 * @param precision         fp32, fp16 or int8 (an explicitly quantised model)
 * @param tf32              whether fp32 layers may compute in TF32 (an fp32 engine with TF32 is a different engine)
 * @param profiles          the optimisation profiles over the batch dimension, in build order
 * @param workspaceBytes    builder workspace limit; it changes which tactics TensorRT may pick
 * @param optimizationLevel the builder optimisation level 0..5, or -1 for TensorRT's default
 * @param target            the GPU architecture and model and the TensorRT version
 */
public record EngineKey(String modelName, String modelSha256, Precision precision, boolean tf32,
                        List<BatchProfile> profiles, long workspaceBytes, int optimizationLevel,
                        EngineTarget target) {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern VERSION = Pattern.compile("[0-9A-Za-z][0-9A-Za-z._]{0,31}");
    private static final Pattern UNSAFE_IN_FILE_NAME = Pattern.compile("[^A-Za-z0-9_.]");
    private static final int MAX_NAME_CHARS = 64;
    /** Most optimisation profiles of one engine (the native shim's limit). */
    public static final int MAX_PROFILES = 8;
    /** Hex digits of the identity hash in file names: 48 bits, so distinct keys do not meet by chance. */
    static final int HASH_CHARS = 12;

    /** Checks every component: a sha256, 1 to {@value #MAX_PROFILES} profiles, valid sizes and levels. */
    public EngineKey {
        Objects.requireNonNull(modelName, "modelName");
        Objects.requireNonNull(modelSha256, "modelSha256");
        Objects.requireNonNull(precision, "precision");
        Objects.requireNonNull(target, "target");
        profiles = List.copyOf(profiles);
        if (modelName.isBlank()) {
            throw new IllegalArgumentException("model name is blank");
        }
        modelSha256 = modelSha256.toLowerCase(Locale.ROOT);
        if (!isSha256(modelSha256)) {
            throw new IllegalArgumentException("model sha256 must be 64 hex digits, got '" + modelSha256 + "'");
        }
        if (profiles.isEmpty() || profiles.size() > MAX_PROFILES) {
            throw new IllegalArgumentException("an engine has 1.." + MAX_PROFILES + " batch profiles, got "
                    + profiles.size());
        }
        if (workspaceBytes < 0) {
            throw new IllegalArgumentException("workspace bytes must not be negative, got " + workspaceBytes);
        }
        if (optimizationLevel < -1 || optimizationLevel > 5) {
            throw new IllegalArgumentException("builder optimisation level must be 0..5, or -1 for TensorRT's"
                    + " default, got " + optimizationLevel);
        }
    }

    /**
     * Starts a key for the model with this label and content hash.
     *
     * @param modelName   a label for file names and messages
     * @param modelSha256 the sha256 of the model's bytes
     * @return a builder of the key
     */
    public static Builder builder(String modelName, String modelSha256) {
        return new Builder(modelName, modelSha256);
    }

    static boolean isSha256(String text) {
        return SHA256.matcher(text).matches();
    }

    static void requireComputeCapability(int major, int minor) {
        if (major < 1 || minor < 0 || minor > 9) {
            throw new IllegalArgumentException("compute capability must be major >= 1 and 0 <= minor <= 9, got "
                    + major + "." + minor);
        }
    }

    static void requireVersion(String version) {
        if (!VERSION.matcher(version).matches()) {
            throw new IllegalArgumentException("TensorRT version must be letters, digits, '.' and '_' (at most 32),"
                    + " got '" + version + "'");
        }
    }

    /**
     * The TensorRT release of the target.
     *
     * @return e.g. {@code 10.16.0}
     */
    public String tensorRtVersion() {
        return target.tensorRtVersion();
    }

    /**
     * The largest batch any profile accepts.
     *
     * @return the largest profile maximum
     */
    public int maxBatch() {
        return profiles.stream().mapToInt(BatchProfile::max).max().orElseThrow();
    }

    /**
     * The base name of the plan and sidecar files, e.g. {@code fr_feature_dynbatch-fp16-sm90-trt10.16.0-3f9a2c1d7b4e}:
     * the classic {@code {model}-{precision}-sm{arch}} prefix, the TensorRT version, and {@link #identityHash()}.
     *
     * @return the file stem
     */
    public String fileStem() {
        return safeModelName() + "-" + precision.id() + "-" + target.smArch() + "-trt" + tensorRtVersion() + "-"
                + identityHash();
    }

    /**
     * The first {@value #HASH_CHARS} hex digits of the sha256 of every compatibility field. It keeps keys with
     * different models or settings apart even where the readable part of the name is the same.
     *
     * @return {@value #HASH_CHARS} lower-case hex digits
     */
    public String identityHash() {
        String canonical = String.join("\n",
                "faceembed-engine-key/2",
                "model_sha256=" + modelSha256,
                "precision=" + precision.id(),
                "tf32=" + tf32,
                "profiles=" + profiles.stream().map(BatchProfile::toString).collect(Collectors.joining(",")),
                "workspace_bytes=" + workspaceBytes,
                "optimization_level=" + optimizationLevel,
                "compute_capability=" + target.computeCapability(),
                "gpu_model=" + target.gpuModel(),
                "tensorrt=" + tensorRtVersion());
        return Sha256.ofText(canonical).substring(0, HASH_CHARS);
    }

    /**
     * The model name reduced to letters, digits, '_' and '.', so it is safe in a file name and an S3 key.
     *
     * @return the safe name, at most 64 characters
     */
    public String safeModelName() {
        String safe = UNSAFE_IN_FILE_NAME.matcher(modelName.strip()).replaceAll("_");
        while (safe.startsWith(".")) {
            safe = safe.substring(1);
        }
        if (safe.length() > MAX_NAME_CHARS) {
            safe = safe.substring(0, MAX_NAME_CHARS);
        }
        return safe.isEmpty() ? "model" : safe;
    }

    /**
     * How {@code other} differs from this key in what decides compatibility, one readable line per field; empty when
     * an engine built for {@code other} can serve this key. The model name is ignored: it is a label.
     *
     * @param other another key
     * @return the differences, in words
     */
    public List<String> differencesFrom(EngineKey other) {
        List<String> out = new ArrayList<>();
        EngineTarget theirs = other.target;
        if (target.computeMajor() != theirs.computeMajor() || target.computeMinor() != theirs.computeMinor()) {
            out.add("compute capability: engine built for " + theirs.smArch() + " (" + theirs.computeCapability()
                    + "), this GPU is " + target.smArch() + " (" + target.computeCapability() + ")");
        }
        if (!target.gpuModel().equals(theirs.gpuModel())) {
            out.add("GPU model: engine built for " + describeGpu(theirs) + ", asked for " + describeGpu(target));
        }
        if (!tensorRtVersion().equals(other.tensorRtVersion())) {
            out.add("TensorRT: engine built with " + other.tensorRtVersion() + ", this runtime is "
                    + tensorRtVersion());
        }
        if (!modelSha256.equals(other.modelSha256)) {
            out.add("model: engine built from sha256 " + other.modelSha256 + ", this model is sha256 " + modelSha256);
        }
        if (precision != other.precision || tf32 != other.tf32) {
            out.add("precision: engine is " + other.precisionText() + ", asked for " + precisionText());
        }
        if (!profiles.equals(other.profiles)) {
            out.add("batch profiles (min/opt/max): engine " + other.profiles + ", asked for " + profiles);
        }
        if (workspaceBytes != other.workspaceBytes || optimizationLevel != other.optimizationLevel) {
            out.add("builder: engine built with " + other.workspaceBytes + " workspace bytes at optimisation level "
                    + other.optimizationLevel + ", asked for " + workspaceBytes + " at " + optimizationLevel);
        }
        return out;
    }

    private String precisionText() {
        return precision.id() + (precision == Precision.FP32 && tf32 ? " with TF32" : "");
    }

    private static String describeGpu(EngineTarget target) {
        return target.isHardwareCompatible() ? "any " + target.smArch() + " GPU (hardware-compatible)"
                : target.gpuModel();
    }

    /** Builds an {@link EngineKey}; unset settings are fp16, no TF32, TensorRT's workspace and optimisation level. */
    public static final class Builder {
        private final String modelName;
        private final String modelSha256;
        private Precision precision = Precision.FP16;
        private boolean tf32;
        private final List<BatchProfile> profiles = new ArrayList<>();
        private long workspaceBytes;
        private int optimizationLevel = -1;
        private EngineTarget target;

        private Builder(String modelName, String modelSha256) {
            this.modelName = modelName;
            this.modelSha256 = modelSha256;
        }

        /**
         * The precision the engine computes in.
         *
         * @param value the precision
         * @return this builder
         */
        public Builder precision(Precision value) {
            this.precision = value;
            return this;
        }

        /**
         * Whether fp32 layers may compute in TF32.
         *
         * @param value whether they may
         * @return this builder
         */
        public Builder tf32(boolean value) {
            this.tf32 = value;
            return this;
        }

        /**
         * Adds an optimisation profile.
         *
         * @param profile the profile
         * @return this builder
         */
        public Builder profile(BatchProfile profile) {
            profiles.add(profile);
            return this;
        }

        /**
         * Adds optimisation profiles.
         *
         * @param all the profiles, in order
         * @return this builder
         */
        public Builder profiles(List<BatchProfile> all) {
            profiles.addAll(all);
            return this;
        }

        /**
         * The builder's workspace limit.
         *
         * @param bytes the limit in bytes
         * @return this builder
         */
        public Builder workspaceBytes(long bytes) {
            this.workspaceBytes = bytes;
            return this;
        }

        /**
         * The builder's optimisation level.
         *
         * @param level 0 to 5, or -1 for TensorRT's default
         * @return this builder
         */
        public Builder optimizationLevel(int level) {
            this.optimizationLevel = level;
            return this;
        }

        /**
         * The GPU and TensorRT the engine is for.
         *
         * @param value the target
         * @return this builder
         */
        public Builder target(EngineTarget value) {
            this.target = value;
            return this;
        }

        /**
         * The key.
         *
         * @return a key with these fields
         */
        public EngineKey build() {
            return new EngineKey(modelName, modelSha256, precision, tf32, profiles, workspaceBytes, optimizationLevel,
                    target);
        }
    }
}
