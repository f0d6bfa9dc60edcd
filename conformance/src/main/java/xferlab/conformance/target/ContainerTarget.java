package xferlab.conformance.target;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Volume;
import org.testcontainers.containers.GenericContainer;

/**
 * A server the suite runs from an image, through Testcontainers: the same cases and
 * reports as {@code --launch}, with the implementation shut in a container. The
 * parent of the storage directory is mounted at {@value #DATA}, so that a server
 * can keep its temporary files beside the storage directory and still rename them
 * into it; {@code {dir}} is the storage directory's path inside the container. A
 * kill removes the container; a restart starts a new one from the image, on the
 * same port and directory. See {@link Containers} for the network.
 */
public final class ContainerTarget extends LocalTarget {
    /** Where the storage directory's parent is mounted inside the container. */
    public static final String DATA = "/xfer/data";

    private final ContainerSpec spec;
    private final Duration idleTimeout;
    private final Duration startTimeout;
    private GenericContainer<?> container;

    /**
     * @param spec         the image and how to run it
     * @param storage      the storage directory; its parent is mounted too, so give it one of its own
     * @param port         the port it must listen on ({@code {port}})
     * @param idleTimeout  passed as {@code {idle}}
     * @param startTimeout how long it may take to accept its first connection
     * @param output       a file that receives what the container prints
     */
    public ContainerTarget(ContainerSpec spec, Path storage, int port, Duration idleTimeout, Duration startTimeout,
                           Path output) {
        this(spec, storage, port, false, idleTimeout, startTimeout, output);
    }

    /** @param fixedPort whether a restart keeps the port (the user chose it) */
    public ContainerTarget(ContainerSpec spec, Path storage, int port, boolean fixedPort, Duration idleTimeout,
                           Duration startTimeout, Path output) {
        super(storage.toAbsolutePath(), port, fixedPort, output);
        this.spec = spec;
        this.idleTimeout = idleTimeout;
        this.startTimeout = startTimeout;
    }

    /** {@code {dir}}: the storage directory as the container sees it. */
    public String storageInContainer() {
        return DATA + "/" + storage.getFileName();
    }

    /** The container's command line: {@code sh -c} and the command, or the arguments for the image's entrypoint. */
    public List<String> arguments() {
        if (spec.command() != null) {
            return List.of(spec.command().replace("{port}", String.valueOf(port))
                    .replace("{dir}", ShellWords.quote(storageInContainer()))
                    .replace("{idle}", String.valueOf(idleTimeout.toSeconds())));
        }
        return List.of("--port", String.valueOf(port), "--dir", storageInContainer(),
                "--idle-timeout", String.valueOf(idleTimeout.toSeconds()));
    }

    @Override
    public void start() throws LaunchException {
        try {
            Files.createDirectories(storage);
        } catch (IOException e) {
            throw new LaunchException(LaunchException.Kind.CANNOT_START, "cannot create " + storage + ": " + e.getMessage());
        }
        Containers.ensureImage(spec.image());
        Bind data = new Bind(storage.getParent().toString(), new Volume(DATA), AccessMode.rw);
        container = Containers.create(spec, arguments(), List.of(data), Containers.ownerOf(storage), "server",
                Containers.appendingTo(output.file()));
        try {
            container.start();
        } catch (RuntimeException e) {
            close();
            throw new LaunchException(LaunchException.Kind.CANNOT_START,
                    "cannot start the image " + spec.image() + ": " + Containers.reason(e));
        }
        awaitListening("the container", startTimeout, "does it listen on {port}, on all addresses or 127.0.0.1?");
    }

    @Override
    protected Long exitStatus() {
        try {
            return container.getCurrentContainerInfo().getState().getExitCodeLong();
        } catch (RuntimeException e) {
            return null;
        }
    }



    @Override
    public boolean isRunning() {
        return container != null && container.isRunning();
    }

    /** Kills the container (SIGKILL to all its processes) and removes it. */
    @Override
    public void kill() {
        if (container != null) {
            try {
                container.stop();
            } catch (RuntimeException e) {
                // already gone: nothing left to stop
            }
            container = null;
        }
    }

    /** Stops the container, SIGTERM first with a few seconds' grace like a launched command, and removes it. */
    @Override
    public void close() {
        if (container != null && container.getContainerId() != null) {
            try {
                container.getDockerClient().stopContainerCmd(container.getContainerId()).withTimeout(3).exec();
            } catch (RuntimeException e) {
                // not running any more: removal below is all that is left
            }
        }
        kill();
    }

    @Override
    public String description() {
        String command = spec.command() != null
                ? "sh -c '" + arguments().get(0) + "'"
                : "its entrypoint with " + String.join(" ", arguments());
        return "the image " + spec.image() + ": " + command + " (" + spec.limits().describe() + ")";
    }
}
