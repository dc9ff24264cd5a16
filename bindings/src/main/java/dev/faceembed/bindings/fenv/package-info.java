/**
 * Binding of glibc's {@code <fenv.h>} on x86-64, used to run ONNX Runtime with denormals flushed on the calling
 * thread. Plumbing for faceembed-core, not an API.
 */
package dev.faceembed.bindings.fenv;
