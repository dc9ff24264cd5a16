package dev.faceembed.spark;

import dev.faceembed.EmbeddingBackend;

/**
 * An open backend of this JVM and what the output records about it.
 *
 * @param backend        the backend, shared by the tasks of this JVM
 * @param name           the backend that runs ({@code Diagnostics.backend()})
 * @param fallbackReason why it runs instead of the configured one, or {@code null} when it is the configured one
 * @param modelSha256    the sha256 of the model it runs
 */
record ExecutorBackend(EmbeddingBackend backend, String name, String fallbackReason, String modelSha256) {
}
