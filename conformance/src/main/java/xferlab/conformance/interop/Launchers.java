package xferlab.conformance.interop;

import java.nio.file.Path;
import java.time.Duration;

import xferlab.conformance.grade.Roster;
import xferlab.conformance.target.ClientTarget;
import xferlab.conformance.target.ContainerClientTarget;
import xferlab.conformance.target.ContainerSpec;
import xferlab.conformance.target.ContainerTarget;
import xferlab.conformance.target.EmbeddedClientTarget;
import xferlab.conformance.target.EmbeddedTarget;
import xferlab.conformance.target.LaunchedClientTarget;
import xferlab.conformance.target.LaunchedTarget;
import xferlab.conformance.target.Ports;
import xferlab.conformance.target.Target;

/**
 * How the matrix starts each implementation: the same targets the suites use. The
 * reference runs in this process; a roster command runs as {@code sh -c}, or in a
 * container when {@code --isolate docker} is given or its line reads {@code docker:IMAGE}.
 *
 * @param containers   the image, limits and mounts of {@code --image}, or null
 * @param isolateAll   whether every roster command runs in a container of {@code containers}' image
 * @param idle         the server's idle timeout, as {@code {idle}}
 * @param startTimeout how long a server may take to listen
 */
public record Launchers(ContainerSpec containers, boolean isolateAll, Duration idle, Duration startTimeout) {
    /** A server with a fresh storage directory, not yet started. */
    Target server(Implementation server, Path storage, Path output) {
        if (server.isReference()) {
            return new EmbeddedTarget(storage, idle, 0);
        }
        ContainerSpec container = container(server);
        if (container != null) {
            // The container sees the storage directory's parent: it must hold nothing else.
            return new ContainerTarget(container, storage.resolveSibling("mounted").resolve("storage"), Ports.free(),
                    idle, startTimeout, output);
        }
        return new LaunchedTarget(server.command(), storage, Ports.free(), idle, startTimeout, output);
    }

    ClientTarget client(Implementation client, Path work) {
        if (client.isReference()) {
            return new EmbeddedClientTarget();
        }
        ContainerSpec container = container(client);
        return container != null ? new ContainerClientTarget(container) : new LaunchedClientTarget(client.command(), work);
    }

    /** Whether this implementation runs in a container (and so needs a Docker engine). */
    public boolean inContainer(Implementation implementation) {
        return container(implementation) != null;
    }

    private ContainerSpec container(Implementation implementation) {
        if (implementation.isReference()) {
            return null;
        }
        String command = implementation.command();
        if (command.startsWith(Roster.OWN_IMAGE)) {
            String image = command.substring(Roster.OWN_IMAGE.length()).strip();
            return containers == null ? ContainerSpec.of(image)
                    : new ContainerSpec(image, null, containers.limits(), containers.mounts());
        }
        return isolateAll ? new ContainerSpec(containers.image(), command, containers.limits(), containers.mounts())
                : null;
    }
}
