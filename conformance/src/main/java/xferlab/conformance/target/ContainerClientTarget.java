package xferlab.conformance.target;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Volume;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.OutputFrame;

/**
 * A client the suite runs from an image once per case, through Testcontainers. The
 * directory that holds the file to upload is mounted read-only at {@value #UPLOAD},
 * and {@code {file}} is the file's path there; {@code {host}} is the suite's
 * loopback address, reachable because the container shares the engine host's
 * network (see {@link Containers}). A client still running past its bound is killed
 * with its container, and called hung; every container is removed after its run.
 */
public final class ContainerClientTarget implements ClientTarget {
    /** Where the directory of the file to upload is mounted inside the container. */
    public static final String UPLOAD = "/xfer/upload";

    private final ContainerSpec spec;
    /** Set once the engine is known to have the image: every run needs it, one look-up is enough. */
    private volatile boolean imageReady;

    public ContainerClientTarget(ContainerSpec spec) {
        this.spec = spec;
    }

    /** The container's command line for one run (see {@link ContainerSpec#command()}). */
    public List<String> arguments(String host, int port, Path file, Duration timeout) {
        String inside = UPLOAD + "/" + file.getFileName();
        if (spec.command() != null) {
            return List.of(spec.command().replace("{host}", ShellWords.quote(host))
                    .replace("{port}", String.valueOf(port))
                    .replace("{file}", ShellWords.quote(inside))
                    .replace("{timeout}", String.valueOf(timeout.toSeconds())));
        }
        return List.of(host, String.valueOf(port), inside, "--timeout", String.valueOf(timeout.toSeconds()));
    }

    @Override
    public ClientRun run(String host, int port, Path file, Duration timeout, Duration bound) {
        if (!imageReady) {
            try {
                Containers.ensureImage(spec.image());
                imageReady = true;
            } catch (LaunchException e) {
                return new ClientRun(125, "", e.getMessage(), 0, false);
            }
        }
        Path dir = file.toAbsolutePath().getParent();
        GenericContainer<?> container = Containers.create(spec, arguments(host, port, file, timeout),
                List.of(new Bind(dir.toString(), new Volume(UPLOAD), AccessMode.ro)), Containers.ownerOf(dir),
                "client", null);
        long started = System.nanoTime();
        try {
            try {
                container.start();
            } catch (RuntimeException e) {
                return new ClientRun(125, "", "cannot start the image " + spec.image() + ": " + Containers.reason(e),
                        elapsed(started), false);
            }
            // The bound counts from the start of the client's process, not the container's creation.
            long running = System.nanoTime();
            Integer status = null;
            try {
                status = container.getDockerClient().waitContainerCmd(container.getContainerId())
                        .exec(new WaitContainerResultCallback())
                        .awaitStatusCode(bound.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RuntimeException e) {
                // the bound passed (or the engine lost the container): the client is hung
            }
            long millis = elapsed(running);
            return new ClientRun(status == null ? -1 : status, output(container, OutputFrame.OutputType.STDOUT),
                    output(container, OutputFrame.OutputType.STDERR), millis, status == null);
        } finally {
            try {
                container.stop();
            } catch (RuntimeException e) {
                // gone already
            }
        }
    }

    /** What the container printed on one stream so far (its last 4000 characters), read from the engine's log. */
    private static String output(GenericContainer<?> container, OutputFrame.OutputType type) {
        try {
            String all = container.getLogs(type);
            return all.length() <= 4000 ? all : all.substring(all.length() - 4000);
        } catch (RuntimeException e) {
            return "";
        }
    }

    private static long elapsed(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    @Override
    public String description() {
        String command = spec.command() != null ? "sh -c '" + spec.command() + "'"
                : "its entrypoint with {host} {port} {file} --timeout {timeout}";
        return "the image " + spec.image() + ": " + command + " (" + spec.limits().describe() + ")";
    }
}
