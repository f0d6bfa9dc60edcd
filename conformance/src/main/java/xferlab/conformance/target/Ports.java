package xferlab.conformance.target;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;

/**
 * Free ports, and waiting until something listens on one.
 *
 * <p>A server that serves one connection and exits would spend that connection on a
 * probe that connects and closes, and die on the empty read. So "is it listening?" is
 * asked of the kernel's socket table ({@code /proc/net/tcp} and {@code tcp6}), which
 * costs the server nothing. Only where that table cannot be read (not Linux) does the
 * suite fall back to connecting.
 */
public final class Ports {
    private static final List<Path> TABLES = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));
    /** The state column's value for a listening socket ({@code TCP_LISTEN}). */
    private static final String LISTEN = "0A";

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

    /** Whether this machine's socket table can be read, so that listening can be seen without connecting. */
    public static boolean canSeeListeners() {
        return Files.isReadable(TABLES.get(0));
    }

    /** Whether a socket listens on this TCP port, on any address, as the kernel's table says. */
    public static boolean listening(int port) {
        String hexPort = ":" + String.format(Locale.ROOT, "%04X", port);
        for (Path table : TABLES) {
            try {
                for (String line : Files.readAllLines(table)) {
                    // "sl local_address rem_address st ...": local_address is HEXIP:HEXPORT
                    String[] fields = line.trim().split("\\s+");
                    if (fields.length > 3 && fields[1].endsWith(hexPort) && fields[3].equals(LISTEN)) {
                        return true;
                    }
                }
            } catch (IOException e) {
                // tcp6 is missing where IPv6 is off; the other table still answers
            }
        }
        return false;
    }

    /**
     * Waits until something listens on the address's port, or the deadline passes,
     * or {@code stillWorth} turns false (the process died). Reads the socket table
     * where it can; elsewhere it connects, which costs the server a connection.
     */
    public static boolean awaitListening(InetSocketAddress address, Duration timeout, BooleanSupplier stillWorth)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = 5;
        boolean table = canSeeListeners();
        while (System.nanoTime() < deadline) {
            if (table ? listening(address.getPort()) : connects(address)) {
                return true;
            }
            if (!stillWorth.getAsBoolean()) {
                return false;
            }
            // Polling with a growing pause: a port has no event to wait for.
            Thread.sleep(pause);
            pause = Math.min(pause * 2, 100);
        }
        return false;
    }

    /**
     * Tries to connect until it works or the deadline passes: for a server someone
     * else started, where only a connection can tell.
     */
    public static boolean awaitAccepting(InetSocketAddress address, Duration timeout, BooleanSupplier stillWorth)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = 10;
        while (System.nanoTime() < deadline) {
            if (connects(address)) {
                return true;
            }
            if (!stillWorth.getAsBoolean()) {
                return false;
            }
            Thread.sleep(pause);
            pause = Math.min(pause * 2, 200);
        }
        return false;
    }

    private static boolean connects(InetSocketAddress address) {
        try (Socket probe = new Socket()) {
            probe.connect(address, 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
