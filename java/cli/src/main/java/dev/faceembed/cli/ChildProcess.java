package dev.faceembed.cli;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * A process this JVM waits for: it is stopped with this JVM when this one is asked to stop (SIGTERM, SIGINT), and
 * stops itself when this one is gone for any other reason (SIGKILL) thanks to {@link #endWithParent}.
 */
final class ChildProcess {
    /** How long a stopping JVM waits for its child to finish its own cleanup. */
    private static final long STOP_WAIT_SECONDS = 30;
    /** The exit code of a process ended by SIGTERM (128 + 15), as a shell reports it. */
    private static final int TERMINATED = 143;

    private ChildProcess() {
    }

    /**
     * In a JVM started by {@link #run}: when the parent process ends, end this JVM too, through its shutdown hooks as
     * for SIGTERM, rather than run on unwatched.
     */
    static void endWithParent() {
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> System.exit(TERMINATED)));
    }

    /** Starts {@code builder}, waits for the process and returns its exit code. */
    static int run(ProcessBuilder builder) throws IOException, InterruptedException {
        Process child = builder.start();
        Thread stop = new Thread(() -> {
            child.destroy();
            try {
                child.waitFor(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "faceembed-child-stop");
        Runtime.getRuntime().addShutdownHook(stop);
        try {
            return child.waitFor();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stop);
            } catch (IllegalStateException e) {
                // Shutting down already: the hook runs and waits for the child.
            }
        }
    }
}
