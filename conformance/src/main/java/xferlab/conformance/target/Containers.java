package xferlab.conformance.target;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Volume;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.OutputFrame;
import org.testcontainers.containers.startupcheck.StartupCheckStrategy;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;
import org.testcontainers.utility.DockerImageName;

/**
 * The one place that turns a {@link ContainerSpec} into a Testcontainers container:
 * the same isolation for servers and clients.
 *
 * <p>Network: the container shares the network of the engine's host ({@code host}
 * mode), so the suite reaches a server, and a client reaches the suite's scripted
 * server, on 127.0.0.1 exactly as with {@code --launch}, and the suite's sockets stay
 * on loopback. What else the container can reach is what that network has: on a
 * workstation's engine, its network; on an engine started in a network namespace of
 * its own with only loopback up (what CI does, and what the README shows graders),
 * nothing but the suite's connection. Docker offers no mode with loopback to the
 * suite and nothing else: {@code none} cuts the suite off too, and a bridge needs
 * the suite to listen beyond loopback.
 */
final class Containers {
    /** Marks every container the suite starts, so that a leftover can be found ({@code docker ps -f label=...}). */
    static final String LABEL = "xferlab.conformance";

    private Containers() {
    }

    /**
     * A container, not yet started.
     *
     * @param arguments the command line: given to {@code sh -c} if the spec has a command,
     *                  else to the image's entrypoint
     * @param binds     the suite's own mounts (storage, upload file), besides the spec's read-only ones
     * @param user      {@code uid:gid} to run as, so what it writes into a mount belongs to the suite's user
     * @param output    receives what the container prints as it prints it; null to read its log afterwards
     */
    static GenericContainer<?> create(ContainerSpec spec, List<String> arguments, List<Bind> binds, String user,
                                      String role, Consumer<OutputFrame> output) {
        List<Bind> all = new ArrayList<>(binds);
        for (ContainerSpec.Mount mount : spec.mounts()) {
            all.add(new Bind(mount.host().toString(), new Volume(mount.path()), AccessMode.ro));
        }
        ContainerLimits limits = spec.limits();
        GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(spec.image()));
        container.withNetworkMode("host")
                .withLabel(LABEL, role)
                // The suite waits for the port itself, bounded, and stops early if the
                // container dies: Testcontainers need not wait or judge the start.
                .withStartupCheckStrategy(new StartupCheckStrategy() {
                    @Override
                    public StartupStatus checkStartupState(DockerClient client, String containerId) {
                        return StartupStatus.SUCCESSFUL;
                    }
                })
                .waitingFor(new AbstractWaitStrategy() {
                    @Override
                    protected void waitUntilReady() {
                        // see above
                    }
                })
                .withCreateContainerCmdModifier(cmd -> {
                    if (spec.command() != null) {
                        cmd.withEntrypoint("sh", "-c");
                    }
                    cmd.withCmd(arguments).withUser(user);
                    cmd.getHostConfig()
                            .withBinds(all)
                            // An init as process 1 passes the stop signal on and reaps what
                            // the command forks: a shell as process 1 would ignore SIGTERM.
                            .withInit(true)
                            .withNanoCPUs((long) (limits.cpus() * 1e9))
                            .withMemory(limits.memoryBytes())
                            .withMemorySwap(limits.memoryBytes())
                            .withPidsLimit(limits.processes())
                            // An XFER server needs no privilege: no capabilities, no setuid gains.
                            .withCapDrop(Capability.ALL)
                            .withSecurityOpts(List.of("no-new-privileges"));
                });
        if (output != null) {
            container.withLogConsumer(output);
        }
        return container;
    }

    /** How long a missing image may take to pull, once. */
    static final Duration PULL = Duration.ofMinutes(5);

    /**
     * Makes sure the engine has the image, pulling it once if it is missing. Left to
     * Testcontainers, a pull that cannot succeed (no registry, a misspelt name) is
     * retried for minutes before it fails.
     */
    static void ensureImage(String image) throws LaunchException {
        DockerClient client = DockerClientFactory.instance().client();
        try {
            client.inspectImageCmd(image).exec();
            return;
        } catch (NotFoundException e) {
            // not here: pull it below
        } catch (RuntimeException e) {
            throw new LaunchException(LaunchException.Kind.CANNOT_START,
                    "cannot look up the image " + image + ": " + reason(e));
        }
        DockerImageName name = DockerImageName.parse(image);
        String tag = name.getVersionPart();
        try {
            boolean done = client.pullImageCmd(name.getUnversionedPart()).withTag(tag)
                    .exec(new PullImageResultCallback())
                    .awaitCompletion(PULL.toMillis(), TimeUnit.MILLISECONDS);
            client.inspectImageCmd(image).exec();
            if (!done) {
                throw new LaunchException(LaunchException.Kind.CANNOT_START,
                        "the image " + image + " is not on this machine, and pulling it took over "
                                + PULL.toMinutes() + " minutes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchException(LaunchException.Kind.CANNOT_START, "interrupted while pulling " + image);
        } catch (RuntimeException e) {
            throw new LaunchException(LaunchException.Kind.CANNOT_START, "the image " + image
                    + " is not on this machine and cannot be pulled (build it, or check its name): " + reason(e));
        }
    }

    /** The owner of a file as {@code uid:gid}, for {@code --user}; root's where the file system cannot say. */
    static String ownerOf(Path path) {
        try {
            return Files.getAttribute(path, "unix:uid") + ":" + Files.getAttribute(path, "unix:gid");
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "0:0";
        }
    }

    /** The deepest cause's message: Testcontainers wraps the engine's answer in several layers. */
    static String reason(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return message.replaceAll("\\s+", " ").strip();
    }

    /** Appends what a container prints to a file, as a launched command's output is. */
    static Consumer<OutputFrame> appendingTo(Path file) {
        return frame -> {
            byte[] bytes = frame.getBytes();
            if (bytes == null) {
                return;
            }
            try {
                Files.write(file, bytes, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            } catch (IOException e) {
                // the output is for the report only; losing it must not fail a case
            }
        };
    }
}
