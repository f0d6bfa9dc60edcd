package xferlab.conformance.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Measures this machine before the cases run, with nothing of the kit's own in the
 * way: a plain 4 MiB copy over a loopback socket, and a 4 MiB file written and
 * flushed. The suite's timeouts assume both take well under the expected times; on
 * a machine so loaded that they do not, the timeouts are scaled up, so that a slow
 * machine is not mistaken for a slow implementation. The bundled reference plays no
 * part: a slower reference must not loosen every student's bounds.
 *
 * @param socketMillis how long the socket copy took
 * @param flushMillis  how long the file write and flush took
 * @param factor       how much the suite's timeouts are scaled (1 on an ordinary machine)
 */
public record Calibration(long socketMillis, long flushMillis, double factor) {
    private static final int SIZE = 4 * 1024 * 1024;
    /** What the timeouts were chosen for: generous for loopback and a flush of a few MiB. */
    private static final long EXPECTED_SOCKET_MILLIS = 150;
    private static final long EXPECTED_FLUSH_MILLIS = 400;
    private static final double MAX_FACTOR = 10;

    /** Copies and flushes twice each (the first warms the JVM up) and keeps the second. */
    public static Calibration measure() throws IOException {
        long socket = 0;
        long flush = 0;
        Path work = Files.createTempDirectory("xfer-suite-calibration-");
        try {
            for (int i = 0; i < 2; i++) {
                socket = socketCopy();
                flush = flushedWrite(work.resolve("calibration.bin"));
            }
        } finally {
            WorkDirs.delete(work);
        }
        double factor = Math.max(1.0, Math.max((double) socket / EXPECTED_SOCKET_MILLIS,
                (double) flush / EXPECTED_FLUSH_MILLIS));
        return new Calibration(socket, flush, Math.min(MAX_FACTOR, factor));
    }

    private static long socketCopy() throws IOException {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listener.setSoTimeout(10_000);
            long started = System.nanoTime();
            CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> {
                try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
                     OutputStream out = socket.getOutputStream()) {
                    byte[] chunk = new byte[64 * 1024];
                    for (int sent = 0; sent < SIZE; sent += chunk.length) {
                        out.write(chunk);
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            try (Socket socket = listener.accept(); InputStream in = socket.getInputStream()) {
                socket.setSoTimeout(10_000);
                byte[] buffer = new byte[64 * 1024];
                long received = 0;
                for (int n; (n = in.read(buffer)) > 0;) {
                    received += n;
                }
                if (received != SIZE) {
                    throw new IOException("the calibration copy lost octets: " + received + " of " + SIZE);
                }
            }
            sender.get(10, TimeUnit.SECONDS);
            return (System.nanoTime() - started) / 1_000_000;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while calibrating", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("the calibration copy over loopback failed: " + e, e);
        }
    }

    private static long flushedWrite(Path file) throws IOException {
        long started = System.nanoTime();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
            for (int written = 0; written < SIZE; written += chunk.capacity()) {
                chunk.clear();
                while (chunk.hasRemaining()) {
                    channel.write(chunk);
                }
            }
            channel.force(true);
        }
        return (System.nanoTime() - started) / 1_000_000;
    }

    /** One line for the console and the reports: what was measured, and what the bounds were scaled by. */
    public String describe() {
        return String.format(java.util.Locale.ROOT, "calibration: 4 MiB over loopback in %d ms, 4 MiB written and "
                + "flushed in %d ms; %s", socketMillis, flushMillis, factor > 1
                ? "this machine is slow, so the suite's timeouts are scaled by " + String.format(java.util.Locale.ROOT,
                "%.1f", factor) : "timeouts as specified");
    }
}
