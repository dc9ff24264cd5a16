package dev.faceembed.onnxruntime;

import dev.faceembed.config.ConfigKey;
import dev.faceembed.config.ConfigException;
import dev.faceembed.config.ConfigSection;
import dev.faceembed.config.ConfigValues;
import dev.faceembed.config.ValueType;

import java.util.List;
import java.util.Locale;

/**
 * The ONNX Runtime session settings that decide speed: the {@code onnxruntime} configuration section.
 *
 * <p><b>Callers and cores.</b> By default ({@code intra_op_threads} and {@code sessions} both unset) the backend
 * adapts to the callers inside it at the moment: a caller alone runs on every available processor, and {@code c}
 * concurrent callers run with {@code processors / c} threads each (at least one), each on a session of its own;
 * single-threaded callers share one session, which serves concurrent runs without a thread pool. Sessions are
 * opened the first time a level of concurrency is seen and kept, so a program that calls from one thread never
 * opens more than one. The rule follows the sweeps in bench/RESULTS.md: on an otherwise idle machine one session of
 * every processor is the fastest for a caller alone (single-threaded ones reach about half of it) and loses about a
 * fifth to single-threaded runs with two callers. It assumes the processors are free: on a machine that other
 * processes keep busy, single-threaded runs can be faster for a caller alone too, and only fixed settings (measured
 * with {@code embed benchmark --sweep}) get that. Setting either key fixes the layout: {@code sessions} sessions of
 * {@code intra_op_threads} threads, concurrent callers spread over them.
 *
 * @param intraOpThreads    threads working inside one operator, the calling thread included (with
 *                          {@code adaptToCallers}, those of a caller alone); 0 lets ONNX Runtime pick (one per
 *                          physical core)
 * @param interOpThreads    threads running independent operators at once (only with {@code parallelExecution})
 * @param optimization      graph optimisation level
 * @param parallelExecution run independent branches of the graph in parallel ({@code ORT_PARALLEL})
 * @param flushDenormals    treat denormal floats as zero: {@code session.set_denormal_as_zero} for ONNX Runtime's
 *                          own threads plus FTZ/DAZ on the calling thread for the duration of each run (x86-64 glibc).
 *                          Models with denormal weights, like the bundled one, run several times faster; results
 *                          differ only below float's normal range
 * @param sessions          ONNX Runtime sessions of the model in one backend, concurrent callers spread over them
 *                          (with {@code adaptToCallers}, 1: more are opened as callers come)
 * @param provider          the execution provider; a GPU one runs on the requested CUDA device and needs a GPU build
 *                          of ONNX Runtime
 * @param adaptToCallers    share the processors out among the callers inside the backend (see above), rather than
 *                          run {@code sessions} sessions of {@code intraOpThreads} threads
 */
public record OnnxRuntimeOptions(int intraOpThreads, int interOpThreads, GraphOptimization optimization,
                                 boolean parallelExecution, boolean flushDenormals, int sessions,
                                 ExecutionProvider provider, boolean adaptToCallers) {
    /** Most ONNX Runtime threads per available processor without {@link #ALLOW_OVERSUBSCRIPTION}. */
    static final int OVERSUBSCRIPTION = 4;

    /**
     * {@code onnxruntime.intra_op_threads}: threads per operator, 0 to 1024; default null, adapted to the callers.
     */
    public static final ConfigKey<Integer> INTRA_OP_THREADS = ConfigKey.of("onnxruntime.intra_op_threads",
            ValueType.nullable(ValueType.integer(0, 1024)), null, "Threads per operator, the calling thread included;"
                    + " 0 lets ONNX Runtime choose. null (with sessions null): adapt to the callers, all available"
                    + " processors for a caller alone, shared out among concurrent callers.");
    /** {@code onnxruntime.inter_op_threads}: threads running independent operators, 0 to 1024; default 1. */
    public static final ConfigKey<Integer> INTER_OP_THREADS = ConfigKey.of("onnxruntime.inter_op_threads",
            ValueType.integer(0, 1024), 1, "Threads running independent operators at once.");
    /** {@code onnxruntime.graph_optimization}: a {@link GraphOptimization} in lower case; default {@code all}. */
    public static final ConfigKey<String> GRAPH_OPTIMIZATION = ConfigKey.of("onnxruntime.graph_optimization",
            ValueType.choice("disable_all", "basic", "extended", "layout", "all"), "all",
            "disable_all, basic, extended, layout or all.");
    /** {@code onnxruntime.flush_denormals}: flush denormal floats to zero; default true. */
    public static final ConfigKey<Boolean> FLUSH_DENORMALS = ConfigKey.of("onnxruntime.flush_denormals",
            ValueType.bool(), true, "Flush denormal floats to zero during inference (FTZ/DAZ); several times faster"
                    + " on models with denormal weights.");
    /**
     * {@code onnxruntime.sessions}: sessions of the model per backend, 1 to 64; default null, adapted to the callers.
     */
    public static final ConfigKey<Integer> SESSIONS = ConfigKey.of("onnxruntime.sessions",
            ValueType.nullable(ValueType.integer(1, 64)), null, "Sessions of the model per backend; concurrent"
                    + " callers are spread over them. null (with intra_op_threads null): adapt to the callers, one"
                    + " session per concurrent caller.");
    /** {@code onnxruntime.execution_provider}: {@code cpu}, {@code cuda} or {@code tensorrt}; default {@code cpu}. */
    public static final ConfigKey<String> EXECUTION_PROVIDER = ConfigKey.of("onnxruntime.execution_provider",
            ValueType.choice("cpu", "cuda", "tensorrt"), "cpu", "cpu, or cuda / tensorrt: ONNX Runtime's GPU execution"
                    + " providers on embedding.device (needs a GPU build of ONNX Runtime; otherwise the fallback rule"
                    + " applies).");
    /**
     * {@code onnxruntime.allow_oversubscription}: allow sessions x intra-op x inter-op threads above
     * 4 x the available processors; default false.
     */
    public static final ConfigKey<Boolean> ALLOW_OVERSUBSCRIPTION = ConfigKey.of(
            "onnxruntime.allow_oversubscription", ValueType.bool(), false, "Allow sessions x intra_op_threads x"
                    + " inter_op_threads above " + OVERSUBSCRIPTION + " x the available processors (refused"
                    + " otherwise: the threads would fight over the cores).");

    /** The {@code onnxruntime} section. */
    public static final ConfigSection<OnnxRuntimeOptions> SECTION = ConfigSection
            .builder("onnxruntime", OnnxRuntimeOptions.class)
            .keys(List.of(INTRA_OP_THREADS, INTER_OP_THREADS, GRAPH_OPTIMIZATION, FLUSH_DENORMALS, SESSIONS,
                    EXECUTION_PROVIDER, ALLOW_OVERSUBSCRIPTION))
            .reader(OnnxRuntimeOptions::read)
            .build();

    private static OnnxRuntimeOptions read(ConfigValues v) {
        OnnxRuntimeOptions options = new OnnxRuntimeOptions(
                v.get(INTRA_OP_THREADS) == null ? Runtime.getRuntime().availableProcessors() : v.get(INTRA_OP_THREADS),
                v.get(INTER_OP_THREADS),
                GraphOptimization.valueOf(v.get(GRAPH_OPTIMIZATION).toUpperCase(Locale.ROOT)),
                false, v.get(FLUSH_DENORMALS), v.get(SESSIONS) == null ? 1 : v.get(SESSIONS),
                ExecutionProvider.valueOf(v.get(EXECUTION_PROVIDER).toUpperCase(Locale.ROOT)),
                v.get(INTRA_OP_THREADS) == null && v.get(SESSIONS) == null);
        int cores = Runtime.getRuntime().availableProcessors();
        long threads = options.threads(cores);
        if (threads > (long) OVERSUBSCRIPTION * cores && !v.get(ALLOW_OVERSUBSCRIPTION)) {
            throw new ConfigException(SESSIONS.path() + " (" + options.sessions() + ") x " + INTRA_OP_THREADS.path()
                    + " (" + options.intraOpThreads() + ") x " + INTER_OP_THREADS.path() + " ("
                    + options.interOpThreads() + ") asks for " + threads + " ONNX Runtime threads, more than "
                    + OVERSUBSCRIPTION + " x the " + cores + " available processors (" + OVERSUBSCRIPTION * cores
                    + "): they would fight over the cores and run slower than fewer. Lower them (e.g. "
                    + SESSIONS.path() + " x " + INTRA_OP_THREADS.path() + " = " + cores + "), or set "
                    + ALLOW_OVERSUBSCRIPTION.path() + ": true if this is what you want");
        }
        return options;
    }

    /**
     * The ONNX Runtime threads these options start at most, on a machine with {@code cores} processors: per session,
     * the intra-op pool (0 means one per core) times the inter-op pool.
     *
     * @param cores available processors
     * @return {@code sessions x intra-op threads x inter-op threads}, an intra-op pool of 0 counted as {@code cores}
     *         and an inter-op pool of 0 as 1
     */
    public long threads(int cores) {
        long intra = intraOpThreads == 0 ? cores : intraOpThreads;
        return (long) sessions * intra * Math.max(1, interOpThreads);
    }

    /**
     * Checks the counts.
     *
     * @throws IllegalArgumentException if a thread count is negative or {@code sessions} is below 1
     */
    public OnnxRuntimeOptions {
        if (intraOpThreads < 0 || interOpThreads < 0) {
            throw new IllegalArgumentException("thread counts must be >= 0 (0 = ONNX Runtime's choice), got intra-op "
                    + intraOpThreads + ", inter-op " + interOpThreads);
        }
        if (sessions < 1) {
            throw new IllegalArgumentException("sessions must be >= 1, got " + sessions);
        }
        if (adaptToCallers && (intraOpThreads < 1 || sessions != 1)) {
            throw new IllegalArgumentException("adapting to the callers starts from one session of a known thread"
                    + " count, got " + sessions + " session(s) of " + intraOpThreads + " intra-op thread(s)");
        }
    }

    /**
     * The defaults: processors shared out among the callers (every one for a caller alone), sequential execution,
     * all graph optimisations, denormals flushed, the CPU. Measured choices; see bench/RESULTS.md.
     *
     * @return the options of an unset {@code onnxruntime} section
     */
    public static OnnxRuntimeOptions defaults() {
        return SECTION.defaults();
    }

    /**
     * The intra-op threads of a call made while {@code callers} callers (that one included) are inside the backend:
     * with {@link #adaptToCallers}, {@code intraOpThreads / callers} rounded down, at least one, so that concurrent
     * callers together never ask for more threads than a caller alone; otherwise {@code intraOpThreads}.
     *
     * @param callers the calls inside the backend, this one included
     * @return the threads per operator for this call
     * @throws IllegalArgumentException if {@code callers} is below 1
     */
    public int intraOpThreadsFor(int callers) {
        if (callers < 1) {
            throw new IllegalArgumentException("callers must be >= 1, got " + callers);
        }
        return adaptToCallers ? Math.max(1, intraOpThreads / callers) : intraOpThreads;
    }

    /**
     * These options with another intra-op pool, which fixes the layout (no {@link #adaptToCallers}).
     *
     * @param threads threads per operator, the calling thread included; 0 lets ONNX Runtime pick
     * @return new options
     * @throws IllegalArgumentException if {@code threads} is negative
     */
    public OnnxRuntimeOptions withIntraOpThreads(int threads) {
        return new OnnxRuntimeOptions(threads, interOpThreads, optimization, parallelExecution, flushDenormals,
                sessions, provider, false);
    }

    /**
     * These options with another inter-op pool.
     *
     * @param threads threads running independent operators at once
     * @return new options
     * @throws IllegalArgumentException if {@code threads} is negative
     */
    public OnnxRuntimeOptions withInterOpThreads(int threads) {
        return new OnnxRuntimeOptions(intraOpThreads, threads, optimization, parallelExecution, flushDenormals,
                sessions, provider, adaptToCallers);
    }

    /**
     * These options with another graph optimisation level.
     *
     * @param level the level
     * @return new options
     */
    public OnnxRuntimeOptions withOptimization(GraphOptimization level) {
        return new OnnxRuntimeOptions(intraOpThreads, interOpThreads, level, parallelExecution, flushDenormals,
                sessions, provider, adaptToCallers);
    }

    /**
     * These options with parallel execution on or off.
     *
     * @param parallel whether independent branches of the graph run in parallel
     * @return new options
     */
    public OnnxRuntimeOptions withParallelExecution(boolean parallel) {
        return new OnnxRuntimeOptions(intraOpThreads, interOpThreads, optimization, parallel, flushDenormals,
                sessions, provider, adaptToCallers);
    }

    /**
     * These options with denormal flushing on or off.
     *
     * @param flush whether denormal floats are treated as zero
     * @return new options
     */
    public OnnxRuntimeOptions withFlushDenormals(boolean flush) {
        return new OnnxRuntimeOptions(intraOpThreads, interOpThreads, optimization, parallelExecution, flush,
                sessions, provider, adaptToCallers);
    }

    /**
     * These options with another number of sessions, which fixes the layout (no {@link #adaptToCallers}).
     *
     * @param count sessions of the model in one backend, 1 or more
     * @return new options
     * @throws IllegalArgumentException if {@code count} is below 1
     */
    public OnnxRuntimeOptions withSessions(int count) {
        return new OnnxRuntimeOptions(intraOpThreads, interOpThreads, optimization, parallelExecution, flushDenormals,
                count, provider, false);
    }

    /**
     * These options with another execution provider.
     *
     * @param executionProvider the provider
     * @return new options
     */
    public OnnxRuntimeOptions withProvider(ExecutionProvider executionProvider) {
        return new OnnxRuntimeOptions(intraOpThreads, interOpThreads, optimization, parallelExecution, flushDenormals,
                sessions, executionProvider, adaptToCallers);
    }
}
