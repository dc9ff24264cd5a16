package dev.faceembed;

import dev.faceembed.spi.ForwardingBackend;

/** A fallback backend standing in for the backend that could not run; its diagnostics say why. */
final class FallbackBackend extends ForwardingBackend {
    private final String requested;
    private final String reason;

    FallbackBackend(EmbeddingBackend delegate, String requested, String reason) {
        super(delegate);
        this.requested = requested;
        this.reason = reason;
    }

    @Override
    public Diagnostics diagnostics() {
        return delegate().diagnostics().withFallback(requested, reason);
    }
}
