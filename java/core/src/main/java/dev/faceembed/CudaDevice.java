package dev.faceembed;

import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the device setting ({@code embedding.device}): {@code cuda} or {@code cuda:<index>} name a GPU. */
public final class CudaDevice {
    private static final Pattern CUDA = Pattern.compile("cuda(?::(\\d+))?");

    private CudaDevice() {
    }

    /** The CUDA device index {@code device} names ({@code cuda} alone is 0), or empty for {@code cpu} and others. */
    public static OptionalInt index(String device) {
        Matcher m = CUDA.matcher(device.trim());
        if (!m.matches()) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(m.group(1) == null ? 0 : Integer.parseInt(m.group(1)));
    }
}
