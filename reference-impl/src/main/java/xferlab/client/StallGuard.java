package xferlab.client;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Bounds the writes of the payload. A socket read timeout does not cover writes:
 * if the server stops reading, the send buffer fills and {@code write} blocks for
 * ever. This guard closes the socket when no write has made progress for the
 * timeout, which makes the blocked write fail (XFER-CLI-07).
 */
final class StallGuard implements AutoCloseable {
    private final ScheduledExecutorService timer;
    private volatile long lastProgress = System.nanoTime();
    private volatile boolean fired;

    StallGuard(Socket socket, Duration timeout) {
        this.timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "xfer-stall-guard");
            thread.setDaemon(true);
            return thread;
        });
        long period = Math.max(10, timeout.toMillis() / 10);
        timer.scheduleAtFixedRate(() -> {
            if (System.nanoTime() - lastProgress > timeout.toNanos()) {
                fired = true;
                try {
                    socket.close();
                } catch (IOException e) {
                    // closing is all we wanted
                }
            }
        }, period, period, TimeUnit.MILLISECONDS);
    }

    void progress() {
        lastProgress = System.nanoTime();
    }

    /** Whether the guard closed the socket. */
    boolean fired() {
        return fired;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
