package xferlab.conformance.planted;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import xferlab.conformance.target.LaunchException;
import xferlab.conformance.target.LocalTarget;

/** A planted-fault server as a suite target, in the test's own process. */
public final class PlantedTarget extends LocalTarget {
    private final Fault fault;
    private final Choice choice;
    private final Duration idle;
    private PlantedServer server;

    public PlantedTarget(Fault fault, Path storage, Duration idle) {
        this(fault, Choice.USUAL, storage, idle);
    }

    /** A correct planted server that makes one of the choices the spec leaves open. */
    public PlantedTarget(Choice choice, Path storage, Duration idle) {
        this(Fault.NONE, choice, storage, idle);
    }

    private PlantedTarget(Fault fault, Choice choice, Path storage, Duration idle) {
        super(storage, 0);
        this.fault = fault;
        this.choice = choice;
        this.idle = idle;
    }

    @Override
    public void start() throws LaunchException {
        try {
            server = new PlantedServer(fault, choice, storage, port, (int) idle.toMillis());
            port = server.port();
        } catch (IOException e) {
            throw new LaunchException(LaunchException.Kind.CANNOT_START, e.getMessage());
        }
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
    public String description() {
        return choice == Choice.USUAL ? "planted-fault server " + fault : "planted server choosing " + choice;
    }
}
