package dev.faceembed;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a backend is and how it runs, for logs, {@code embed info} and the CLI's JSON output: the backend, the model,
 * and, when the backend runs in place of another, why. Built with {@link #builder(String)}.
 *
 * @param backend  the backend that runs and its settings
 * @param model    the model it runs
 * @param fallback why this backend runs instead of the one asked for; empty when it is the one asked for
 */
public record Diagnostics(BackendInfo backend, ModelInfo model, Optional<Fallback> fallback) {
    /**
     * Checks that no component is null.
     *
     * @throws NullPointerException if {@code backend}, {@code model} or {@code fallback} is null
     */
    public Diagnostics {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(fallback, "fallback");
    }

    /**
     * The backend that runs.
     *
     * @param name              its id, e.g. {@code onnxruntime}
     * @param device            where inference runs
     * @param deviceDescription the device in words, e.g. {@code cuda:0 NVIDIA H100 (sm90, 81559 MiB)}
     * @param precision         e.g. {@code fp32}, {@code fp16}
     * @param maxBatchSize      most crops per native run; larger batches are split
     * @param enginePath        the compiled engine file in use, if the backend has one
     * @param versions          versions of the components in use (faceembed, ONNX Runtime, ...)
     * @param settings          the settings that decide speed
     */
    public record BackendInfo(String name, Device device, String deviceDescription, String precision,
                              int maxBatchSize, Optional<String> enginePath, Map<String, String> versions,
                              Map<String, String> settings) {
        /** Copies the maps, keeping their order. */
        public BackendInfo {
            versions = Collections.unmodifiableMap(new LinkedHashMap<>(versions));
            settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        }
    }

    /**
     * The model.
     *
     * @param name         its name
     * @param location     file path or class path resource
     * @param sha256       sha256 of its bytes
     * @param embeddingDim floats per embedding
     */
    public record ModelInfo(String name, String location, String sha256, int embeddingDim) {
    }

    /**
     * A backend standing in for another.
     *
     * @param requested the backend that was asked for
     * @param reason    why it could not run: the failed step and its fix
     */
    public record Fallback(String requested, String reason) {
    }

    /**
     * Starts diagnostics for a backend.
     *
     * @param backendName the backend's id, e.g. {@code onnxruntime}
     * @return a builder with every other value unset
     * @throws NullPointerException if {@code backendName} is null
     */
    public static Builder builder(String backendName) {
        return new Builder(backendName);
    }

    /**
     * The same diagnostics with one more setting (or a setting replaced).
     *
     * @param key   the setting's name
     * @param value its value
     * @return new diagnostics; a new key comes last
     */
    public Diagnostics withSetting(String key, String value) {
        Map<String, String> settings = new LinkedHashMap<>(backend.settings());
        settings.put(key, value);
        return new Diagnostics(new BackendInfo(backend.name(), backend.device(), backend.deviceDescription(),
                backend.precision(), backend.maxBatchSize(), backend.enginePath(), backend.versions(), settings),
                model, fallback);
    }

    /**
     * The same diagnostics for a backend that runs in place of {@code requested} because of {@code reason}.
     *
     * @param requested the backend that was asked for
     * @param reason    why it could not run: the failed step and its fix
     * @return new diagnostics
     */
    public Diagnostics withFallback(String requested, String reason) {
        return new Diagnostics(backend, model, Optional.of(new Fallback(requested, reason)));
    }

    /** Builds {@link Diagnostics} step by step; unset values are empty, 0 or {@code cpu}. */
    public static final class Builder {
        private final String name;
        private Device device = Device.cpu();
        private String deviceDescription;
        private String precision = "fp32";
        private int maxBatchSize;
        private String enginePath;
        private final Map<String, String> versions = new LinkedHashMap<>();
        private final Map<String, String> settings = new LinkedHashMap<>();
        private String modelName = "";
        private String modelLocation = "";
        private String modelSha256 = "";
        private int embeddingDim;

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        /**
         * Where inference runs.
         *
         * @param runsOn      the device
         * @param description the device in words; null to use {@code runsOn}'s name
         * @return this builder
         */
        public Builder device(Device runsOn, String description) {
            this.device = runsOn;
            this.deviceDescription = description;
            return this;
        }

        /**
         * The precision inference runs in; {@code fp32} if unset.
         *
         * @param value e.g. {@code fp32}, {@code fp16}
         * @return this builder
         */
        public Builder precision(String value) {
            this.precision = value;
            return this;
        }

        /**
         * Most crops per native run.
         *
         * @param value the batch limit
         * @return this builder
         */
        public Builder maxBatchSize(int value) {
            this.maxBatchSize = value;
            return this;
        }

        /**
         * The compiled engine file in use.
         *
         * @param value its path; null for none
         * @return this builder
         */
        public Builder enginePath(String value) {
            this.enginePath = value;
            return this;
        }

        /**
         * The version of one component; components keep the order they were added in.
         *
         * @param component e.g. {@code onnxruntime}
         * @param version   its version
         * @return this builder
         */
        public Builder version(String component, String version) {
            versions.put(component, version);
            return this;
        }

        /**
         * One setting that decides speed; settings keep the order they were added in.
         *
         * @param key   the setting's name
         * @param value its value, recorded as {@link String#valueOf(Object)} gives it
         * @return this builder
         */
        public Builder setting(String key, Object value) {
            settings.put(key, String.valueOf(value));
            return this;
        }

        /**
         * The model the backend runs.
         *
         * @param modelName its name
         * @param location  file path or class path resource
         * @param sha256    sha256 of its bytes, hex
         * @return this builder
         */
        public Builder model(String modelName, String location, String sha256) {
            this.modelName = modelName;
            this.modelLocation = location;
            this.modelSha256 = sha256;
            return this;
        }

        /**
         * Floats per embedding.
         *
         * @param value the embedding dimension
         * @return this builder
         */
        public Builder embeddingDim(int value) {
            this.embeddingDim = value;
            return this;
        }

        /**
         * The diagnostics built so far; the builder can go on being used.
         *
         * @return diagnostics without a fallback
         */
        public Diagnostics build() {
            return new Diagnostics(new BackendInfo(name, device,
                    deviceDescription == null ? device.toString() : deviceDescription, precision, maxBatchSize,
                    Optional.ofNullable(enginePath), versions, settings),
                    new ModelInfo(modelName, modelLocation, modelSha256, embeddingDim), Optional.empty());
        }
    }
}
