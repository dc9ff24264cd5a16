package dev.faceembed.cache;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Everything that decides whether a TensorRT engine can be reused: the model (by content), the build settings that
 * change the engine, the GPU architecture and the TensorRT version. Equal keys name interchangeable engines; the model
 * name is only a label for people and plays no part in compatibility.
 *
 * @param modelName       a readable label, usually the ONNX file's base name; sanitised for file names
 * @param modelSha256     sha256 of the ONNX model file, 64 hex digits
 * @param minBatch        smallest batch of the optimisation profile
 * @param optBatch        batch size TensorRT tunes for
 * @param maxBatch        largest batch of the optimisation profile
 * @param workspaceBytes  builder workspace limit; it changes which tactics TensorRT may pick
 * @param computeMajor    GPU compute capability, major part (9 for sm90)
 * @param computeMinor    GPU compute capability, minor part (0 for sm90)
 * @param tensorRtVersion TensorRT version the engine is built with, e.g. {@code 10.16.0}
 */
public record EngineKey(String modelName, String modelSha256, Precision precision, int minBatch, int optBatch,
                        int maxBatch, long workspaceBytes, int computeMajor, int computeMinor,
                        String tensorRtVersion) {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern VERSION = Pattern.compile("[0-9A-Za-z][0-9A-Za-z._]{0,31}");
    private static final Pattern UNSAFE_IN_FILE_NAME = Pattern.compile("[^A-Za-z0-9_.]");
    private static final int MAX_NAME_CHARS = 64;
    /** Hex digits of the identity hash in file names: 48 bits, so distinct keys do not meet by chance. */
    static final int HASH_CHARS = 12;

    public EngineKey {
        Objects.requireNonNull(modelName, "modelName");
        Objects.requireNonNull(modelSha256, "modelSha256");
        Objects.requireNonNull(precision, "precision");
        Objects.requireNonNull(tensorRtVersion, "tensorRtVersion");
        if (modelName.isBlank()) {
            throw new IllegalArgumentException("model name is blank");
        }
        modelSha256 = modelSha256.toLowerCase(Locale.ROOT);
        if (!isSha256(modelSha256)) {
            throw new IllegalArgumentException("model sha256 must be 64 hex digits, got '" + modelSha256 + "'");
        }
        if (minBatch < 1 || minBatch > optBatch || optBatch > maxBatch) {
            throw new IllegalArgumentException("batch profile must satisfy 1 <= min <= opt <= max, got min="
                    + minBatch + " opt=" + optBatch + " max=" + maxBatch);
        }
        if (workspaceBytes < 0) {
            throw new IllegalArgumentException("workspace bytes must not be negative, got " + workspaceBytes);
        }
        requireComputeCapability(computeMajor, computeMinor);
        requireVersion(tensorRtVersion);
    }

    /** A key for {@code target}'s GPU and TensorRT version. */
    public static EngineKey of(String modelName, String modelSha256, Precision precision, int minBatch,
                               int optBatch, int maxBatch, long workspaceBytes, EngineTarget target) {
        return new EngineKey(modelName, modelSha256, precision, minBatch, optBatch, maxBatch, workspaceBytes,
                target.computeMajor(), target.computeMinor(), target.tensorRtVersion());
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

    /** The GPU architecture and TensorRT version this engine is for. */
    public EngineTarget target() {
        return new EngineTarget(computeMajor, computeMinor, tensorRtVersion);
    }

    /**
     * The base name of the plan and sidecar files, e.g. {@code fr_feature_dynbatch-fp16-sm90-trt10.16.0-3f9a2c1d7b4e}:
     * the classic {@code {model}-{precision}-sm{arch}} prefix, the TensorRT version, and {@link #identityHash()}.
     */
    public String fileStem() {
        return safeModelName() + "-" + precision.id() + "-" + target().smArch() + "-trt" + tensorRtVersion + "-"
                + identityHash();
    }

    /**
     * The first {@value #HASH_CHARS} hex digits of the sha256 of every compatibility field (model sha256, precision,
     * batch profile, workspace, compute capability, TensorRT version). It keeps keys with different models or
     * settings apart even where the readable part of the name is the same.
     */
    public String identityHash() {
        String canonical = String.join("\n",
                "faceembed-engine-key/1",
                "model_sha256=" + modelSha256,
                "precision=" + precision.id(),
                "batch=" + minBatch + "/" + optBatch + "/" + maxBatch,
                "workspace_bytes=" + workspaceBytes,
                "compute_capability=" + computeMajor + "." + computeMinor,
                "tensorrt=" + tensorRtVersion);
        return Sha256.ofText(canonical).substring(0, HASH_CHARS);
    }

    /** The model name reduced to letters, digits, '_' and '.', so it is safe in a file name and an S3 key. */
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
     */
    public List<String> differencesFrom(EngineKey other) {
        List<String> out = new ArrayList<>();
        if (computeMajor != other.computeMajor || computeMinor != other.computeMinor) {
            out.add("compute capability: engine built for " + other.target().smArch() + " ("
                    + other.target().computeCapability() + "), this GPU is " + target().smArch() + " ("
                    + target().computeCapability() + ")");
        }
        if (!tensorRtVersion.equals(other.tensorRtVersion)) {
            out.add("TensorRT: engine built with " + other.tensorRtVersion + ", this runtime is " + tensorRtVersion);
        }
        if (!modelSha256.equals(other.modelSha256)) {
            out.add("model: engine built from sha256 " + other.modelSha256 + ", this model is sha256 " + modelSha256);
        }
        if (precision != other.precision) {
            out.add("precision: engine is " + other.precision.id() + ", asked for " + precision.id());
        }
        if (minBatch != other.minBatch || optBatch != other.optBatch || maxBatch != other.maxBatch) {
            out.add("batch profile: engine min/opt/max " + other.minBatch + "/" + other.optBatch + "/"
                    + other.maxBatch + ", asked for " + minBatch + "/" + optBatch + "/" + maxBatch);
        }
        if (workspaceBytes != other.workspaceBytes) {
            out.add("workspace: engine built with " + other.workspaceBytes + " bytes, asked for " + workspaceBytes);
        }
        return out;
    }
}
