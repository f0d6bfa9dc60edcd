package xferlab.conformance.cases.server;

import static xferlab.conformance.cases.server.Wire.header;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import xferlab.conformance.cases.Covers;
import xferlab.conformance.cases.Expect;
import xferlab.conformance.cases.Section;
import xferlab.conformance.cases.ServerUnderTest;
import xferlab.conformance.cases.SuiteExtension;
import xferlab.conformance.cases.Violation;
import xferlab.conformance.wire.Connection;
import xferlab.conformance.wire.Received;

@Section("1. The upload")
@Order(1)
@ExtendWith(SuiteExtension.class)
class UploadCases {

    @Test
    @Covers({"XFER-UP-01", "XFER-UP-02", "XFER-UP-03", "XFER-STORE-01"})
    @DisplayName("a small text file is stored and acknowledged with its digest")
    void smallUploadIsStored(ServerUnderTest server) throws IOException {
        String name = Wire.uniqueName(server, "hello");
        byte[] payload = "hello, xfer\n".getBytes(StandardCharsets.US_ASCII);
        Wire.upload(server, name, payload, "XFER-UP-01");
        if (server.hasStorage()) {
            Wire.assertStored(server, name, payload, "XFER-STORE-01");
        }
    }

    @Test
    @Covers({"XFER-UP-04"})
    @DisplayName("a size of 0 gets READY, an empty file and the digest of no octets")
    void emptyUploadCreatesAnEmptyFile(ServerUnderTest server) throws IOException {
        String name = Wire.uniqueName(server, "empty");
        Wire.upload(server, name, new byte[0], "XFER-UP-04");
        if (server.hasStorage()) {
            Wire.assertStored(server, name, new byte[0], "XFER-UP-04");
        }
    }

    @Test
    @Covers({"XFER-UP-02", "XFER-UP-03"})
    @DisplayName("a payload of every octet value, LF, CR and NUL included, is stored unchanged")
    void binaryPayloadIsStoredUnchanged(ServerUnderTest server) throws IOException {
        byte[] payload = new byte[3 * 256];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) i;
        }
        payload[10] = '\r';
        payload[11] = '\n';
        String name = Wire.uniqueName(server, "binary");
        try (Connection connection = server.connect("binary payload")) {
            Wire.startUpload(server, connection, name, payload.length);
            connection.send(payload);
            Expect.ok(connection, payload, server.timing().reply(), "XFER-UP-02",
                    "the payload is binary: read exactly size octets and do not look for lines in it");
        }
        if (server.hasStorage()) {
            Wire.assertStored(server, name, payload, "XFER-UP-02");
        }
    }

    @Test
    @Covers({"XFER-LINE-01"})
    @DisplayName("replies end with a bare LF, not CR LF")
    void repliesEndWithBareLf(ServerUnderTest server) throws IOException {
        String name = Wire.uniqueName(server, "lf");
        try (Connection connection = server.connect("reply line ends")) {
            connection.send(header(name, 1));
            Received ready = connection.readLine(server.timing().reply());
            checkLineEnd(ready, "READY");
            connection.send(new byte[] {'x'});
            checkLineEnd(connection.readLine(server.timing().reply()), "OK");
        }
    }

    private static void checkLineEnd(Received reply, String what) {
        if (reply.end() != Received.End.LINE) {
            throw Violation.of("XFER-UP-01").expected(what + " line").actual(reply.describe())
                    .timedOut(reply.end() == Received.End.TIMEOUT).build();
        }
        if (reply.crlf()) {
            throw Violation.of("XFER-LINE-01")
                    .expected("the " + what + " line ending in a bare LF (\\n)")
                    .actual(reply.describe())
                    .hint("send \"\\n\", not \"\\r\\n\" (Python's print and some libraries add CR on Windows)")
                    .build();
        }
    }

    @Test
    @Covers({"XFER-UP-05"})
    @DisplayName("the server closes the connection after OK")
    void serverClosesAfterOk(ServerUnderTest server) throws IOException {
        String name = Wire.uniqueName(server, "close");
        try (Connection connection = server.connect("close after OK")) {
            Wire.startUpload(server, connection, name, 2);
            connection.send("ok");
            Expect.ok(connection, "ok".getBytes(StandardCharsets.US_ASCII), server.timing().reply(),
                    "XFER-UP-03", "OK and the digest are due after the payload");
            Expect.closed(connection, server.timing().reply(), "XFER-UP-05",
                    "one upload per connection: close it after the final reply");
        }
    }

    @Test
    @Covers({"XFER-LIVE-01"})
    @DisplayName("the server serves one connection after another")
    void serverServesConnectionsOneAfterAnother(ServerUnderTest server) throws IOException {
        for (int i = 1; i <= 3; i++) {
            Wire.upload(server, Wire.uniqueName(server, "sequence-" + i), new byte[] {(byte) i}, "XFER-LIVE-01");
        }
    }
}
