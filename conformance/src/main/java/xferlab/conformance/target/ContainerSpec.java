package xferlab.conformance.target;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * How to run an implementation's image: the image, the command (or none: the image's
 * own entrypoint, given the reference's arguments), what the container may use, and
 * any host directories it may read.
 *
 * @param image   the image name, as {@code docker run} takes it; pulled only if the engine lacks it
 * @param command a command for {@code sh -c} inside the container, with the placeholders of
 *                {@code --launch}; or null to run the image's entrypoint with the reference's
 *                arguments ({@code --port P --dir D --idle-timeout S} for a server,
 *                {@code HOST PORT FILE --timeout S} for a client)
 * @param limits  CPU, memory and process limits
 * @param mounts  extra host directories mounted read-only (a runtime, shared data)
 */
public record ContainerSpec(String image, String command, ContainerLimits limits, List<Mount> mounts) {

    public ContainerSpec {
        if (image == null || image.isBlank()) {
            throw new IllegalArgumentException("an image name is needed");
        }
        mounts = List.copyOf(mounts);
    }

    /** The image with its own entrypoint, default limits and no extra mounts. */
    public static ContainerSpec of(String image) {
        return new ContainerSpec(image, null, ContainerLimits.DEFAULT, List.of());
    }

    /**
     * A host directory the container may read, at {@code path} inside it.
     *
     * @param host an existing directory or file on the machine that runs the suite
     * @param path an absolute path inside the container
     */
    public record Mount(Path host, String path) {
        public Mount {
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("the path inside the container must be absolute: " + path);
            }
            host = host.toAbsolutePath().normalize();
        }

        /** {@code HOST:PATH}, as {@code --image-mount} takes it. */
        public static Mount parse(String text) {
            int colon = text.lastIndexOf(':');
            if (colon <= 0 || colon == text.length() - 1) {
                throw new IllegalArgumentException("a mount is HOST:PATH, not " + text);
            }
            Path host = Path.of(text.substring(0, colon));
            if (!Files.exists(host)) {
                throw new IllegalArgumentException("no such file or directory to mount: " + host);
            }
            return new Mount(host, text.substring(colon + 1));
        }

        @Override
        public String toString() {
            return host + ":" + path;
        }
    }
}
