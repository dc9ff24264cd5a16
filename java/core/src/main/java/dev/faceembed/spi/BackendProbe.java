package dev.faceembed.spi;

import dev.faceembed.Device;

import java.util.Objects;

/**
 * Whether a backend can run here.
 *
 * @param available whether it can
 * @param device    where it would run (for an available backend)
 * @param reason    what is missing (for an unavailable one), e.g. {@code no usable NVIDIA driver found}
 * @param fix       what to do about it, or empty when the reason already says
 */
public record BackendProbe(boolean available, Device device, String reason, String fix) {
    /**
     * Checks that no component is null.
     *
     * @throws NullPointerException if {@code device}, {@code reason} or {@code fix} is null
     */
    public BackendProbe {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(fix, "fix");
    }

    /**
     * The backend can run.
     *
     * @param device where it would run
     * @return an available probe with an empty reason and fix
     */
    public static BackendProbe available(Device device) {
        return new BackendProbe(true, device, "", "");
    }

    /**
     * The backend cannot run.
     *
     * @param device the device asked for
     * @param reason what is missing
     * @param fix    what to do about it, or empty when the reason already says
     * @return an unavailable probe
     */
    public static BackendProbe unavailable(Device device, String reason, String fix) {
        return new BackendProbe(false, device, reason, fix);
    }

    /**
     * The reason and the fix in one sentence, or empty when available.
     *
     * @return {@code reason: fix}, or the reason alone when there is no fix
     */
    public String message() {
        return fix.isEmpty() ? reason : reason + ": " + fix;
    }
}
