package xferlab.conformance.target;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A server the suite runs on this machine itself: on loopback, with a storage
 * directory the suite made, and killed and restarted on the same port.
 */
public abstract class LocalTarget implements Target {
    protected final Path storage;
    /** The port; 0 until a server that picks its own has started. */
    protected int port;
    /** Whether a restart keeps the port (the user chose it, or the server picks its own). */
    private final boolean fixedPort;

    protected LocalTarget(Path storage, int port) {
        this(storage, port, true);
    }

    protected LocalTarget(Path storage, int port, boolean fixedPort) {
        this.storage = storage;
        this.port = port;
        this.fixedPort = fixedPort;
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
    public void restart() throws LaunchException {
        kill();
        if (!fixedPort) {
            port = Ports.free();
        }
        start();
    }

    @Override
    public void close() {
        kill();
    }
}
