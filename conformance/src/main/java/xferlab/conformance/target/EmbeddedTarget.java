package xferlab.conformance.target;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import xferlab.server.ServerConfig;
import xferlab.server.XferServer;

/** The bundled reference server, run inside the suite's own process. */
public final class EmbeddedTarget implements Target {
    private final Path storage;
    private final Duration idleTimeout;
    private int port;
    private XferServer server;

    /**
     * @param storage     the storage directory (its parent gets the temporary directory too)
     * @param idleTimeout the idle timeout the suite wants
     * @param port        0 for a free port
     */
    public EmbeddedTarget(Path storage, Duration idleTimeout, int port) {
        this.storage = storage;
        this.idleTimeout = idleTimeout;
        this.port = port;
    }

    @Override
    public void start() throws LaunchException {
        try {
            server = XferServer.start(ServerConfig.defaults(storage)
                    .withPort(port)
                    .withIdleTimeout(idleTimeout)
                    .withLog(line -> { }));
            port = server.port();
        } catch (IOException e) {
            throw new LaunchException(LaunchException.Kind.CANNOT_START, "cannot start the reference server: " + e.getMessage());
        }
    }

    @Override
    public InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    @Override
    public Optional<Path> storageDir() {
        return Optional.of(storage);
    }

    @Override
    public boolean controllable() {
        return true;
    }

    @Override
    public boolean isRunning() {
        return server != null;
    }

    @Override
    public void kill() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    @Override
    public void restart() throws LaunchException {
        kill();
        start();
    }

    @Override
    public String description() {
        return "the bundled reference server (in process)";
    }

    @Override
    public void close() {
        kill();
    }
}
