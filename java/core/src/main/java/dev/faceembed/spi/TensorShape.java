package dev.faceembed.spi;

import java.util.List;

/**
 * The name and fixed shape of one float32 input or output of a {@link ModelRunner}'s model.
 *
 * @param name the tensor's name in the model
 * @param dims its dimensions, each at least 1
 */
public record TensorShape(String name, List<Long> dims) {
    /**
     * Copies the dimensions and checks them.
     *
     * @throws IllegalArgumentException if a dimension is below 1 (dynamic)
     */
    public TensorShape {
        dims = List.copyOf(dims);
        if (dims.stream().anyMatch(d -> d < 1)) {
            throw new IllegalArgumentException(name + ": every dimension must be fixed and >= 1, got " + dims);
        }
    }

    /**
     * Floats in the tensor.
     *
     * @return the product of the dimensions
     * @throws ArithmeticException if it overflows a {@code long}
     */
    public long elements() {
        long n = 1;
        for (long d : dims) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    @Override
    public String toString() {
        return name + " float32" + dims;
    }
}
