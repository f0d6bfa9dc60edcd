package xferlab.client;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import xferlab.server.XferServer;
import xferlab.testing.RawConnection;
import xferlab.testing.ScriptedServer;
import xferlab.testing.TestFiles;
import xferlab.testing.TestServers;

/**
 * The client against scripted servers that misbehave in one precise way each
 * (script, exercise, verify the recorded traffic), and against the real server
 * for local failures. Each test checks the kind of failure and its one-line
 * message, which the exit status and the user depend on and the conformance suite
 * (which asks only for a non-zero exit) cannot see; the well-behaved exchanges are
 * the suite's client cases, run against this client by ClientSuitePassesCorrectClientsTest.
 */
@Timeout(value = 30, unit = SECONDS)
class XferClientTest {
    private static final Duration SHORT = Duration.ofMillis(500);

    @TempDir
    Path work;

    private Path file;
    private byte[] content;

    @BeforeEach
    void createFile() throws IOException {
        content = TestFiles.randomBytes(10_000, 1);
        file = Files.write(work.resolve("notes.txt"), content);
    }

    private static XferClient client(ScriptedServer server, Duration timeout) {
        return new XferClient("127.0.0.1", server.port(), timeout);
    }

    private static UploadResult upload(ScriptedServer server, Path file) throws UploadFailedException {
        return client(server, Duration.ofSeconds(5)).upload(file, "notes.txt", ProgressListener.NONE);
    }

    private static void assertFails(ThrowingCallable upload, Failure failure, String messagePart) {
        assertThatThrownBy(upload)
                .isInstanceOfSatisfying(UploadFailedException.class, e -> {
                    assertThat(e.failure()).isEqualTo(failure);
                    assertThat(e.getMessage()).contains(messagePart).doesNotContain("\n");
                });
    }

    /** Reads the two header lines as a server does and checks them. */
    private void expectHeader(RawConnection client) throws IOException {
        assertThat(client.readLine()).as("name line, bare LF").isEqualTo("notes.txt");
        assertThat(client.readLine()).as("size line, bare LF").isEqualTo(Integer.toString(content.length));
    }

    @Test
    @DisplayName("XFER-CLI-03: no payload octet is sent before READY arrives")
    void waitsForReady() throws Exception {
        // The server never answers; the client gives up after its timeout and closes.
        // Whatever it wrote after its header is then in our receive buffer before the
        // end of the stream, however the two threads are scheduled: no time window.
        AtomicReference<byte[]> afterHeader = new AtomicReference<>();
        try (ScriptedServer server = ScriptedServer.start(client -> {
            expectHeader(client);
            afterHeader.set(client.readUntilEof());
        })) {
            assertFails(() -> client(server, SHORT).upload(file, "notes.txt", ProgressListener.NONE),
                    Failure.TIMEOUT, "no answer");
            server.awaitScript(Duration.ofSeconds(5));
        }
        assertThat(afterHeader.get()).as("octets the client sent without READY").isEmpty();
    }

    @Test
    @DisplayName("XFER-CLI-05: ERROR before READY fails as REFUSED with the server's text, and no payload octet is sent")
    void errorBeforeReady() throws Exception {
        AtomicReference<byte[]> afterHeader = new AtomicReference<>();
        try (ScriptedServer server = ScriptedServer.start(client -> {
            expectHeader(client);
            client.send("ERROR 413 size is above the limit of 10 octets\n");
            afterHeader.set(client.readUntilEof());
        })) {
            assertFails(() -> upload(server, file), Failure.REFUSED,
                    "server refused: ERROR 413 size is above the limit of 10 octets");
            server.awaitScript(Duration.ofSeconds(5));
        }
        assertThat(afterHeader.get()).as("octets the client sent after its header").isEmpty();
    }

    @Test
    @DisplayName("XFER-CLI-05: ERROR instead of OK fails as REFUSED")
    void errorAfterPayload() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(client -> {
            expectHeader(client);
            client.send("READY\n");
            client.readExactly(content.length);
            client.send("ERROR 500 storage failure\n");
        })) {
            assertFails(() -> upload(server, file), Failure.REFUSED, "ERROR 500 storage failure");
        }
    }

    @Test
    @DisplayName("XFER-CLI-04/06: OK with a wrong digest fails as PROTOCOL")
    void wrongDigest() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(client -> {
            expectHeader(client);
            client.send("READY\n");
            byte[] payload = client.readExactly(content.length);
            payload[0] ^= 1;
            client.send("OK " + TestFiles.sha256(payload) + "\n");
        })) {
            assertFails(() -> upload(server, file), Failure.PROTOCOL, "digest mismatch");
        }
    }

    @Test
    @DisplayName("XFER-CLI-06: OK without a digest fails as PROTOCOL")
    void okWithoutDigest() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(client -> {
            expectHeader(client);
            client.send("READY\n");
            client.readExactly(content.length);
            client.send("OK\n");
        })) {
            assertFails(() -> upload(server, file), Failure.PROTOCOL, "expected OK");
        }
    }

    @Test
    @DisplayName("XFER-CLI-06: a garbage reply where READY is due fails as PROTOCOL")
    void garbageInsteadOfReady() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(client -> {
            expectHeader(client);
            client.send("HTTP/1.1 400 Bad Request\n");
            client.readUntilEof();
        })) {
            assertFails(() -> upload(server, file), Failure.PROTOCOL, "expected READY");
        }
    }

    @Test
    @DisplayName("XFER-CLI-06: OK where READY is due fails as PROTOCOL, before any payload")
    void okInsteadOfReady() throws Exception {
        AtomicReference<byte[]> afterHeader = new AtomicReference<>();
        try (ScriptedServer server = ScriptedServer.start(client -> {
            expectHeader(client);
            client.send("OK " + TestFiles.sha256(content) + "\n");
            afterHeader.set(client.readUntilEof());
        })) {
            assertFails(() -> upload(server, file), Failure.PROTOCOL, "expected READY");
            server.awaitScript(Duration.ofSeconds(5));
        }
        assertThat(afterHeader.get()).isEmpty();
    }

    @Test
    @DisplayName("XFER-LINE-05: a reply line of more than 512 octets fails as PROTOCOL without waiting for its end")
    void overLongReply() throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        try (ScriptedServer server = ScriptedServer.start(client -> {
            expectHeader(client);
            client.send("X".repeat(600));
            done.await(10, SECONDS);
        })) {
            assertFails(() -> upload(server, file), Failure.PROTOCOL, "longer than 512 octets");
            done.countDown();
        }
    }

    @Test
    @DisplayName("XFER-CLI-07: the server closing before READY fails as CONNECTION")
    void closedBeforeReady() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(this::expectHeader)) {
            assertFails(() -> upload(server, file), Failure.CONNECTION, "before READY");
        }
    }

    @Test
    @DisplayName("XFER-CLI-07: the server closing after the payload without OK fails as CONNECTION")
    void closedBeforeOk() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(client -> {
            expectHeader(client);
            client.send("READY\n");
            client.readExactly(content.length);
        })) {
            assertFails(() -> upload(server, file), Failure.CONNECTION, "before OK");
        }
    }

    @Test
    @DisplayName("XFER-CLI-07: a server that accepts and never answers fails as TIMEOUT, within the timeout and a margin")
    void neverAnswers() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(RawConnection::readUntilEof)) {
            long started = System.nanoTime();
            assertFails(() -> client(server, SHORT).upload(file, "notes.txt", ProgressListener.NONE),
                    Failure.TIMEOUT, "no answer");
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(took).isBetween(SHORT.minusMillis(50), SHORT.plusSeconds(2));
        }
    }

    @Test
    @DisplayName("XFER-CLI-07: a server that stops reading mid-payload fails as TIMEOUT (the write is bounded too)")
    void stopsReadingMidPayload() throws Exception {
        // Far more than the socket buffers of both ends hold, so the client's write blocks.
        Path big = TestFiles.randomFile(work.resolve("big.bin"), 24L * 1024 * 1024, 2);
        CountDownLatch done = new CountDownLatch(1);
        try (ScriptedServer server = ScriptedServer.startWithReceiveBuffer(4096, client -> {
            client.readLine();
            client.readLine();
            client.send("READY\n");
            done.await(20, SECONDS); // reads nothing more
        })) {
            long started = System.nanoTime();
            assertFails(() -> client(server, SHORT).upload(big, "big.bin", ProgressListener.NONE),
                    Failure.TIMEOUT, "the server stopped reading");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            done.countDown();
        }
    }

    @Test
    @DisplayName("XFER-CLI-07: nothing listening on the port fails as CONNECTION")
    void nothingListening() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        assertFails(() -> new XferClient("127.0.0.1", port, SHORT).upload(file, "notes.txt", ProgressListener.NONE),
                Failure.CONNECTION, "cannot connect");
    }

    @Test
    @DisplayName("XFER-CLI-08: a bad name is refused locally, before connecting")
    void badNameRefusedLocally() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(client -> {
            throw new AssertionError("the client connected");
        })) {
            for (String name : new String[] {"", "a/b", "..", "a\\b", "tab\t", "x".repeat(256)}) {
                assertFails(() -> client(server, SHORT).upload(file, name, ProgressListener.NONE),
                        Failure.LOCAL, "cannot send this name");
            }
        }
    }

    @Test
    @DisplayName("a missing local file is a LOCAL failure")
    void missingFile() {
        assertFails(() -> new XferClient("127.0.0.1", 1, SHORT)
                .upload(work.resolve("absent.txt"), "absent.txt", ProgressListener.NONE), Failure.LOCAL, "cannot read");
    }

    @Test
    @DisplayName("a directory given as the file is a LOCAL failure, and the server is not sent a header it cannot get a payload for")
    void directoryIsALocalFailure() throws Exception {
        Path directory = Files.createDirectories(work.resolve("a-directory"));
        try (XferServer server = XferServer.start(TestServers.config(work.resolve("server"), new TestServers.Log()))) {
            assertFails(() -> TestServers.client(server).upload(directory, "a-directory", ProgressListener.NONE),
                    Failure.LOCAL, "a-directory");
        }
    }

    @Test
    @DisplayName("XFER-CLI-07: a timeout longer than Integer.MAX_VALUE ms (about 25 days) is accepted")
    void veryLongTimeout() throws Exception {
        try (XferServer server = XferServer.start(TestServers.config(work.resolve("server"), new TestServers.Log()))) {
            UploadResult result = new XferClient("127.0.0.1", server.port(), Duration.ofDays(30))
                    .upload(file, "notes.txt", ProgressListener.NONE);
            assertThat(result.digest()).isEqualTo(TestFiles.sha256(content));
        }
    }

    @Test
    @DisplayName("the progress listener hears every write, ending at the full size")
    void progressReachesTheTotal() throws Exception {
        AtomicReference<long[]> last = new AtomicReference<>();
        try (XferServer server = XferServer.start(TestServers.config(work.resolve("server"), new TestServers.Log()))) {
            TestServers.client(server).upload(file, "notes.txt", (sent, total) -> last.set(new long[] {sent, total}));
        }
        assertThat(last.get()).containsExactly(content.length, content.length);
    }
}
