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

import xferlab.conformance.cases.Covers;
import xferlab.conformance.cases.Expect;
import xferlab.conformance.cases.Section;
import xferlab.conformance.cases.ServerUnderTest;
import xferlab.conformance.cases.SuiteExtension;
import xferlab.conformance.fault.Segmenter;
import xferlab.conformance.wire.Connection;

@Section("2. Lines and framing")
@Order(2)
@ExtendWith(SuiteExtension.class)
class FramingCases {
    static final String ONE_RECV_HINT = "this usually means one recv() was taken for one message: "
            + "read the header as a byte stream, up to each LF, and keep what follows for the next read";

    @Test
    @Covers({"XFER-LINE-03"})
    @DisplayName("a header sent one octet per segment is read as two lines")
    void headerOneOctetPerSegment(ServerUnderTest server) throws IOException {
        String name = Wire.uniqueName(server, "trickle");
        byte[] payload = "one octet at a time".getBytes(StandardCharsets.US_ASCII);
        try (Connection connection = server.connect("header one octet per segment")) {
            Segmenter.oneOctetEach(connection, header(name, payload.length), Duration.ofMillis(3));
            Expect.ready(connection, server.timing().reply(), "XFER-LINE-03", ONE_RECV_HINT);
            connection.send(payload);
            Expect.ok(connection, payload, server.timing().reply(), "XFER-LINE-03", ONE_RECV_HINT);
        }
        if (server.hasStorage()) {
            Wire.assertStored(server, name, payload, "XFER-LINE-03");
        }
    }

    @Test
    @Covers({"XFER-LINE-03", "XFER-UP-07"})
    @DisplayName("header and payload in one segment: the payload is not taken for a line")
    void headerAndPayloadInOneSegment(ServerUnderTest server) throws IOException {
        String name = Wire.uniqueName(server, "coalesced");
        byte[] payload = "payload\nwith\nlines\n".getBytes(StandardCharsets.US_ASCII);
        try (Connection connection = server.connect("header and payload in one write")) {
            connection.transcript().fault("re-segment: header and payload coalesced into one segment");
            connection.send(concat(header(name, payload.length), payload));
            Expect.ready(connection, server.timing().reply(), "XFER-LINE-03", ONE_RECV_HINT);
            Expect.ok(connection, payload, server.timing().reply(), "XFER-LINE-03", ONE_RECV_HINT);
        }
        if (server.hasStorage()) {
            Wire.assertStored(server, name, payload, "XFER-LINE-03");
        }
    }

    @Test
    @Covers({"XFER-LINE-03"})
    @DisplayName("a header split inside its lines, with the payload's start in the last piece")
    void headerSplitInsideLines(ServerUnderTest server) throws IOException {
        String name = Wire.uniqueName(server, "split");
        byte[] payload = "hello".getBytes(StandardCharsets.US_ASCII);
        byte[] all = concat(header(name, payload.length), payload);
        int nameLength = name.getBytes(StandardCharsets.UTF_8).length;
        // "hel" | "lo.bin\n5" | "\nhe" | "llo": each boundary falls inside a line
        int[] cuts = {3, nameLength + 2, nameLength + 4, all.length};
        try (Connection connection = server.connect("header split inside lines")) {
            Segmenter.atCuts(connection, all, cuts, Duration.ofMillis(20));
            Expect.ready(connection, server.timing().reply(), "XFER-LINE-03", ONE_RECV_HINT);
            Expect.ok(connection, payload, server.timing().reply(), "XFER-LINE-03", ONE_RECV_HINT);
        }
    }

    @Test
    @Covers({"XFER-LINE-06"})
    @DisplayName("a size line cut by the end of the stream is not acted on: no READY, no file")
    void unfinishedLineIsNotActedOn(ServerUnderTest server) throws IOException {
        String name = Wire.uniqueName(server, "unfinished");
        try (Connection connection = server.connect("size line without its LF, then FIN")) {
            connection.send(name + "\n0");
            connection.transcript().fault("half-close: the suite shuts down its sending side before the size line's LF");
            connection.halfClose();
            xferlab.conformance.wire.Received rest = connection.readToEnd(server.timing().reply());
            if (rest.octets().length > 0) {
                throw xferlab.conformance.cases.Violation.of("XFER-LINE-06")
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
    @Covers({"XFER-LINE-02"})
    @DisplayName("CR LF line ends are accepted, and the CR is not part of the name")
    void crlfLineEndsAreAccepted(ServerUnderTest server) throws IOException {
        String name = Wire.uniqueName(server, "crlf");
        byte[] payload = "crlf".getBytes(StandardCharsets.US_ASCII);
        try (Connection connection = server.connect("CR LF header")) {
            connection.send((name + "\r\n" + payload.length + "\r\n").getBytes(StandardCharsets.UTF_8));
            Expect.ready(connection, server.timing().reply(), "XFER-LINE-02",
                    "a CR directly before the LF belongs to the line end: strip it before checking the line");
            connection.send(payload);
            Expect.ok(connection, payload, server.timing().reply(), "XFER-LINE-02",
                    "a CR directly before the LF belongs to the line end");
        }
        if (server.hasStorage()) {
            Wire.assertStored(server, name, payload, "XFER-LINE-02");
        }
    }

    @Test
    @Covers({"XFER-LINE-04", "XFER-NAME-01"})
    @DisplayName("a name of exactly 255 octets, with LF or with CR LF, is accepted")
    void longestNameIsAccepted(ServerUnderTest server) throws IOException {
        for (String end : new String[] {"\n", "\r\n"}) {
            String stem = Wire.uniqueName(server, "");
            String name = "n".repeat(255 - stem.length()) + stem;
            try (Connection connection = server.connect("name of 255 octets, line end " + (end.length() == 1 ? "LF" : "CR LF"))) {
                connection.send((name + end + "1" + end).getBytes(StandardCharsets.UTF_8));
                Expect.ready(connection, server.timing().reply(), "XFER-LINE-04",
                        "255 octets is the limit, not past it: the line end (and a CR before it) is not counted");
                connection.send("x");
                Expect.ok(connection, new byte[] {'x'}, server.timing().reply(), "XFER-NAME-01",
                        "a name of 255 octets is valid");
            }
        }
    }

    @Test
    @Covers({"XFER-LINE-04"})
    @DisplayName("a name line of 256 octets is refused with 400 before any LF arrives")
    void overlongNameLineIsRefusedWithoutWaitingForLf(ServerUnderTest server) throws IOException {
        byte[] name = new byte[256];
        Arrays.fill(name, (byte) 'a');
        try (Connection connection = server.connect("name line past the limit, no LF")) {
            connection.send(name);
            connection.transcript().note("the suite sends no LF and waits");
            Expect.error(connection, 400, server.timing().reply(), "XFER-LINE-04",
                    "check the limit on every octet read: a peer that never sends LF must not make the server "
                            + "buffer (or wait) without bound");
        }
    }

    @Test
    @Covers({"XFER-LINE-04"})
    @DisplayName("a size line of 20 digits is refused with 400 before any LF arrives")
    void overlongSizeLineIsRefusedWithoutWaitingForLf(ServerUnderTest server) throws IOException {
        String name = Wire.uniqueName(server, "long-size");
        try (Connection connection = server.connect("size line past the limit, no LF")) {
            connection.send(name + "\n12345678901234567890");
            connection.transcript().note("the suite sends no LF and waits");
            Expect.error(connection, 400, server.timing().reply(), "XFER-LINE-04",
                    "a size line has at most 19 octets: refuse the 20th at once");
        }
    }
}
