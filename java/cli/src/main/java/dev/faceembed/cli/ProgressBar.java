package dev.faceembed.cli;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * A one-line progress bar with the rate and the time left, on stderr, drawn only when stderr is a terminal and
 * {@code -q} was not given.
 */
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
        this.enabled = Terminal.stderrIsTerminal() && !LoggingOptions.quiet;
    }

    void advance(long amount) {
        done += amount;
        long now = System.nanoTime();
        if (enabled && (now - lastDraw > REDRAW_NANOS || done >= total)) {
            lastDraw = now;
            err.print("\r" + line(done, total, (now - start) / 1e9, unit));
            err.flush();
        }
    }

    /** {@code [=====     ] 120/400 faces  41.2 faces/s  0:07 left}. */
    static String line(long done, long total, double seconds, String unit) {
        int filled = total <= 0 ? WIDTH : (int) Math.min(WIDTH, WIDTH * done / total);
        double rate = seconds > 0 ? done / seconds : 0;
        String left = rate > 0 && done < total ? "  " + clock((total - done) / rate) + " left" : "";
        return String.format(Locale.ROOT, "[%s%s] %d/%d %s  %.1f %s/s%s", "=".repeat(filled),
                " ".repeat(WIDTH - filled), done, total, unit, rate, unit, left);
    }

    private static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    @Override
    public void close() {
        if (enabled && lastDraw != 0) {
            err.println();
        }
    }
}
