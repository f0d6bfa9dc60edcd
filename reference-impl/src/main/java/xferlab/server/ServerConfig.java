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
 * @param lingerTime  how long to drain input after the last reply (XFER-CLOSE-01)
 * @param log         receives one line per connection outcome
 */
public record ServerConfig(
        InetAddress bindAddress,
        int port,
        Path storageDir,
        Path tempDir,
        Duration idleTimeout,
        long maxSize,
        Duration lingerTime,
        Consumer<String> log) {

    /** The spec's default idle timeout. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);
    /** The spec's recommended bound on a lingering close. */
    public static final Duration DEFAULT_LINGER_TIME = Duration.ofSeconds(2);

    /**
     * A loopback server on a free port with the spec's defaults, storing in
     * {@code storageDir}, logging to standard error.
     */
    public static ServerConfig defaults(Path storageDir) {
        return new ServerConfig(InetAddress.getLoopbackAddress(), 0, storageDir,
                defaultTempDir(storageDir), DEFAULT_IDLE_TIMEOUT, Long.MAX_VALUE,
                DEFAULT_LINGER_TIME, System.err::println);
    }

    /**
     * The temporary directory beside the storage directory: {@code DIR} gets
     * {@code .DIR.xfer-tmp}. A sibling is outside the storage directory yet almost
     * always on the same file system, which the atomic rename needs.
     */
    public static Path defaultTempDir(Path storageDir) {
        Path absolute = storageDir.toAbsolutePath().normalize();
        Path name = absolute.getFileName();
        if (name == null) {
            throw new IllegalArgumentException("the storage directory cannot be the root directory");
        }
        return absolute.resolveSibling("." + name + ".xfer-tmp");
    }

    public ServerConfig withPort(int port) {
        return new ServerConfig(bindAddress, port, storageDir, tempDir, idleTimeout, maxSize, lingerTime, log);
    }

    public ServerConfig withIdleTimeout(Duration idleTimeout) {
        return new ServerConfig(bindAddress, port, storageDir, tempDir, idleTimeout, maxSize, lingerTime, log);
    }

    public ServerConfig withMaxSize(long maxSize) {
        return new ServerConfig(bindAddress, port, storageDir, tempDir, idleTimeout, maxSize, lingerTime, log);
    }

    public ServerConfig withLog(Consumer<String> log) {
        return new ServerConfig(bindAddress, port, storageDir, tempDir, idleTimeout, maxSize, lingerTime, log);
    }

    public ServerConfig withBindAddress(InetAddress bindAddress) {
        return new ServerConfig(bindAddress, port, storageDir, tempDir, idleTimeout, maxSize, lingerTime, log);
    }

    public ServerConfig withTempDir(Path tempDir) {
        return new ServerConfig(bindAddress, port, storageDir, tempDir, idleTimeout, maxSize, lingerTime, log);
    }
}
