package xferlab.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

import xferlab.client.ProgressListener;
import xferlab.client.UploadResult;
import xferlab.client.XferClient;
import xferlab.server.ServerConfig;
import xferlab.server.XferServer;

/**
 * Shared setup for tests that run a server in process.
 *
 * <p>The storage directory is {@code work/store}, so the server's default temporary
 * directory, its sibling {@code work/.store.xfer-tmp}, also lies inside the test's
 * own {@code @TempDir} and is removed with it.
 */
public final class TestServers {
    private TestServers() {
    }

    /** Where uploads land for a server working in {@code work}. */
    public static Path storage(Path work) {
        return work.resolve("store");
    }

    /** Where uploads in progress live for that server. */
    public static Path temp(Path work) {
        return ServerConfig.defaultTempDir(storage(work));
    }

    /** Defaults, except a 5 s idle timeout and a log kept in memory instead of standard error. */
    public static ServerConfig config(Path work, Log log) {
        return ServerConfig.defaults(storage(work)).withIdleTimeout(Duration.ofSeconds(5)).withLog(log);
    }

    /** A reference client with a bound that no passing test comes near. */
    public static XferClient client(XferServer server) {
        return new XferClient("127.0.0.1", server.port(), Duration.ofSeconds(10));
    }

    /**
     * Checks that the server still serves a normal upload (XFER-LIVE-01): after a
     * refusal, an abort or a timeout, the next client must be served as usual.
     */
    public static void assertStillServes(XferServer server, Path work) throws Exception {
        byte[] content = TestFiles.randomBytes(500, 42); // below every maximum a test configures
        Path source = work.resolve("liveness-source").resolve("still-serving.bin");
        Files.createDirectories(source.getParent());
        Files.write(source, content);
        UploadResult result = client(server).upload(source, "still-serving.bin", ProgressListener.NONE);
        assertThat(result.digest()).isEqualTo(TestFiles.sha256(content));
        assertThat(server.storageDir().resolve("still-serving.bin")).hasBinaryContent(content);
    }

    /** Waits until the server has closed every connection: its handlers have finished. */
    public static void awaitQuiet(XferServer server) throws InterruptedException {
        assertThat(server.awaitQuiet(Duration.ofSeconds(10)))
                .as("server closed all connections within 10 s (open: %d)", server.openConnections())
                .isTrue();
    }

    /** No temporary file in the temp dir, and nothing but {@code expected} in storage. */
    public static void assertNoTrace(Path work, String... expected) throws IOException {
        assertThat(TestFiles.listing(temp(work))).as("temporary directory").isEmpty();
        assertThat(TestFiles.listing(storage(work))).as("storage directory").containsExactlyInAnyOrder(expected);
    }

    /**
     * The size of the one temporary file of the server working in {@code work}, or
     * -1 while there is none (or more than one): lets a test wait until the server
     * has written part of an upload.
     */
    public static long partSize(Path work) {
        Path temp = temp(work);
        try {
            List<String> parts = TestFiles.listing(temp);
            return parts.size() == 1 ? Files.size(temp.resolve(parts.get(0))) : -1;
        } catch (IOException e) {
            return -1; // renamed or deleted between listing and size
        }
    }

    /**
     * How long the server says it spent on the connection that stored {@code name}:
     * the "(N ms)" of its log line for that upload.
     */
    public static long servedMillis(Log log, String name) {
        java.util.regex.Pattern line = java.util.regex.Pattern.compile(
                " stored \"" + java.util.regex.Pattern.quote(name) + "\".* \\((\\d+) ms\\)$");
        return log.lines().stream().map(line::matcher).filter(java.util.regex.Matcher::find)
                .mapToLong(m -> Long.parseLong(m.group(1))).findFirst()
                .orElseThrow(() -> new AssertionError("no log line for " + name + " in:\n" + log));
    }

    /** The server's log lines, kept so that a test can check what the server reported. */
    public static final class Log implements Consumer<String> {
        private final ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();

        @Override
        public void accept(String line) {
            lines.add(line);
        }

        public List<String> lines() {
            return List.copyOf(lines);
        }

        @Override
        public String toString() {
            return String.join("\n", lines);
        }
    }
}
