package dev.faceembed.onnxruntime;

/**
 * The ONNX Runtime session settings that decide speed on the CPU.
 *
 * @param intraOpThreads    threads working inside one operator, the calling thread included; 0 lets ONNX Runtime
 *                          pick (one per physical core)
 * @param interOpThreads    threads running independent operators at once (only with {@code parallelExecution})
 * @param optimization      graph optimisation level
 * @param parallelExecution run independent branches of the graph in parallel ({@code ORT_PARALLEL})
 * @param flushDenormals    treat denormal floats as zero: {@code session.set_denormal_as_zero} for ONNX Runtime's
 *                          own threads plus FTZ/DAZ on the calling thread for the duration of each run (x86-64 glibc).
 *                          Models with denormal weights, like the bundled one, run several times faster; results
 *                          differ only below float's normal range
 * @param sessions          ONNX Runtime sessions of the model in one backend; concurrent callers are spread over
 *                          them (several single-threaded sessions can beat one multi-threaded session when many
 *                          threads call at once)
 * @param provider          the execution provider ({@link ExecutionProvider#CPU} unless a GPU build is loaded)
 * @param deviceId          CUDA device of a GPU execution provider
 */
public record SessionSettings(int intraOpThreads, int interOpThreads, GraphOptimization optimization,
                              boolean parallelExecution, boolean flushDenormals, int sessions,
                              ExecutionProvider provider, int deviceId) {

    public SessionSettings {
        if (intraOpThreads < 0 || interOpThreads < 0) {
            throw new IllegalArgumentException("thread counts must be >= 0 (0 = ONNX Runtime's choice), got intra-op "
                    + intraOpThreads + ", inter-op " + interOpThreads);
        }
        if (deviceId < 0) {
            throw new IllegalArgumentException("deviceId must be >= 0, got " + deviceId);
        }
        if (sessions < 1) {
            throw new IllegalArgumentException("sessions must be >= 1, got " + sessions);
        }
    }

    /**
     * The defaults: every available core on one operator, sequential execution, all graph optimisations, denormals
     * flushed. Measured choices; see bench/RESULTS.md.
     */
    public static SessionSettings defaults() {
        return new SessionSettings(Runtime.getRuntime().availableProcessors(), 1, GraphOptimization.ALL, false, true,
                1, ExecutionProvider.CPU, 0);
    }

    public SessionSettings withIntraOpThreads(int threads) {
        return new SessionSettings(threads, interOpThreads, optimization, parallelExecution, flushDenormals,
                sessions, provider, deviceId);
    }

    public SessionSettings withInterOpThreads(int threads) {
        return new SessionSettings(intraOpThreads, threads, optimization, parallelExecution, flushDenormals,
                sessions, provider, deviceId);
    }

    public SessionSettings withOptimization(GraphOptimization level) {
        return new SessionSettings(intraOpThreads, interOpThreads, level, parallelExecution, flushDenormals,
                sessions, provider, deviceId);
    }

    public SessionSettings withParallelExecution(boolean parallel) {
        return new SessionSettings(intraOpThreads, interOpThreads, optimization, parallel, flushDenormals,
                sessions, provider, deviceId);
    }

    public SessionSettings withFlushDenormals(boolean flush) {
        return new SessionSettings(intraOpThreads, interOpThreads, optimization, parallelExecution, flush,
                sessions, provider, deviceId);
    }

    public SessionSettings withSessions(int count) {
        return new SessionSettings(intraOpThreads, interOpThreads, optimization, parallelExecution, flushDenormals,
                count, provider, deviceId);
    }

    public SessionSettings withProvider(ExecutionProvider executionProvider, int device) {
        return new SessionSettings(intraOpThreads, interOpThreads, optimization, parallelExecution, flushDenormals,
                sessions, executionProvider, device);
    }
}
