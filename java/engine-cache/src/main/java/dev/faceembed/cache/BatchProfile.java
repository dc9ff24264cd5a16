package dev.faceembed.cache;

/**
 * One optimisation profile of an engine over the batch dimension: it accepts batches of {@code min..max} crops and
 * TensorRT tunes its kernels for {@code opt}.
 *
 * @param min smallest batch
 * @param opt batch the kernels are tuned for
 * @param max largest batch
 */
public record BatchProfile(int min, int opt, int max) {
    /** Checks that 1 &lt;= min &lt;= opt &lt;= max. */
    public BatchProfile {
        if (min < 1 || min > opt || opt > max) {
            throw new IllegalArgumentException("a batch profile must satisfy 1 <= min <= opt <= max, got min=" + min
                    + " opt=" + opt + " max=" + max);
        }
    }

    @Override
    public String toString() {
        return min + "/" + opt + "/" + max;
    }
}
