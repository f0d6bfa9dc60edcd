package xferlab.cli;

import java.io.PrintWriter;

import xferlab.client.ProgressListener;

/**
 * Shows how far a large upload has come: percentage and rate, at most twice a
 * second, on one line that rewrites itself on a terminal, and as separate lines
 * when standard error goes to a file.
 */
final class ProgressPrinter implements ProgressListener {
    /** Smaller files finish before progress would tell anyone anything. */
    static final long THRESHOLD = 8L * 1024 * 1024;
    private static final long INTERVAL_NANOS = 500_000_000L;

    private final PrintWriter out;
    private final boolean terminal = System.console() != null;
    private final long started = System.nanoTime();
    private long lastShown = started;

    ProgressPrinter(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void sent(long sent, long total) {
        if (total < THRESHOLD) {
            return;
        }
        long now = System.nanoTime();
        boolean done = sent == total;
        if (!done && now - lastShown < INTERVAL_NANOS) {
            return;
        }
        lastShown = now;
        double seconds = Math.max(1e-9, (now - started) / 1e9);
        String line = String.format("%3d%%  %,d of %,d octets  %.1f MB/s",
                sent * 100 / total, sent, total, sent / seconds / 1e6);
        if (terminal) {
            out.print("\r" + line + (done ? System.lineSeparator() : ""));
        } else {
            out.println(line);
        }
        out.flush();
    }
}
