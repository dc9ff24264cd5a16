/**
 * faceembed's API: {@link dev.faceembed.EmbeddingBackend} turns batches of aligned face crops
 * ({@link dev.faceembed.FaceBatch}) into L2-normalised {@link dev.faceembed.Embeddings};
 * {@link dev.faceembed.EmbeddingBackends} opens one from {@link dev.faceembed.EmbeddingOptions}.
 */
package dev.faceembed;
