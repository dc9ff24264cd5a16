/**
 * The {@code tensorrt} backend: TensorRT 10 engines on NVIDIA GPUs through faceembed's native shim, resolved from the
 * engine cache or built, and its options.
 */
package dev.faceembed.trt;
