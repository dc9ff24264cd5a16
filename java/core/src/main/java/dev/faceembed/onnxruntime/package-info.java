/**
 * The {@code onnxruntime} backend: ONNX Runtime's C API through FFM, on the CPU or the execution providers of a GPU
 * build, and its options.
 */
package dev.faceembed.onnxruntime;
