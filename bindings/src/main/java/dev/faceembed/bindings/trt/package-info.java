/**
 * FFM binding of faceembed's CUDA/TensorRT shim ({@code native/include/faceembed_trt.h}) and of the process-wide
 * {@code libfaceembed_trt}. Plumbing for the {@code tensorrt} backend, not an API.
 */
package dev.faceembed.bindings.trt;
