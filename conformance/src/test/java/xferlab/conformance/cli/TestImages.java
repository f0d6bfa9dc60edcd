package xferlab.conformance.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.github.dockerjava.api.DockerClient;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;

import xferlab.conformance.target.DockerEngine;

/**
 * The images the container tests run, built from files on this machine: no image
 * can be pulled here (and a test should not depend on a registry anywhere). A static
 * busybox is the whole image; the host's Java and Python come in through read-only
 * mounts of {@code /usr}, which the tests pass with {@code --image-mount}.
 *
 * <p>Without an engine, or without a static busybox, the tests are skipped with a
 * message; with {@code XFER_REQUIRE_DOCKER=1} (CI) they fail instead, so that CI
 * cannot pass without running them.
 */
final class TestImages {
    /** busybox alone: {@code sh}, and the host's {@code /usr} once mounted. */
    static final String BASE = "local/xfer-test-base:1";
    /** The reference server's jar run by the image's entrypoint, as a Java student's image would be. */
    static final String JAVA_SERVER = "local/xfer-test-java-server:1";
    /** Where the tests mount the reference jar. */
    static final String JAR_INSIDE = "/xfer/app/xfer.jar";

    private static final Path BUSYBOX = Path.of("/bin/busybox");
    private static boolean built;
    private static boolean told;

    private TestImages() {
    }

    /** Skips the calling test, or fails it under {@code XFER_REQUIRE_DOCKER=1}, when images cannot be had here. */
    static synchronized void require() {
        if (!DockerEngine.available()) {
            unavailable(DockerEngine.problem().orElse("no Docker engine"));
        }
        if (!isStaticBusybox()) {
            unavailable("no static busybox at " + BUSYBOX + " to build the test image from (apt-get install busybox-static)");
        }
        if (!built) {
            DockerClient client = DockerClientFactory.instance().client();
            importBase(client);
            buildJavaServer(client);
            built = true;
        }
    }

    private static void unavailable(String why) {
        String message = "skipping the container tests: " + why;
        if ("1".equals(System.getenv("XFER_REQUIRE_DOCKER"))) {
            Assertions.fail("XFER_REQUIRE_DOCKER=1, but " + why);
        }
        // Surefire keeps a skip's reason in its report only: say it on the console too, once.
        if (!told) {
            told = true;
            System.err.println(message);
        }
        Assumptions.abort(message);
    }

    private static boolean isStaticBusybox() {
        try {
            byte[] head = new byte[4096];
            int n;
            try (var in = Files.newInputStream(BUSYBOX)) {
                n = in.readNBytes(head, 0, head.length);
            }
            // A dynamic executable names its interpreter (ld-linux) near the start; a static one does not.
            return n > 4 && head[1] == 'E' && !new String(head, 0, n, StandardCharsets.ISO_8859_1).contains("ld-linux");
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * busybox and the links a merged-/usr system has, copied into an empty image
     * ({@code FROM scratch} needs no registry). The engine's build is used rather than
     * {@code docker import}, which 20.10 engines refuse over docker-java's transport.
     */
    private static void importBase(DockerClient client) {
        build(client, BASE, "FROM scratch\nCOPY root/ /\n", root -> {
            for (String dir : List.of("bin", "usr", "tmp", "etc", "xfer")) {
                Files.createDirectories(root.resolve(dir));
            }
            Files.setPosixFilePermissions(root.resolve("tmp"), PosixFilePermissions.fromString("rwxrwxrwx"));
            Files.copy(BUSYBOX, root.resolve("bin/busybox"));
            Files.createSymbolicLink(root.resolve("bin/sh"), Path.of("busybox"));
            Files.createSymbolicLink(root.resolve("lib"), Path.of("usr/lib"));
            Files.createSymbolicLink(root.resolve("lib64"), Path.of("usr/lib64"));
        });
    }

    /** Like {@code labs/instructor/docker/java-server.Dockerfile}, with the host's JDK instead of a JDK image. */
    private static void buildJavaServer(DockerClient client) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        build(client, JAVA_SERVER, "FROM " + BASE + "\n"
                + "ENV LANG=C.UTF-8\n"
                + "ENTRYPOINT [\"" + java + "\", \"-jar\", \"" + JAR_INSIDE + "\", \"server\"]\n", root -> { });
    }

    private interface Context {
        void fill(Path root) throws IOException;
    }

    /** Builds {@code tag} from a Dockerfile and a context folder {@code root/}, made in a temporary directory. */
    private static void build(DockerClient client, String tag, String dockerfile, Context context) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("xfer-test-image-");
            Files.writeString(dir.resolve("Dockerfile"), dockerfile);
            context.fill(Files.createDirectories(dir.resolve("root")));
            client.buildImageCmd(dir.toFile()).withTags(Set.of(tag)).withPull(false)
                    .start().awaitImageId(120, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (dir != null) {
                xferlab.conformance.run.WorkDirs.delete(dir);
            }
        }
    }

    /** The {@code --image-mount} options that bring the host's Java and Python into a test image. */
    static List<String> runtimeMounts() {
        List<String> options = new ArrayList<>(List.of("--image-mount", "/usr:/usr"));
        Path javaHome = Path.of(System.getProperty("java.home"));
        if (!javaHome.startsWith("/usr")) {
            options.addAll(List.of("--image-mount", javaHome + ":" + javaHome));
        }
        // Debian's JDK links its configuration from /etc.
        try (var etc = Files.list(Path.of("/etc"))) {
            etc.filter(p -> p.getFileName().toString().matches("java-\\d+-openjdk"))
                    .forEach(p -> options.addAll(List.of("--image-mount", p + ":" + p)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return options;
    }
}
