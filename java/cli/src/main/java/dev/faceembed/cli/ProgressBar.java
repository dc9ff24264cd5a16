package dev.faceembed.cli;

import java.io.PrintWriter;

/** A one-line progress bar on stderr, drawn only when attached to a terminal and not quiet. */
final class ProgressBar implements AutoCloseable {
    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 200_000_000L;

    private final PrintWriter err;
    private final String unit;
    private final long total;
    private final boolean enabled;
    private final long start = System.nanoTime();
    private long lastDraw;
    private long done;

    ProgressBar(PrintWriter err, String unit, long total) {
        this.err = err;
        this.unit = unit;
        this.total = total;
        this.enabled = System.console() != null && !LoggingOptions.quiet;
    }

    void advance(long amount) {
        done += amount;
        long now = System.nanoTime();
        if (enabled && (now - lastDraw > REDRAW_NANOS || done >= total)) {
            lastDraw = now;
            int filled = total == 0 ? WIDTH : (int) (WIDTH * done / total);
            double seconds = (now - start) / 1e9;
            err.printf("\r[%s%s] %d/%d %s  %.1f %s/s", "=".repeat(filled), " ".repeat(WIDTH - filled), done, total,
                    unit, seconds > 0 ? done / seconds : 0.0, unit);
            err.flush();
        }
    }

    @Override
    public void close() {
        if (enabled && lastDraw != 0) {
            err.println();
        }
    }
}
