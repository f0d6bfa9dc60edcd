package xferlab.server;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import xferlab.testing.RawConnection;
import xferlab.testing.TestFiles;
import xferlab.testing.TestServers;

/**
 * Every refusal before and after READY, provoked over a raw socket, with the exact
 * reply line. The idle timeout is 30 s and every read waits at most 5 s, so a
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

    @ParameterizedTest(name = "size line \"{0}\"")
    @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, value = {
        "|ERROR 400 size is empty",
        "12a|ERROR 400 size has a non-digit octet",
        "+1|ERROR 400 size has a non-digit octet",
        "-1|ERROR 400 size has a non-digit octet",
        " 1|ERROR 400 size has a non-digit octet",
        "1 |ERROR 400 size has a non-digit octet",
        "1_0|ERROR 400 size has a non-digit octet",
        "0x10|ERROR 400 size has a non-digit octet",
        "01|ERROR 400 size has a leading zero",
        "9223372036854775808|ERROR 400 size is above 9223372036854775807"})
    @DisplayName("XFER-SIZE-02: a malformed size line is refused with 400")
    void malformedSize(String sizeLine, String reply) throws Exception {
        String line = sizeLine == null ? "" : sizeLine;
        assertRefusedThenStillServes(Long.MAX_VALUE, ascii("bad-size.txt\n" + line + "\n"), reply);
    }

    @Test
    @DisplayName("XFER-LINE-04: a name line of 256 octets is refused with 400 though no LF is ever sent")
    void nameLineTooLongWithoutLf() throws Exception {
        byte[] name = new byte[256];
        Arrays.fill(name, (byte) 'n');
        assertRefusedThenStillServes(Long.MAX_VALUE, name, "ERROR 400 name line is longer than 255 octets");
    }

    @Test
    @DisplayName("XFER-LINE-04, XFER-CLOSE-01: a 1 MiB flood without LF gets its 400 reply intact")
    void floodWithoutLf() throws Exception {
        byte[] flood = new byte[1024 * 1024];
        Arrays.fill(flood, (byte) 'f');
        assertRefusedThenStillServes(Long.MAX_VALUE, flood, "ERROR 400 name line is longer than 255 octets");
    }

    @Test
    @DisplayName("XFER-LINE-04: a size line of 20 digits is refused with 400 though no LF is ever sent")
    void sizeLineTooLongWithoutLf() throws Exception {
        assertRefusedThenStillServes(Long.MAX_VALUE, ascii("digits.txt\n" + "1".repeat(20)),
                "ERROR 400 size line is longer than 19 octets");
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

    // --- 403 ---------------------------------------------------------------------------------

    static Stream<Arguments> refusedNames() {
        HexFormat hex = HexFormat.of();
        return Stream.of(
                Arguments.of("empty", new byte[0], "name is empty"),
                Arguments.of("slash", ascii("a/b"), "name contains '/'"),
                Arguments.of("traversal", ascii("../escaped.txt"), "name contains '/'"),
                Arguments.of("absolute", ascii("/tmp/escaped.txt"), "name contains '/'"),
                Arguments.of("backslash", ascii("..\\escaped.txt"), "name contains '\\'"),
                Arguments.of("dot", ascii("."), "name is '.'"),
                Arguments.of("dot dot", ascii(".."), "name is '..'"),
                Arguments.of("NUL", ascii("a\u0000b"), "name contains a control octet"),
                Arguments.of("0x01", ascii("a\u0001b"), "name contains a control octet"),
                Arguments.of("tab", ascii("a\tb"), "name contains a control octet"),
                Arguments.of("CR inside", ascii("a\rb"), "name contains a control octet"),
                Arguments.of("ESC", ascii("a\u001b[31mred"), "name contains a control octet"),
                Arguments.of("0x1F", ascii("a\u001fb"), "name contains a control octet"),
                Arguments.of("DEL", ascii("a\u007fb"), "name contains a control octet"),
                Arguments.of("lone continuation", hex.parseHex("6180"), "name is not valid UTF-8"),
                Arguments.of("truncated sequence", hex.parseHex("61e697"), "name is not valid UTF-8"),
                Arguments.of("overlong C0 AF", hex.parseHex("2e2ec0af"), "name is not valid UTF-8"),
                Arguments.of("surrogate", hex.parseHex("eda080"), "name is not valid UTF-8"),
                Arguments.of("above U+10FFFF", hex.parseHex("f4908080"), "name is not valid UTF-8"),
                Arguments.of("0xFF", hex.parseHex("ff"), "name is not valid UTF-8"),
                Arguments.of("Latin-1", hex.parseHex("72e973756de9"), "name is not valid UTF-8"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedNames")
    @DisplayName("XFER-NAME-02..06: a name breaking a rule is refused with 403, and nothing is written anywhere")
    void refusedName(String description, byte[] name, String reason) throws Exception {
        assertRefusedThenStillServes(Long.MAX_VALUE, RawConnection.header(name, "5"), "ERROR 403 " + reason);
        assertThat(TestFiles.listing(work)).as("work directory").containsExactlyInAnyOrder(
                "store", ".store.xfer-tmp", "liveness-source");
    }

    @Test
    @DisplayName("XFER-NAME-07: a bad name is refused as soon as its line is complete, without the size line")
    void nameRefusedBeforeTheSizeLine() throws Exception {
        try (XferServer server = start(Long.MAX_VALUE)) {
            assertReply(server, ascii("../etc/passwd\n"), "ERROR 403 name contains '/'");
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

    @Test
    @DisplayName("XFER-SIZE-03: a size above the free space (2^62 octets) is refused with 413 before READY")
    void aboveTheFreeSpace() throws Exception {
        try (XferServer server = start(Long.MAX_VALUE)) {
            try (RawConnection connection = RawConnection.open(server.port())) {
                connection.send(RawConnection.header("huge.bin", 1L << 62));
                assertThat(connection.readLine()).matches("ERROR 413 size is above the free space of \\d+ octets");
                assertThat(connection.readUntilEof()).isEmpty();
            }
            TestServers.awaitQuiet(server);
            TestServers.assertNoTrace(work);
            TestServers.assertStillServes(server, work);
        }
    }

    @Test
    @DisplayName("XFER-CLOSE-01: a client that sends its payload with the header still reads the 413 sent before READY")
    void earlyPayloadDoesNotDestroyTheRefusal() throws Exception {
        // Without a lingering close, the unread payload makes the server's kernel send a
        // reset, which may discard the ERROR before the client reads it.
        byte[] octets = RawConnection.concat(ascii("early.bin\n600000\n"), TestFiles.randomBytes(600_000, 2));
        try (XferServer server = start(1000)) {
            for (int round = 0; round < 5; round++) {
                assertReply(server, octets, "ERROR 413 size is above the limit of 1000 octets");
            }
            TestServers.awaitQuiet(server);
            TestServers.assertNoTrace(work);
            TestServers.assertStillServes(server, work);
        }
    }

    // --- 500 ---------------------------------------------------------------------------------

    @Test
    @DisplayName("XFER-ERR-02: when the file cannot be put in place (the name is a directory) the server answers 500")
    void storageFailure() throws Exception {
        Path directory = Files.createDirectories(TestServers.storage(work).resolve("taken"));
        Files.writeString(directory.resolve("inside.txt"), "keep me");
        byte[] payload = TestFiles.randomBytes(2000, 3);
        TestServers.Log log = new TestServers.Log();
        try (XferServer server = XferServer.start(TestServers.config(work, log))) {
            try (RawConnection connection = RawConnection.open(server.port())) {
                connection.send(RawConnection.header("taken", payload.length));
                assertThat(connection.readLine()).isEqualTo("READY");
                connection.send(payload);
                assertThat(connection.readLine()).isEqualTo("ERROR 500 storage failure");
                assertThat(connection.readUntilEof()).isEmpty();
            }
            TestServers.awaitQuiet(server);
            assertThat(directory).isDirectory();
            assertThat(directory.resolve("inside.txt")).hasContent("keep me");
            TestServers.assertNoTrace(work, "taken");
            assertThat(log.lines()).anySatisfy(line -> assertThat(line).contains("storage failure"));
            TestServers.assertStillServes(server, work);
        }
    }
}
