package dev.faceembed;

import dev.faceembed.onnxruntime.ExecutionProvider;
import dev.faceembed.onnxruntime.ExecutionProviders;
import dev.faceembed.onnxruntime.OnnxRuntimeBackend;
import dev.faceembed.onnxruntime.SessionSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ServiceLoader;

/**
 * Creates backends, with the fallback rule: when the requested backend cannot run here and
 * {@link EmbeddingOptions#allowCpuFallback()} is set, the {@code onnxruntime} backend runs on the CPU instead and
 * its {@link Diagnostics} say which step failed and how to fix it; otherwise a
 * {@link BackendUnavailableException} with that same text is thrown.
 */
public final class EmbeddingBackends {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddingBackends.class);

    private EmbeddingBackends() {
    }

    /** The bundled model on ONNX Runtime with the default settings. */
    public static EmbeddingBackend create() {
        return create(EmbeddingOptions.defaults());
    }

    /** A backend for {@code options}; the onnxruntime backend loads its model on first use. */
    public static EmbeddingBackend create(EmbeddingOptions options) {
        try {
            if (options.backend() == BackendKind.ONNXRUNTIME) {
                ExecutionProviders.unavailability(options.session().provider()).ifPresent(why -> {
                    throw new BackendUnavailableException("onnxruntime: " + why);
                });
                return onnxRuntime(options.session(), options);
            }
            return provider(options.backend()).open(options);
        } catch (BackendUnavailableException e) {
            if (!options.allowCpuFallback()) {
                throw e;
            }
            LOG.warn("the {} backend cannot run here, using onnxruntime on the CPU: {}", options.backend().id(),
                    e.getMessage());
            SessionSettings cpu = options.session().withProvider(ExecutionProvider.CPU, 0);
            return new FallbackBackend(onnxRuntime(cpu, options), requested(options), e.getMessage());
        }
    }

    /** The backend asked for, with its execution provider when it is onnxruntime on a GPU. */
    private static String requested(EmbeddingOptions options) {
        ExecutionProvider provider = options.session().provider();
        return options.backend() == BackendKind.ONNXRUNTIME && provider != ExecutionProvider.CPU
                ? "onnxruntime (" + provider.ortName() + ")" : options.backend().id();
    }

    private static EmbeddingBackend onnxRuntime(SessionSettings session, EmbeddingOptions options) {
        return new OnnxRuntimeBackend(options.model(), session, options.maxBatchSize());
    }

    private static BackendProvider provider(BackendKind kind) {
        for (BackendProvider provider : ServiceLoader.load(BackendProvider.class)) {
            if (provider.kind() == kind) {
                return provider;
            }
        }
        throw new BackendUnavailableException("the " + kind.id() + " backend is not on the class path: add the"
                + " faceembed-" + kind.id() + " module (embed.jar includes it)");
    }
}
