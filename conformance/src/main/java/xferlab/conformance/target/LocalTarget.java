package xferlab.conformance.target;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
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
    /** Where what the implementation prints goes, for a target that runs it as a process; else null. */
    protected final OutputLog output;

    protected LocalTarget(Path storage, int port) {
        this(storage, port, true);
    }

    protected LocalTarget(Path storage, int port, boolean fixedPort) {
        this(storage, port, fixedPort, null);
    }

    /** @param output the file the implementation's output goes to, or null for one in this process */
    protected LocalTarget(Path storage, int port, boolean fixedPort, Path output) {
        this.storage = storage;
        this.port = port;
        this.fixedPort = fixedPort;
        this.output = output == null ? null : new OutputLog(output);
    }

    @Override
    public String outputTail() {
        return output == null ? "" : output.tail();
    }

    @Override
    public long outputMark() {
        return output == null ? 0 : output.mark();
    }

    @Override
    public String outputSince(long mark) {
        return output == null ? "" : output.since(mark);
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

    /**
     * The end of starting a process or a container: waits, bounded, until it listens
     * (while it still runs: a command may put its server in the background and exit).
     * One that exits first, or never listens, is stopped, and the error says which.
     *
     * @param what how the error names it: {@code the command}, {@code the container}
     * @param hint what to check when it runs but does not listen, in parentheses
     */
    protected final void awaitListening(String what, Duration startTimeout, String hint) throws LaunchException {
        boolean accepting;
        try {
            accepting = Ports.awaitListening(address(), startTimeout, this::isRunning);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new LaunchException(LaunchException.Kind.CANNOT_START, "interrupted while waiting for the port");
        }
        if (accepting) {
            return;
        }
        if (!isRunning()) {
            Long status = exitStatus();
            close();
            throw new LaunchException(LaunchException.Kind.CANNOT_START,
                    what + " exited" + (status == null ? "" : " with status " + status)
                            + " before it listened on port " + port + output.lastWords());
        }
        close();
        throw new LaunchException(LaunchException.Kind.NEVER_ACCEPTED,
                what + " runs but was not listening on 127.0.0.1:" + port + " within "
                        + startTimeout.toSeconds() + " s (" + hint + ")" + output.lastWords());
    }

    /** How the process or container that exited during {@link #start} ended, if known. */
    protected Long exitStatus() {
        return null;
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
