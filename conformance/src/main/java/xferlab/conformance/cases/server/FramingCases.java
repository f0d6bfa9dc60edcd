package xferlab.conformance.cases.server;

import static xferlab.conformance.cases.server.Wire.concat;
import static xferlab.conformance.cases.server.Wire.header;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import xferlab.conformance.cases.Case;
import xferlab.conformance.cases.Covers;
import xferlab.conformance.cases.Exchange;
import xferlab.conformance.cases.Section;
import xferlab.conformance.cases.ServerUnderTest;
import xferlab.conformance.cases.SuiteExtension;
import xferlab.conformance.cases.Violation;
import xferlab.conformance.fault.Fault;
import xferlab.conformance.fault.Segmenter;
import xferlab.conformance.wire.Received;

@Section("§3 Lines and framing")
@Order(2)
@ExtendWith(SuiteExtension.class)
class FramingCases {
    static final String ONE_RECV_HINT = "this usually means one recv() was taken for one message: "
            + "read the header as a byte stream, up to each LF, and keep what follows for the next read";

    @Test
    @Case("header-one-octet-per-segment")
    @Covers({"XFER-LINE-03"})
    @DisplayName("a header sent one octet per segment is read as two lines")
    void headerOneOctetPerSegment(ServerUnderTest server) throws IOException {
        String name = Wire.uniqueName(server, "trickle");
        byte[] payload = "one octet at a time".getBytes(StandardCharsets.US_ASCII);
        try (Exchange upload = server.connect("header one octet per segment")) {
            Segmenter.oneOctetEach(upload.connection(), header(name, payload.length), Duration.ofMillis(3));
            upload.expectReady().because(ONE_RECV_HINT);
            upload.send(payload);
            upload.expectOk(payload).because(ONE_RECV_HINT);
        }
        if (server.hasStorage()) {
            Wire.assertStored(server, name, payload);
        }
    }

    @Test
    @Case("header-and-payload-in-one-segment")
    @Covers({"XFER-LINE-03", "XFER-UP-07"})
    @DisplayName("header and payload in one segment: the payload is not taken for a line")
    void headerAndPayloadInOneSegment(ServerUnderTest server) throws IOException {
        String name = Wire.uniqueName(server, "coalesced");
        byte[] payload = "payload\nwith\nlines\n".getBytes(StandardCharsets.US_ASCII);
        try (Exchange upload = server.connect("header and payload in one write")) {
            upload.inject(Fault.RESEGMENT, "header and payload coalesced into one segment");
            upload.send(concat(header(name, payload.length), payload));
            upload.expectReady().because(ONE_RECV_HINT);
            upload.expectOk(payload).because(ONE_RECV_HINT);
        }
        if (server.hasStorage()) {
            Wire.assertStored(server, name, payload);
        }
    }

    @Test
    @Case("header-split-inside-lines")
    @Covers({"XFER-LINE-03"})
    @DisplayName("a header split inside its lines, with the payload's start in the last piece")
    void headerSplitInsideLines(ServerUnderTest server) throws IOException {
        String name = Wire.uniqueName(server, "split");
        byte[] payload = "hello".getBytes(StandardCharsets.US_ASCII);
        byte[] all = concat(header(name, payload.length), payload);
        int nameLength = name.getBytes(StandardCharsets.UTF_8).length;
        // "hel" | "lo.bin\n5" | "\nhe" | "llo": each boundary falls inside a line
        int[] cuts = {3, nameLength + 2, nameLength + 4, all.length};
        try (Exchange upload = server.connect("header split inside lines")) {
            Segmenter.atCuts(upload.connection(), all, cuts, Duration.ofMillis(20));
            upload.expectReady().because(ONE_RECV_HINT);
            upload.expectOk(payload).because(ONE_RECV_HINT);
        }
    }

    @Test
    @Case("unfinished-line-is-not-acted-on")
    @Covers({"XFER-LINE-06"})
    @DisplayName("a size line cut by the end of the stream is not acted on: no READY, no file")
    void unfinishedLineIsNotActedOn(ServerUnderTest server) throws IOException {
        String name = Wire.uniqueName(server, "unfinished");
        try (Exchange upload = server.connect("size line without its LF, then FIN")) {
            upload.send(name + "\n");
            upload.send("0");
            upload.inject(Fault.HALF_CLOSE, "the suite shuts down its sending side before the size line's LF");
            Received rest = upload.connection().readToEnd(server.timing().reply());
            if (rest.any()) {
                throw Violation.of("XFER-LINE-06")
                        .expected("no reply: the size line never ended, so there is no upload")
                        .actual("the server sent \"" + rest.text() + "\"")
                        .hint("end of stream is not a line end: a readline() that returns a line without its LF at "
                                + "the end of the stream must be treated as a vanished client")
                        .build();
            }
        }
        Storage.expectUnchanged(server, name, null, "before the size line's LF");
    }

    @Test
    @Case("crlf-line-ends-are-accepted")
    @Covers({"XFER-LINE-02"})
    @DisplayName("CR LF line ends are accepted, and the CR is not part of the name")
    void crlfLineEndsAreAccepted(ServerUnderTest server) throws IOException {
        String name = Wire.uniqueName(server, "crlf");
        byte[] payload = "crlf".getBytes(StandardCharsets.US_ASCII);
        try (Exchange upload = server.connect("CR LF header")) {
            upload.sendLines(name + "\r\n", payload.length + "\r\n");
            upload.expectReady()
                    .because("a CR directly before the LF belongs to the line end: strip it before checking the line");
            upload.send(payload);
            upload.expectOk(payload).because("a CR directly before the LF belongs to the line end");
        }
        if (server.hasStorage()) {
            Wire.assertStored(server, name, payload);
        }
    }

    @Test
    @Case("longest-name-is-accepted")
    @Covers({"XFER-LINE-04", "XFER-NAME-01"})
    @DisplayName("a name of exactly 255 octets, with LF or with CR LF, is accepted")
    void longestNameIsAccepted(ServerUnderTest server) throws IOException {
        for (String end : new String[] {"\n", "\r\n"}) {
            String stem = Wire.uniqueName(server, "");
            String name = "n".repeat(255 - stem.length()) + stem;
            try (Exchange upload = server.connect("name of 255 octets, line end " + (end.length() == 1 ? "LF" : "CR LF"))) {
                upload.sendLines(name + end, "1" + end);
                upload.expectReady()
                        .because("255 octets is the limit, not past it: the line end (and a CR before it) is not counted");
                upload.send("x");
                upload.expectOk(new byte[] {'x'}).citing("XFER-NAME-01").because("a name of 255 octets is valid");
            }
        }
    }

    @Test
    @Case("overlong-name-line-is-refused-without-waiting-for-lf")
    @Covers({"XFER-LINE-04"})
    @DisplayName("a name line of 256 octets is refused with 400 before any LF arrives")
    void overlongNameLineIsRefusedWithoutWaitingForLf(ServerUnderTest server) throws IOException {
        byte[] name = new byte[256];
        Arrays.fill(name, (byte) 'a');
        try (Exchange upload = server.connect("name line past the limit, no LF")) {
            upload.send(name);
            upload.transcript().note("the suite sends no LF and waits");
            upload.expectError(400).because("check the limit on every octet read: a peer that never sends LF must "
                    + "not make the server buffer (or wait) without bound");
        }
    }

    @Test
    @Case("cr-as-octet-256-waits-for-the-next-octet")
    @Covers({"XFER-LINE-04"})
    @DisplayName("a CR as octet 256 of the name line, alone in its segment, is held until the LF that follows")
    void crAsOctet256WaitsForTheNextOctet(ServerUnderTest server) throws IOException {
        String stem = Wire.uniqueName(server, "");
        String name = "c".repeat(255 - stem.length()) + stem;
        try (Exchange upload = server.connect("255-octet name, then CR alone, then LF")) {
            upload.send(name);
            upload.inject(Fault.RESEGMENT, "the CR after octet 255 in a segment of its own, the LF 200 ms later");
            upload.send("\r");
            pause(Duration.ofMillis(200));
            upload.send("\n").send("1\n");
            upload.expectReady().because("a CR as octet 256 may be the start of CR LF: wait for the next octet "
                    + "before refusing the line as too long");
            upload.send("x");
            upload.expectOk(new byte[] {'x'}).because("the name of 255 octets was valid");
        }
    }

    @Test
    @Case("overlong-size-line-is-refused-without-waiting-for-lf")
    @Covers({"XFER-LINE-04"})
    @DisplayName("a size line of 20 digits is refused with 400 before any LF arrives")
    void overlongSizeLineIsRefusedWithoutWaitingForLf(ServerUnderTest server) throws IOException {
        String name = Wire.uniqueName(server, "long-size");
        try (Exchange upload = server.connect("size line past the limit, no LF")) {
            upload.send(name + "\n");
            Exchange.pauseBetweenLines();
            upload.send("12345678901234567890");
            upload.transcript().note("the suite sends no LF and waits");
            upload.expectError(400).because("a size line has at most 19 octets: refuse the 20th at once");
        }
    }

    private static void pause(Duration pause) throws IOException {
        try {
            Thread.sleep(pause.toMillis()); // pacing the segments, not waiting for the server
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted between segments");
        }
    }
}
