package xferlab.server;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import xferlab.testing.Await;
import xferlab.testing.RawConnection;
import xferlab.testing.TestFiles;
import xferlab.testing.TestServers;

/**
 * The server's side of the exchange, octet by octet, over a raw socket: exact reply
 * lines, line ends, segmentation, surplus octets and where an upload lives while
 * it is in progress.
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
    @DisplayName("XFER-UP-01..05, XFER-LINE-01: READY, then OK with the digest, each with a bare LF, then the server closes")
    void exactExchange() throws Exception {
        byte[] payload = TestFiles.randomBytes(1234, 1);
        try (RawConnection connection = RawConnection.open(server.port())) {
            connection.send(RawConnection.header("exact.bin", payload.length));
            assertThat(connection.readLine()).isEqualTo("READY");
            connection.send(payload);
            assertThat(connection.readLine()).isEqualTo("OK " + TestFiles.sha256(payload));
            assertThat(connection.readUntilEof()).as("octets after OK").isEmpty();
        }
        assertThat(stored("exact.bin")).hasBinaryContent(payload);
    }

    @Test
    @DisplayName("XFER-UP-02: payload octets are stored without conversion: LF, CR, CR LF, NUL and 0xFF included")
    void payloadIsNotConverted() throws Exception {
        byte[] payload = {'\n', '\r', '\n', '\r', 0, (byte) 0xff, 'R', 'E', 'A', 'D', 'Y', '\n', '\r'};
        try (RawConnection connection = RawConnection.open(server.port())) {
            connection.send(RawConnection.header("binary.bin", payload.length));
            assertThat(connection.readLine()).isEqualTo("READY");
            connection.send(payload);
            assertThat(connection.readLine()).isEqualTo("OK " + TestFiles.sha256(payload));
        }
        assertThat(stored("binary.bin")).hasBinaryContent(payload);
    }

    @Test
    @DisplayName("XFER-LINE-02: a header with CR LF line ends is accepted, the CRs are not part of name or size")
    void crLfHeader() throws Exception {
        try (RawConnection connection = RawConnection.open(server.port())) {
            connection.send("crlf.txt\r\n5\r\n");
            assertThat(connection.readLine()).isEqualTo("READY");
            connection.send("hello");
            assertThat(connection.readLine()).isEqualTo("OK " + TestFiles.sha256("hello".getBytes(StandardCharsets.US_ASCII)));
        }
        assertThat(TestFiles.listing(TestServers.storage(work))).containsExactly("crlf.txt");
    }

    @Test
    @DisplayName("XFER-LINE-04, XFER-LINE-02: a name line of exactly 255 octets plus CR LF is accepted")
    void longestNameWithCrLf() throws Exception {
        String name = "z".repeat(255);
        try (RawConnection connection = RawConnection.open(server.port())) {
            connection.send(name + "\r\n1\r\n");
            assertThat(connection.readLine()).isEqualTo("READY");
            connection.send("!");
            assertThat(connection.readLine()).startsWith("OK ");
        }
        assertThat(stored(name)).hasContent("!");
    }

    @Test
    @DisplayName("XFER-LINE-03: a whole upload sent one octet per segment is stored")
    void oneOctetPerSegment() throws Exception {
        byte[] all = RawConnection.concat(RawConnection.header("trickle.txt", 6), "octets".getBytes(StandardCharsets.US_ASCII));
        List<byte[]> segments = new ArrayList<>();
        for (byte b : all) {
            segments.add(new byte[] {b});
        }
        try (RawConnection connection = RawConnection.open(server.port())) {
            connection.sendSegments(segments);
            assertThat(connection.readLine()).isEqualTo("READY");
            assertThat(connection.readLine()).startsWith("OK ");
        }
        assertThat(stored("trickle.txt")).hasContent("octets");
    }

    @Test
    @DisplayName("XFER-LINE-03, XFER-UP-07: header and payload in a single segment are told apart")
    void everythingInOneSegment() throws Exception {
        byte[] payload = TestFiles.randomBytes(70_000, 2);
        try (RawConnection connection = RawConnection.open(server.port())) {
            connection.send(RawConnection.concat(RawConnection.header("together.bin", payload.length), payload));
            assertThat(connection.readLine()).isEqualTo("READY");
            assertThat(connection.readLine()).isEqualTo("OK " + TestFiles.sha256(payload));
        }
        assertThat(stored("together.bin")).hasBinaryContent(payload);
    }

    @ParameterizedTest(name = "\"{0}\" then the end of the stream")
    @ValueSource(strings = {"a/b", "cut.txt", "cut.txt\n3", "cut.txt\r\n3\r"})
    @DisplayName("XFER-LINE-06: octets cut off by the end of the stream are not a line: no reply, no file")
    void endOfStreamIsNotALineEnd(String sent) throws Exception {
        try (RawConnection connection = RawConnection.open(server.port())) {
            connection.send(sent);
            connection.shutdownOutput();
            assertThat(connection.readUntilEof()).as("reply to a cut-off line").isEmpty();
        }
        TestServers.awaitQuiet(server);
        TestServers.assertNoTrace(work);
        TestServers.assertStillServes(server, work);
    }

    @ParameterizedTest(name = "{0} surplus octets")
    @ValueSource(ints = {1, 100, 1024 * 1024})
    @DisplayName("XFER-UP-06, XFER-CLOSE-01: surplus octets after the payload are not stored and OK still arrives")
    void surplusAfterPayload(int surplus) throws Exception {
        byte[] payload = TestFiles.randomBytes(10_000, 3);
        byte[] extra = TestFiles.randomBytes(surplus, 4);
        try (RawConnection connection = RawConnection.open(server.port())) {
            connection.send(RawConnection.header("surplus.bin", payload.length));
            assertThat(connection.readLine()).isEqualTo("READY");
            // Payload and surplus in one write: the server must stop at the declared size.
            connection.send(RawConnection.concat(payload, extra));
            assertThat(connection.readLine()).isEqualTo("OK " + TestFiles.sha256(payload));
            assertThat(connection.readUntilEof()).isEmpty();
        }
        assertThat(stored("surplus.bin")).hasBinaryContent(payload);
        TestServers.awaitQuiet(server);
        TestServers.assertNoTrace(work, "surplus.bin");
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
