package dev.faceembed.internal;

import dev.faceembed.config.ConfigException;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.Locale;

/**
 * How much memory a run may ask for in buffers: half the machine's memory (or of the container's limit, which the
 * JVM reports in its place), leaving the rest to the heap, the native libraries and everything else on the machine.
 * Sizes taken from options (batch sizes, crop counts) are checked against it before anything is allocated, so a
 * typo costs an error message and not the machine.
 */
public final class MemoryBudget {
    private static final long GIB = 1L << 30;

    private MemoryBudget() {
    }

    /**
     * Refuses {@code count} items of about {@code bytesEach} when they do not fit {@link #bufferBytes()}.
     *
     * @param what      names the setting that asked for them, e.g. {@code embedding.max_batch_size 65536}
     * @param count     how many items
     * @param bytesEach bytes of one item, about
     * @throws ConfigException with the bytes asked for and the largest count that fits
     */
    public static void require(String what, long count, long bytesEach) {
        long budget = bufferBytes();
        long fit = budget / Math.max(1, bytesEach);
        if (count > fit) {
            throw new ConfigException(String.format(Locale.ROOT, "%s needs about %.1f GiB (%d x %.1f MB), more than"
                    + " the %.1f GiB this machine can spare (half its memory): %s", what, count * (double) bytesEach
                    / GIB, count, bytesEach / 1e6, budget / (double) GIB, fit == 0 ? "not even one fits"
                    : "use at most " + fit));
        }
    }

    /**
     * Bytes that buffers of one run may take.
     *
     * @return half the machine's (or container's) memory
     */
    public static long bufferBytes() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        long total = os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getTotalMemorySize()
                : Runtime.getRuntime().maxMemory() * 4;
        return total / 2;
    }
}
