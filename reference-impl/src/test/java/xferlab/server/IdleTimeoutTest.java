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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import xferlab.testing.RawConnection;
import xferlab.testing.TestFiles;
import xferlab.testing.TestServers;

/**
 * The idle timeout (XFER-TIME-01, XFER-TIME-02) where the conformance suite does not
 * look: silence around the size line, a client slower than the timeout that never
 * goes silent, a timeout of 30 days. A connection that sends nothing for 400 ms
 * gets {@code ERROR 408} and is closed. The tests stay
 * silent on purpose and then wait for the server's reaction (the reply and the
 * end of the connection), bounded by the read timeout.
 */
@Timeout(value = 30, unit = SECONDS)
class IdleTimeoutTest {
    private static final Duration IDLE = Duration.ofMillis(400);
    private static final String TIMEOUT_REPLY = "ERROR 408 idle timeout after 400 ms";

    @TempDir
    Path work;

    private XferServer server;

    @BeforeEach
    void start() throws Exception {
        server = XferServer.start(TestServers.config(work, new TestServers.Log()).withIdleTimeout(IDLE));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** Sends {@code octets}, stays silent, and expects the 408 no earlier than the idle timeout. */
    private void assertTimesOutAfter(String octets, String... repliesBefore) throws Exception {
        try (RawConnection connection = RawConnection.open(server.port())) {
            connection.send(octets.getBytes(StandardCharsets.UTF_8));
            // The server cannot start counting before our last octet left.
            long silentSince = System.nanoTime();
            for (String reply : repliesBefore) {
                assertThat(connection.readLine()).isEqualTo(reply);
            }
            assertThat(connection.readLine()).isEqualTo(TIMEOUT_REPLY);
            long waited = Duration.ofNanos(System.nanoTime() - silentSince).toMillis();
            assertThat(waited).as("ms of silence before the 408").isGreaterThanOrEqualTo(IDLE.toMillis() - 50);
            assertThat(connection.readUntilEof()).isEmpty();
        }
        TestServers.awaitQuiet(server);
        TestServers.assertNoTrace(work);
        TestServers.assertStillServes(server, work);
    }

    @ParameterizedTest(name = "after \"{0}\"")
    @ValueSource(strings = {"name.txt\n", "name.txt\n12"})
    @DisplayName("XFER-TIME-01/02: silence after the name line, or inside the size line, gets 408 and the close")
    void silentMidHeader(String sent) throws Exception {
        assertTimesOutAfter(sent);
    }

    @Test
    @DisplayName("XFER-TIME-01: a slow client that keeps sending is not timed out, though the whole upload outlasts the idle timeout")
    void slowButSteadyClientIsServed() throws Exception {
        // Its own server: a 1 s idle timeout leaves a 100 ms pace ten times the margin,
        // so a busy machine cannot turn the pacing into a silence.
        Duration idle = Duration.ofSeconds(1);
        TestServers.Log log = new TestServers.Log();
        byte[] all = "slow.txt\n6\nsteady".getBytes(StandardCharsets.US_ASCII);
        try (XferServer patient = XferServer.start(TestServers.config(work, log).withIdleTimeout(idle));
             RawConnection connection = RawConnection.open(patient.port())) {
            for (byte b : all) {
                connection.send(new byte[] {b});
                Thread.sleep(100); // pacing, not synchronisation: never silent for the idle timeout
            }
            assertThat(connection.readLine()).isEqualTo("READY");
            assertThat(connection.readLine()).isEqualTo("OK " + TestFiles.sha256("steady".getBytes(StandardCharsets.US_ASCII)));
            assertThat(connection.readUntilEof()).isEmpty();
            TestServers.awaitQuiet(patient);
        }
        assertThat(TestServers.storage(work).resolve("slow.txt")).hasContent("steady");
        // The server's own clock, not ours: the connection it served lasted longer
        // than its idle timeout, so the timeout counts silence, not the whole upload.
        assertThat(TestServers.servedMillis(log, "slow.txt")).as("ms the server spent on the upload")
                .isGreaterThan(idle.toMillis());
    }

    @Test
    @DisplayName("XFER-TIME-01: an idle timeout longer than Integer.MAX_VALUE ms (about 25 days) still lets the server serve")
    void veryLongIdleTimeout() throws Exception {
        // The server accepts any --idle-timeout of at least 1 s; 30 days must work too.
        try (XferServer patient = XferServer.start(TestServers.config(work, new TestServers.Log())
                .withIdleTimeout(Duration.ofDays(30)))) {
            TestServers.assertStillServes(patient, work);
        }
    }
}
