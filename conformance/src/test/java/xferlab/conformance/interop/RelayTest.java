package xferlab.conformance.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import xferlab.conformance.target.ClientRun;
import xferlab.conformance.target.EmbeddedTarget;
import xferlab.conformance.wire.Transcript;

/** The recording relay over real sockets, and the judge reading what it recorded. */
class RelayTest {
    private static final ClientRun EXITED_0 = new ClientRun(0, "", "", 10, false);
    private static final UploadSet.UploadFile HELLO = new UploadSet.UploadFile("hello.txt",
            "hello".getBytes(StandardCharsets.US_ASCII), "five octets");

    @Test
    @Timeout(30)
    void everySegmentIsRecordedWithItsDirectionAndTheEndsArePassedOn(@TempDir Path dir) throws Exception {
        try (EmbeddedTarget server = new EmbeddedTarget(dir.resolve("storage"), Duration.ofSeconds(5), 0)) {
            server.start();
            try (Relay relay = new Relay(server.address(), Duration.ofSeconds(10))) {
                try (Socket client = connect(relay)) {
                    send(client, "hello.txt\n5\n");
                    assertThat(readLine(client)).isEqualTo("READY");
                    send(client, "hello");
                    assertThat(readLine(client)).startsWith("OK ");
                    client.shutdownOutput();
                    assertThat(client.getInputStream().read()).as("the server's close, passed on").isEqualTo(-1);
                }
                relay.awaitQuiet(Duration.ofSeconds(5));
                List<Relay.Recorded> connections = relay.connections();
                assertThat(connections).hasSize(1);
                List<Transcript.Event> events = connections.get(0).transcript.events();
                assertThat(events).filteredOn(e -> e.kind() == Transcript.Kind.SENT)
                        .extracting(e -> new String(e.octets(), StandardCharsets.US_ASCII))
                        .containsExactly("hello.txt\n5\n", "hello");
                assertThat(events).filteredOn(e -> e.kind() == Transcript.Kind.RECEIVED)
                        .extracting(e -> new String(e.octets(), StandardCharsets.US_ASCII)).first().isEqualTo("READY\n");
                assertThat(events).extracting(Transcript.Event::text)
                        .contains("the server closed its side (end of stream)", "connection ended");

                UploadOutcome outcome = ExchangeJudge.judge(HELLO, EXITED_0, connections,
                        Files.readAllBytes(dir.resolve("storage/hello.txt")));
                assertThat(outcome.failures()).isEmpty();
                assertThat(outcome.breaches()).isEmpty();
                assertThat(MatrixReport.exchangeText(connections.get(0).transcript))
                        .contains("client -> server  \"hello.txt\\n5\\n\"", "server -> client  \"READY\\n\"");
            }
        }
    }

    @Test
    @Timeout(30)
    void aClientThatSendsItsPayloadBeforeReadyAndEndsLinesWithCrLfIsCharged(@TempDir Path dir) throws Exception {
        try (EmbeddedTarget server = new EmbeddedTarget(dir.resolve("storage"), Duration.ofSeconds(5), 0)) {
            server.start();
            try (Relay relay = new Relay(server.address(), Duration.ofSeconds(10))) {
                try (Socket client = connect(relay)) {
                    send(client, "hello.txt\r\n5\r\nhello");
                    assertThat(readLine(client)).isEqualTo("READY");
                    assertThat(readLine(client)).startsWith("OK ");
                }
                relay.awaitQuiet(Duration.ofSeconds(5));
                UploadOutcome outcome = ExchangeJudge.judge(HELLO, EXITED_0, relay.connections(),
                        Files.readAllBytes(dir.resolve("storage/hello.txt")));
                assertThat(outcome.passed()).as("the file got there: the pair's criteria are met").isTrue();
                assertThat(outcome.breaches()).extracting(Breach::side).containsOnly(Side.CLIENT);
                assertThat(outcome.breaches()).extracting(Breach::requirement)
                        .containsExactly("XFER-LINE-01", "XFER-LINE-01", "XFER-CLI-03");
            }
        }
    }

    @Test
    @Timeout(30)
    void aServerWhoseOkCarriesAWrongDigestIsChargedAndSoIsAClientThatExits0OnIt() throws Exception {
        try (ServerSocket fake = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> {
                try (Socket peer = fake.accept()) {
                    peer.setSoTimeout(10_000);
                    readLine(peer);
                    readLine(peer);
                    send(peer, "READY\n");
                    peer.getInputStream().readNBytes(5);
                    send(peer, "OK " + "0".repeat(64) + "\n");
                } catch (IOException e) {
                    // the test's assertions show what went wrong
                }
            });
            server.setDaemon(true);
            server.start();
            try (Relay relay = new Relay(new InetSocketAddress(InetAddress.getLoopbackAddress(), fake.getLocalPort()),
                    Duration.ofSeconds(10))) {
                try (Socket client = connect(relay)) {
                    send(client, "hello.txt\n5\n");
                    assertThat(readLine(client)).isEqualTo("READY");
                    send(client, "hello");
                    assertThat(readLine(client)).isEqualTo("OK " + "0".repeat(64));
                }
                relay.awaitQuiet(Duration.ofSeconds(5));
                UploadOutcome outcome = ExchangeJudge.judge(HELLO, EXITED_0, relay.connections(), HELLO.content());
                assertThat(outcome.passed()).isFalse();
                assertThat(outcome.failures()).anyMatch(f -> f.contains("is not the file's SHA-256"));
                assertThat(outcome.breaches()).extracting(b -> b.side() + " " + b.requirement())
                        .containsExactly("SERVER XFER-UP-03", "CLIENT XFER-CLI-04");
            }
            server.join(5000);
        }
    }

    private static Socket connect(Relay relay) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), relay.port());
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static void send(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** One line without its end, octet by octet: nothing past the LF is taken. */
    private static String readLine(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                return line.toString();
            }
            line.append((char) c);
        }
        return line.toString().replaceFirst("\r$", "");
    }
}
