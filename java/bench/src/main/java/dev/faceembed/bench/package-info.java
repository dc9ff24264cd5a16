/**
 * JMH benchmarks of faceembed against its peers (ONNX Runtime's own Java API, trivial models that isolate per-call
 * cost); {@code bench/run.sh} runs them.
 */
package dev.faceembed.bench;
