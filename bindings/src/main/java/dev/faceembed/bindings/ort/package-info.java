/**
 * FFM binding of the ONNX Runtime C API ({@code OrtApi}) and of the process-wide {@code libonnxruntime}. Plumbing for
 * faceembed-core's {@code onnxruntime} backend, not an API.
 */
package dev.faceembed.bindings.ort;
