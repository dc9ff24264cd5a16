package dev.faceembed;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a backend runs: the CPU or one CUDA device. Written {@code cpu}, {@code cuda:<index>} or {@code cuda}
 * (device 0) in configuration and on the command line.
 *
 * @param kind  CPU or CUDA
 * @param index the CUDA device index (0 for the CPU)
 */
public record Device(Kind kind, int index) {
    private static final Pattern CUDA = Pattern.compile("cuda(?::(\\d{1,4}))?");

    /** The kinds of device. */
    public enum Kind { /** The host's CPU. */ CPU, /** An NVIDIA GPU, through CUDA. */ CUDA }

    /**
     * Checks the index.
     *
     * @throws IllegalArgumentException if {@code index} is negative, or not 0 for the CPU
     */
    public Device {
        if (index < 0 || (kind == Kind.CPU && index != 0)) {
            throw new IllegalArgumentException("no device " + kind + " " + index);
        }
    }

    /**
     * The CPU.
     *
     * @return {@code cpu}
     */
    public static Device cpu() {
        return new Device(Kind.CPU, 0);
    }

    /**
     * One CUDA device.
     *
     * @param index the CUDA device index, 0 or more
     * @return {@code cuda:<index>}
     * @throws IllegalArgumentException if {@code index} is negative
     */
    public static Device cuda(int index) {
        return new Device(Kind.CUDA, index);
    }

    /**
     * Parses {@code cpu}, {@code cuda} or {@code cuda:<index>} (case-insensitive).
     *
     * @param name the device as written, surrounding white space ignored
     * @return the device
     * @throws IllegalArgumentException naming the accepted spellings
     */
    public static Device parse(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        if (n.equals("cpu")) {
            return cpu();
        }
        Matcher m = CUDA.matcher(n);
        if (m.matches()) {
            return cuda(m.group(1) == null ? 0 : Integer.parseInt(m.group(1)));
        }
        throw new IllegalArgumentException("unknown device '" + name + "': expected cpu or cuda:<index> (e.g."
                + " cuda:0)");
    }

    /**
     * Whether this is the CPU.
     *
     * @return true for {@code cpu}
     */
    public boolean isCpu() {
        return kind == Kind.CPU;
    }

    /**
     * Whether this is a CUDA device.
     *
     * @return true for {@code cuda:<index>}
     */
    public boolean isCuda() {
        return kind == Kind.CUDA;
    }

    @Override
    public String toString() {
        return isCpu() ? "cpu" : "cuda:" + index;
    }
}
