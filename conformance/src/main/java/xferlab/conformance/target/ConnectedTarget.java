package xferlab.conformance.target;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** A server someone else started: the suite only connects to it. */
public final class ConnectedTarget implements Target {
    private final InetSocketAddress address;
    private final Path storage;

    /** @param storage its storage directory, or null if the suite cannot see it */
    public ConnectedTarget(InetSocketAddress address, Path storage) {
        this.address = address;
        this.storage = storage;
    }

    @Override
    public void start() throws LaunchException {
        try {
            if (!Ports.awaitAccepting(address, Duration.ofSeconds(5), () -> true)) {
                throw new LaunchException(LaunchException.Kind.NEVER_ACCEPTED,
                        "nothing accepts connections at " + address.getHostString() + ":" + address.getPort());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchException(LaunchException.Kind.NEVER_ACCEPTED, "interrupted");
        }
    }

    @Override
    public InetSocketAddress address() {
        return address;
    }

    @Override
    public Optional<Path> storageDir() {
        return Optional.ofNullable(storage);
    }

    @Override
    public boolean controllable() {
        return false;
    }

    @Override
    public boolean isRunning() {
        return true;
    }

    @Override
    public void kill() {
        throw new UnsupportedOperationException("the suite cannot kill a server it did not start");
    }

    @Override
    public void restart() {
        throw new UnsupportedOperationException("the suite cannot restart a server it did not start");
    }

    @Override
    public String description() {
        return "the server at " + address.getHostString() + ":" + address.getPort()
                + (storage == null ? " (storage directory unknown)" : ", storing in " + storage);
    }

    @Override
    public void close() {
        // not ours to stop
    }
}
