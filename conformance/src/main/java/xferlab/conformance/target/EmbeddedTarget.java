package xferlab.conformance.target;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import xferlab.server.ServerConfig;
import xferlab.server.XferServer;

/** The bundled reference server, run inside the suite's own process. */
public final class EmbeddedTarget extends LocalTarget {
    private final Duration idleTimeout;
    private XferServer server;

    /**
     * @param storage     the storage directory (its parent gets the temporary directory too)
     * @param idleTimeout the idle timeout the suite wants
     * @param port        0 for a free port
     */
    public EmbeddedTarget(Path storage, Duration idleTimeout, int port) {
        super(storage, port);
        this.idleTimeout = idleTimeout;
    }

    @Override
    public void start() throws LaunchException {
        try {
            ServerConfig defaults = ServerConfig.defaults(storage);
            server = XferServer.start(new ServerConfig(defaults.bindAddress(), port, storage, defaults.tempDir(),
                    idleTimeout, defaults.maxSize(), line -> { }));
            port = server.port();
        } catch (IOException e) {
            throw new LaunchException(LaunchException.Kind.CANNOT_START, "cannot start the reference server: " + e.getMessage());
        }
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
    public String description() {
        return "the bundled reference server (in process)";
    }
}
