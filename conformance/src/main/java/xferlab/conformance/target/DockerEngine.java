package xferlab.conformance.target;

import java.util.Optional;

import org.testcontainers.DockerClientFactory;

/**
 * Whether a Docker engine answers, asked the way Testcontainers finds one
 * ({@code DOCKER_HOST}, {@code ~/.testcontainers.properties}, the usual sockets).
 */
public final class DockerEngine {
    /** What to do about a missing engine, in one line. */
    public static final String INSTALL = "install Docker Engine (Linux) or Docker Desktop "
            + "(https://docs.docker.com/get-docker/) and start it, or point DOCKER_HOST at a running engine";

    private DockerEngine() {
    }

    /** Whether an engine answers (Testcontainers remembers the answer for the rest of the process). */
    public static boolean available() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /**
     * Empty when an engine answers; otherwise the one-line error for the user, e.g.
     * {@code no Docker engine answers: install Docker Engine ...}.
     */
    public static Optional<String> problem() {
        if (available()) {
            return Optional.empty();
        }
        String host = System.getenv("DOCKER_HOST");
        return Optional.of("no Docker engine answers"
                + (host == null || host.isBlank() ? "" : " at DOCKER_HOST=" + host) + ": " + INSTALL);
    }
}
