package xferlab.server;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import xferlab.testing.Await;
import xferlab.testing.RawConnection;
import xferlab.testing.TestFiles;
import xferlab.testing.TestServers;

/**
 * The server's side of the exchange over a raw socket, where the conformance suite
 * does not look: 1 MiB of surplus before READY, surplus shaped like a second upload,
 * and where an upload lives while it is in progress (the temporary directory).
 */
@Timeout(value = 30, unit = SECONDS)
class RawExchangeTest {
    @TempDir
    Path work;

    private XferServer server;

    @BeforeEach
    void start() throws Exception {
        server = XferServer.start(TestServers.config(work, new TestServers.Log()));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Path stored(String name) {
        return TestServers.storage(work).resolve(name);
    }

    @Test
    @DisplayName("XFER-UP-06/07, XFER-CLOSE-01: a client that sends payload and 1 MiB of surplus before READY still gets READY and OK")
    void surplusBeforeReady() throws Exception {
        byte[] payload = TestFiles.randomBytes(5000, 5);
        byte[] extra = TestFiles.randomBytes(1024 * 1024, 6);
        try (RawConnection connection = RawConnection.open(server.port())) {
            connection.send(RawConnection.concat(RawConnection.header("eager.bin", payload.length), payload, extra));
            assertThat(connection.readLine()).isEqualTo("READY");
            assertThat(connection.readLine()).isEqualTo("OK " + TestFiles.sha256(payload));
        }
        assertThat(stored("eager.bin")).hasBinaryContent(payload);
    }

    @Test
    @DisplayName("XFER-UP-06: surplus that looks like a second upload is not taken as one")
    void secondHeaderIsNotServed() throws Exception {
        try (RawConnection connection = RawConnection.open(server.port())) {
            connection.send("one.txt\n3\nabcsecond.txt\n3\nxyz");
            assertThat(connection.readLine()).isEqualTo("READY");
            assertThat(connection.readLine()).isEqualTo("OK " + TestFiles.sha256("abc".getBytes(StandardCharsets.US_ASCII)));
            assertThat(connection.readUntilEof()).isEmpty();
        }
        TestServers.awaitQuiet(server);
        TestServers.assertNoTrace(work, "one.txt");
    }

    @Test
    @DisplayName("XFER-STORE-05: while an upload is in progress its octets live in the temporary directory, not in storage")
    void uploadInProgressLivesOutsideStorage() throws Exception {
        byte[] payload = TestFiles.randomBytes(100_000, 7);
        Path temp = TestServers.temp(work);
        try (RawConnection connection = RawConnection.open(server.port())) {
            connection.send(RawConnection.header("progress.bin", payload.length));
            assertThat(connection.readLine()).isEqualTo("READY");
            connection.send(java.util.Arrays.copyOf(payload, 60_000));
            Await.until(Duration.ofSeconds(5), "60000 octets written to a temporary file",
                    () -> TestServers.partSize(work) == 60_000);
            assertThat(TestFiles.listing(TestServers.storage(work))).isEmpty();
            assertThat(TestFiles.listing(temp)).singleElement().asString().endsWith(".part");

            connection.send(java.util.Arrays.copyOfRange(payload, 60_000, payload.length));
            assertThat(connection.readLine()).isEqualTo("OK " + TestFiles.sha256(payload));
        }
        TestServers.awaitQuiet(server);
        TestServers.assertNoTrace(work, "progress.bin");
    }
}
