package xferlab.server;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * How a server runs.
 *
 * @param bindAddress the local address to listen on
 * @param port        the port, or 0 for any free one
 * @param storageDir  where complete uploads appear
 * @param tempDir     where uploads in progress are written: outside the storage
 *                    directory, on the same file system (XFER-STORE-05)
 * @param idleTimeout how long a connection may send nothing (XFER-TIME-01)
 * @param maxSize     the largest size accepted (XFER-SIZE-03)
 * @param log         receives one line per state change and per connection outcome
 */
public record ServerConfig(
        InetAddress bindAddress,
        int port,
        Path storageDir,
        Path tempDir,
        Duration idleTimeout,
        long maxSize,
        Consumer<String> log) {

    /**
     * A loopback server on a free port with the spec's defaults (a 30 s idle
     * timeout, no size limit but the free space), storing in {@code storageDir},
     * logging to standard error.
     */
    public static ServerConfig defaults(Path storageDir) {
        return new ServerConfig(InetAddress.getLoopbackAddress(), 0, storageDir, defaultTempDir(storageDir),
                Duration.ofSeconds(30), Long.MAX_VALUE, System.err::println);
    }

    /**
     * The temporary directory beside the storage directory: {@code DIR} gets
     * {@code .DIR.xfer-tmp}. A sibling is outside the storage directory yet almost
     * always on the same file system, which the atomic rename needs.
     */
    public static Path defaultTempDir(Path storageDir) {
        Path absolute = storageDir.toAbsolutePath().normalize();
        if (absolute.getFileName() == null) {
            throw new IllegalArgumentException("the storage directory cannot be the root directory");
        }
        return absolute.resolveSibling("." + absolute.getFileName() + ".xfer-tmp");
    }

    public ServerConfig withIdleTimeout(Duration idleTimeout) {
        return new ServerConfig(bindAddress, port, storageDir, tempDir, idleTimeout, maxSize, log);
    }

    public ServerConfig withMaxSize(long maxSize) {
        return new ServerConfig(bindAddress, port, storageDir, tempDir, idleTimeout, maxSize, log);
    }

    public ServerConfig withLog(Consumer<String> log) {
        return new ServerConfig(bindAddress, port, storageDir, tempDir, idleTimeout, maxSize, log);
    }
}
