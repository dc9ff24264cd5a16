package dev.faceembed.cli;

import dev.faceembed.Diagnostics;

/** How the commands say that a fallback backend runs (once: the library's own warning is kept to {@code -v}). */
final class FallbackNotice {
    private FallbackNotice() {
    }

    /** {@code tensorrt cannot run here (reason); onnxruntime on the CPU instead}, or empty without a fallback. */
    static String text(Diagnostics d) {
        return d.fallback().map(f -> f.requested() + " cannot run here (" + f.reason() + "); " + d.backend().name()
                + " on the CPU instead").orElse("");
    }
}
