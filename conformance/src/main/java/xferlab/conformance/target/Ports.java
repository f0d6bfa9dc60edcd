package xferlab.conformance.target;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

/** Free ports, and waiting until something listens on one. */
public final class Ports {
    private Ports() {
    }

    /** A port that was free a moment ago on loopback. */
    public static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Tries to connect until it works or the deadline passes; each probe connects and
     * closes without sending anything.
     *
     * @param stillWorth checked between probes: stop early if it turns false (the process died)
     */
    public static boolean awaitAccepting(InetSocketAddress address, Duration timeout,
                                         java.util.function.BooleanSupplier stillWorth) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = 10;
        while (System.nanoTime() < deadline) {
            try (Socket probe = new Socket()) {
                probe.connect(address, 1000);
                return true;
            } catch (IOException e) {
                // not yet
            }
            if (!stillWorth.getAsBoolean()) {
                return false;
            }
            // Polling with a growing pause: a port has no event to wait for.
            Thread.sleep(pause);
            pause = Math.min(pause * 2, 200);
        }
        return false;
    }
}
