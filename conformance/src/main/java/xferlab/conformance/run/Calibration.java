package xferlab.conformance.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;

import xferlab.client.ProgressListener;
import xferlab.client.UploadFailedException;
import xferlab.client.XferClient;
import xferlab.server.ServerConfig;
import xferlab.server.XferServer;

/**
 * Measures this machine against the bundled reference before the cases run. The
 * suite's timeouts assume that a 4 MiB upload over loopback takes well under a
 * second; on a machine so loaded that it does not, they are scaled up, so that a
 * slow machine is not mistaken for a slow implementation.
 *
 * @param millis how long the calibration upload took
 * @param factor how much the suite's timeouts are scaled (1 on an ordinary machine)
 */
public record Calibration(long millis, double factor) {
    /** What the timeouts were chosen for. */
    private static final long EXPECTED_MILLIS = 500;
    private static final double MAX_FACTOR = 10;

    /** Uploads 4 MiB to an in-process reference server, twice (the first warms the JVM up), and times the second. */
    public static Calibration measure() throws IOException {
        Path work = Files.createTempDirectory("xfer-suite-calibration-");
        try (XferServer server = XferServer.start(ServerConfig.defaults(work.resolve("storage")).withLog(line -> { }))) {
            Path file = work.resolve("calibration.bin");
            byte[] content = new byte[4 * 1024 * 1024];
            new Random(1).nextBytes(content);
            Files.write(file, content);
            XferClient client = new XferClient("127.0.0.1", server.port(), Duration.ofSeconds(60));
            long millis = 0;
            for (int i = 0; i < 2; i++) {
                long started = System.nanoTime();
                client.upload(file, "calibration.bin", ProgressListener.NONE);
                millis = (System.nanoTime() - started) / 1_000_000;
            }
            double factor = Math.min(MAX_FACTOR, Math.max(1.0, (double) millis / EXPECTED_MILLIS));
            return new Calibration(millis, factor);
        } catch (UploadFailedException e) {
            throw new IOException("the calibration upload to the bundled reference failed: " + e.getMessage(), e);
        } finally {
            WorkDirs.delete(work);
        }
    }

    /** One line for the console. */
    public String describe() {
        return "calibration: a 4 MiB upload to the bundled reference took " + millis + " ms"
                + (factor > 1 ? "; this machine is slow, so the suite's timeouts are scaled by "
                        + String.format("%.1f", factor) : "; timeouts as specified");
    }
}
