package dev.faceembed.spi;

import dev.faceembed.Device;
import dev.faceembed.config.ConfigSection;
import dev.faceembed.config.SectionSettings;
import dev.faceembed.model.ModelSpec;

import java.util.Objects;

/**
 * What a backend is asked to open.
 *
 * @param model        the model
 * @param device       where to run; a backend standing in for another in the fallback chain is asked for the CPU
 * @param maxBatchSize most crops per native run; larger batches are split
 * @param settings     the options of every configuration section (a backend reads its own)
 */
public record BackendRequest(ModelSpec model, Device device, int maxBatchSize, SectionSettings settings) {
    /**
     * Checks the request.
     *
     * @throws NullPointerException     if {@code model}, {@code device} or {@code settings} is null
     * @throws IllegalArgumentException if {@code maxBatchSize} is below 1
     */
    public BackendRequest {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(settings, "settings");
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException("maxBatchSize must be >= 1, got " + maxBatchSize);
        }
    }

    /**
     * The options of {@code section}: as configured, else its defaults.
     *
     * @param <O>     the section's options type
     * @param section the section
     * @return the options, never null
     */
    public <O> O section(ConfigSection<O> section) {
        return settings.get(section);
    }

    /**
     * The same request on another device.
     *
     * @param other where to run
     * @return a new request
     */
    public BackendRequest onDevice(Device other) {
        return new BackendRequest(model, other, maxBatchSize, settings);
    }
}
