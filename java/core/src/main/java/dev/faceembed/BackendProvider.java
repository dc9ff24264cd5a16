package dev.faceembed;

/**
 * A backend that lives in its own module (TensorRT), found with {@link java.util.ServiceLoader} so the core keeps
 * its small dependency set. Implementations are listed in
 * {@code META-INF/services/dev.faceembed.BackendProvider}.
 */
public interface BackendProvider {

    /** The backend this provider opens. */
    BackendKind kind();

    /**
     * Opens the backend, checking every step it needs (native library, driver, device, runtime, engine) in order.
     *
     * @throws BackendUnavailableException naming the first step that failed and how to fix it
     */
    EmbeddingBackend open(EmbeddingOptions options);
}
