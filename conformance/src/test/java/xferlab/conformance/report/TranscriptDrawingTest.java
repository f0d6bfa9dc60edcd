package xferlab.conformance.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import xferlab.conformance.fault.Fault;
import xferlab.conformance.report.DrawnExchange.Kind;
import xferlab.conformance.report.DrawnExchange.Step;
import xferlab.conformance.wire.Connection;
import xferlab.conformance.wire.Transcript;

/**
 * The diagram is read back from the transcript a real connection records: what went
 * each way, the faults as injected, the peer's close. This holds the transcript's
 * verbose form and its reader together.
 */
class TranscriptDrawingTest {
    private static final Duration BOUND = Duration.ofSeconds(5);

    @Test
    @Timeout(20)
    void aRealConnectionIsDrawnStepByStep() throws Exception {
        byte[] payload = new byte[65_536];
        new Random(3).nextBytes(payload);
        Transcript transcript = new Transcript("connection 1 (upload of a.bin)");
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread peer = new Thread(() -> {
                try (Socket accepted = listener.accept()) {
                    accepted.setSoTimeout((int) BOUND.toMillis());
                    InputStream in = accepted.getInputStream();
                    OutputStream out = accepted.getOutputStream();
                    readUntil(in, 2);
                    out.write("READY\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    in.readAllBytes();
                } catch (Exception e) {
                    // the suite's side reports what it saw
                }
            });
            peer.setDaemon(true);
            peer.start();
            try (Connection connection = Connection.open(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort()), BOUND, BOUND,
                    transcript)) {
                connection.send("a.bin\n");
                connection.send("65536\n");
                connection.readLine(BOUND);
                connection.inject(Fault.RESEGMENT, "the payload in one write");
                connection.send(payload);
                connection.inject(Fault.HALF_CLOSE, "after the payload");
                connection.readToEnd(BOUND);
            }
            peer.join(BOUND.toMillis());
        }

        DrawnExchange drawn = DrawnExchange.of(List.of(transcript.full()));
        assertThat(drawn.connections()).singleElement().extracting(DrawnExchange.Connection::title)
                .isEqualTo("connection 1 (upload of a.bin)");
        List<Step> steps = drawn.connections().get(0).steps();
        assertThat(steps).extracting(Step::kind).containsExactly(Kind.SUITE_SENT, Kind.SUITE_SENT, Kind.PEER_SENT,
                Kind.FAULT, Kind.SUITE_SENT, Kind.FAULT, Kind.PEER_CLOSED);
        assertThat(new String(steps.get(0).octets(), StandardCharsets.US_ASCII)).isEqualTo("a.bin\n");
        assertThat(new String(steps.get(2).octets(), StandardCharsets.US_ASCII)).isEqualTo("READY\r\n");
        assertThat(steps.get(3).fault()).isEqualTo(Fault.RESEGMENT);
        assertThat(steps.get(3).text()).isEqualTo("the payload in one write");
        assertThat(steps.get(4).length()).isEqualTo(65_536);
        assertThat(steps.get(4).octets()).startsWith(java.util.Arrays.copyOf(payload, 16));
        assertThat(steps.get(5).fault()).isEqualTo(Fault.HALF_CLOSE);
        assertThat(steps).extracting(Step::millis).isSorted();

        String svg = SequenceDiagram.svg(drawn, true, "the READY line ending in a bare LF (\\n)", "\"READY\\r\\n\"");
        assertThat(svg).contains("65,536 octets: " + String.format("%02x", payload[0] & 0xff))
                .contains("closed (end of stream)").contains("half-closed (FIN)");
        assertThat(SequenceDiagramTest.groups(SequenceDiagramTest.parse(svg), "segment")).hasSize(4);
    }

    @Test
    void linesItCannotReadAreLeftOutNeverGuessed() {
        DrawnExchange drawn = DrawnExchange.of(List.of("connection 1 (x)\n"
                + "      12 ms  suite  -> \"ok\\n\"\n"
                + "  something else entirely\n"
                + "      13 ms  server -> not quoted\n"
                + "      14 ms  FAULT     a fault the suite does not know: detail\n"
                + "      15 ms            write failed: Broken pipe\n"));
        assertThat(drawn.connections().get(0).steps()).extracting(Step::kind)
                .containsExactly(Kind.SUITE_SENT, Kind.NOTE, Kind.PEER_RESET);
        assertThat(DrawnExchange.unescape("a\\x00\\\\\\r\\xzz")).containsExactly('a', 0, '\\', '\r', '\\', 'x', 'z',
                'z');
    }

    private static void readUntil(InputStream in, int lineFeeds) throws java.io.IOException {
        int seen = 0;
        while (seen < lineFeeds) {
            int octet = in.read();
            if (octet < 0) {
                return;
            }
            if (octet == '\n') {
                seen++;
            }
        }
    }
}
