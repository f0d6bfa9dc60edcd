package xferlab.server;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import xferlab.testing.RawConnection;
import xferlab.testing.TestFiles;
import xferlab.testing.TestServers;

/**
 * Refusals the conformance suite cannot provoke (a configured maximum size) or does
 * not provoke this way (a flood past the name line's limit, CR LF after a 19-digit
 * size), over a raw socket, with the exact reply line. The other refusals are the
 * suite's cases, run against this server by ServerSuitePassesCorrectServersTest. The idle timeout is 30 s and every read waits at most 5 s, so a
 * reply that arrives proves the server answered by itself, not because the
 * connection idled. After each refusal the server must serve the next upload
 * (XFER-LIVE-01) and must have left no trace (XFER-STORE-04).
 */
@Timeout(value = 30, unit = SECONDS)
class ErrorRepliesTest {
    @TempDir
    Path work;

    private XferServer start(long maxSize) throws Exception {
        return XferServer.start(TestServers.config(work, new TestServers.Log())
                .withIdleTimeout(Duration.ofSeconds(30))
                .withMaxSize(maxSize));
    }

    /** Sends {@code octets}, expects exactly {@code reply} and then the end of the connection. */
    private void assertReply(XferServer server, byte[] octets, String reply) throws Exception {
        try (RawConnection connection = RawConnection.open(server.port())) {
            connection.send(octets);
            assertThat(connection.readLine()).isEqualTo(reply);
            assertThat(connection.readUntilEof()).as("octets after the final reply").isEmpty();
        }
    }

    private void assertRefusedThenStillServes(long maxSize, byte[] octets, String reply) throws Exception {
        try (XferServer server = start(maxSize)) {
            assertReply(server, octets, reply);
            TestServers.awaitQuiet(server);
            TestServers.assertNoTrace(work);
            TestServers.assertStillServes(server, work);
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    // --- 400 ---------------------------------------------------------------------------------

    @Test
    @DisplayName("XFER-LINE-04, XFER-CLOSE-01: a 1 MiB flood without LF gets its 400 reply intact")
    void floodWithoutLf() throws Exception {
        byte[] flood = new byte[1024 * 1024];
        Arrays.fill(flood, (byte) 'f');
        assertRefusedThenStillServes(Long.MAX_VALUE, flood, "ERROR 400 name line is longer than 255 octets");
    }

    @Test
    @DisplayName("XFER-LINE-04: a size line of 19 digits and a CR LF is within the limit (and then too large: 413)")
    void sizeLineOf19DigitsWithCrLf() throws Exception {
        try (XferServer server = start(Long.MAX_VALUE)) {
            try (RawConnection connection = RawConnection.open(server.port())) {
                connection.send("big.txt\r\n9223372036854775807\r\n");
                assertThat(connection.readLine()).startsWith("ERROR 413 ");
            }
        }
    }

    // --- 413 ---------------------------------------------------------------------------------

    @Test
    @DisplayName("XFER-SIZE-03: a size above the configured maximum is refused with 413 before READY")
    void aboveTheMaximum() throws Exception {
        assertRefusedThenStillServes(1000, ascii("big.bin\n1001\n"), "ERROR 413 size is above the limit of 1000 octets");
    }

    @Test
    @DisplayName("XFER-SIZE-03: a size of exactly the configured maximum is accepted")
    void exactlyTheMaximum() throws Exception {
        byte[] payload = TestFiles.randomBytes(1000, 1);
        try (XferServer server = start(1000);
             RawConnection connection = RawConnection.open(server.port())) {
            connection.send(RawConnection.header("max.bin", 1000));
            assertThat(connection.readLine()).isEqualTo("READY");
            connection.send(payload);
            assertThat(connection.readLine()).isEqualTo("OK " + TestFiles.sha256(payload));
        }
    }
}
