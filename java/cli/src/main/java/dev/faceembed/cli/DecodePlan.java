package dev.faceembed.cli;

import dev.faceembed.Diagnostics;

/**
 * How image files are decoded around inference: on how many threads, and whether while the backend embeds the
 * previous batch ({@code ahead}) or only between batches.
 * <p>
 * Decoding ahead pays only where a core is idle during inference. A CPU backend whose operator threads take every
 * core loses more than it gains: each decode thread preempts one of the operator threads, and every parallel
 * operator then waits for that straggler. So the rule is: decode ahead on the cores inference leaves free (all but
 * one for a GPU backend, whose caller mostly waits); when none is free, decode each batch on every core between
 * inference calls.
 *
 * @param threads decoding threads
 * @param ahead   whether they decode the next batch while the backend embeds the current one
 */
record DecodePlan(int threads, boolean ahead) {

    /** Every core, ahead: for reading all crops before any inference runs. */
    static DecodePlan allCores() {
        return new DecodePlan(Math.max(1, Runtime.getRuntime().availableProcessors()), true);
    }

    /** The plan for {@code backend} on a machine with {@code cores} processors. */
    static DecodePlan forBackend(Diagnostics backend, int cores) {
        int busy = backend.backend().device().isCpu() ? cpuThreads(backend, cores) : 1;
        int free = cores - busy;
        return free >= 1 ? new DecodePlan(free, true) : new DecodePlan(Math.max(1, cores), false);
    }

    /** The threads one inference call keeps busy: the backend's operator threads, every core when it does not say. */
    private static int cpuThreads(Diagnostics backend, int cores) {
        String threads = backend.backend().settings().get("intra_op_threads");
        if (threads == null) {
            return cores;
        }
        try {
            int n = Integer.parseInt(threads.trim());
            return n <= 0 ? cores : Math.min(n, cores);
        } catch (NumberFormatException e) {
            return cores;
        }
    }
}
