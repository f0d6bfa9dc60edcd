package xferlab.conformance.planted;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import xferlab.conformance.target.LaunchException;
import xferlab.conformance.target.Target;

/** A planted-fault server as a suite target, in the test's own process. */
public final class PlantedTarget implements Target {
    private final Fault fault;
    private final Path storage;
    private final Duration idle;
    private int port;
    private PlantedServer server;

    public PlantedTarget(Fault fault, Path storage, Duration idle) {
        this.fault = fault;
        this.storage = storage;
        this.idle = idle;
    }

    @Override
    public void start() throws LaunchException {
        try {
            server = new PlantedServer(fault, storage, port, (int) idle.toMillis());
            port = server.port();
        } catch (IOException e) {
            throw new LaunchException(LaunchException.Kind.CANNOT_START, e.getMessage());
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
        return server != null && server.isRunning();
    }

    @Override
    public void kill() {
        if (server != null) {
            server.close();
        }
    }

    @Override
    public void restart() throws LaunchException {
        kill();
        start();
    }

    @Override
    public String description() {
        return "planted-fault server " + fault;
    }

    @Override
    public void close() {
        kill();
    }
}
