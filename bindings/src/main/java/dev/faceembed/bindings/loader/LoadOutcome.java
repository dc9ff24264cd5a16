package dev.faceembed.bindings.loader;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The outcome of loading a native library once per process: the loaded value or why it failed. Availability is then a
 * value that never throws, and {@link #get()} rethrows the failure, with the original chained, at every call site.
 */
public final class LoadOutcome<T> {
    private final T value;
    private final RuntimeException failure;

    private LoadOutcome(T value, RuntimeException failure) {
        this.value = value;
        this.failure = failure;
    }

    /** Runs {@code loader} and keeps what it returned or threw. */
    public static <T> LoadOutcome<T> attempt(Supplier<T> loader) {
        try {
            return new LoadOutcome<>(loader.get(), null);
        } catch (RuntimeException e) {
            return new LoadOutcome<>(null, e);
        }
    }

    /** The value; throws a {@link NativeLibraryUnavailableException} with the reason if loading failed. */
    public T get() {
        if (failure != null) {
            throw new NativeLibraryUnavailableException(failure.getMessage(), failure);
        }
        return value;
    }

    public boolean isAvailable() {
        return failure == null;
    }

    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }
}
