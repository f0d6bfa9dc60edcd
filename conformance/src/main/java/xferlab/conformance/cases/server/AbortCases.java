package xferlab.conformance.cases.server;

import static xferlab.conformance.cases.server.Wire.concat;

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
import xferlab.conformance.wire.Connection;
import xferlab.conformance.wire.Received;
import xferlab.conformance.cases.Violation;

@Section("6. Aborted uploads and surplus octets")
@Order(6)
@ExtendWith(SuiteExtension.class)
class AbortCases {
    static final String NO_TRACE_HINT = "write the payload to a temporary file outside the storage directory and "
            + "rename it into place only after the last octet (and an fsync); on any error or end of stream, "
            + "delete the temporary file";

    @Test
    @Covers({"XFER-STORE-04"})
    @DisplayName("a client that vanishes before the size line leaves no file")
    void vanishBeforeTheSizeLine(ServerUnderTest server) throws IOException {
        String name = Wire.uniqueName(server, "vanish-header");
        try (Connection connection = server.connect("client vanishes before the size line")) {
            connection.send(name + "\n");
            connection.transcript().fault("cut: the suite closes the connection after the name line");
        }
        Storage.expectUnchanged(server, name, null, "before the size line");
    }

    @Test
    @Covers({"XFER-STORE-04"})
    @DisplayName("a client that vanishes mid-payload leaves the old content in place")
    void vanishMidPayload(ServerUnderTest server) throws IOException {
        abortMidPayload(server, false);
    }

    @Test
    @Covers({"XFER-STORE-04"})
    @DisplayName("a client that resets mid-payload leaves the old content in place")
    void resetMidPayload(ServerUnderTest server) throws IOException {
        abortMidPayload(server, true);
    }

    private static void abortMidPayload(ServerUnderTest server, boolean reset) throws IOException {
        String name = Wire.uniqueName(server, reset ? "reset" : "vanish");
        byte[] old = Wire.randomOctets(server.random(), 1000);
        Wire.upload(server, name, old, "XFER-UP-01");
        byte[] payload = Wire.randomOctets(server.random(), 100_000);
        int cut = 4096 + server.random().nextInt(40_000);
        try (Connection connection = server.connect((reset ? "reset" : "vanish") + " mid-payload")) {
            Wire.startUpload(server, connection, name, payload.length);
            connection.send(payload, 0, cut);
            if (reset) {
                connection.transcript().fault("reset after octet " + cut + " of " + payload.length + " of the payload");
                connection.reset();
            } else {
                connection.transcript().fault("cut after octet " + cut + " of " + payload.length + " of the payload");
            }
        }
        Storage.expectUnchanged(server, name, old, "mid-payload");
    }

    @Test
    @Covers({"XFER-STORE-04"})
    @DisplayName("a client that vanishes one octet short of the payload leaves no file")
    void vanishAtTheLastOctet(ServerUnderTest server) throws IOException {
        String name = Wire.uniqueName(server, "last-octet");
        byte[] payload = Wire.randomOctets(server.random(), 65_537);
        try (Connection connection = server.connect("client vanishes one octet short")) {
            Wire.startUpload(server, connection, name, payload.length);
            connection.send(payload, 0, payload.length - 1);
            connection.transcript().fault("cut after octet " + (payload.length - 1) + " of " + payload.length
                    + " of the payload");
        }
        Storage.expectUnchanged(server, name, null, "one octet short of the payload");
    }

    @Test
    @Covers({"XFER-UP-06", "XFER-CLOSE-01"})
    @DisplayName("octets after the payload are not stored, and OK still arrives")
    void surplusOctetsAreNotStored(ServerUnderTest server) throws IOException {
        String name = Wire.uniqueName(server, "surplus");
        byte[] payload = Wire.randomOctets(server.random(), 10_000);
        byte[] surplus = Wire.randomOctets(server.random(), 64 * 1024);
        try (Connection connection = server.connect("payload followed by surplus octets")) {
            Wire.startUpload(server, connection, name, payload.length);
            connection.transcript().fault("surplus: " + surplus.length + " octets right after the payload, same write");
            connection.send(concat(payload, surplus));
            Expect.ok(connection, payload, server.timing().reply(), "XFER-UP-06",
                    "read exactly size octets, never to the end of the stream; and close with a lingering close, "
                            + "or the unread surplus makes the kernel reset the connection and destroy the OK");
        }
        if (server.hasStorage()) {
            Wire.assertStored(server, name, payload, "XFER-UP-06");
        }
    }

    @Test
    @Covers({"XFER-CLOSE-01"})
    @DisplayName("a refused header with an early payload gets ERROR, then a clean close, not a reset")
    void earlyPayloadGetsErrorAndACleanClose(ServerUnderTest server) throws IOException {
        byte[] early = Wire.randomOctets(server.random(), 256 * 1024);
        try (Connection connection = server.connect("refused header with an early payload")) {
            connection.transcript().fault("early payload: " + early.length + " octets sent right after a refused header");
            try {
                connection.send(concat("../refused\n".getBytes(StandardCharsets.US_ASCII),
                        String.valueOf(early.length).getBytes(StandardCharsets.US_ASCII), new byte[] {'\n'}, early));
            } catch (IOException e) {
                // the server may have closed already; what matters is what can still be read
            }
            Expect.error(connection, 403, server.timing().reply(), "XFER-NAME-02", "a name with '/' must get 403");
            // A server in its lingering close still reads and discards; a server that has
            // closed its socket answers new octets with a reset, which the next write
            // (or read) reports. A few late octets, a little apart, give the reset time
            // to come back.
            connection.transcript().note("the suite sends a few late octets, as a slow client would");
            boolean resetOnWrite = false;
            for (int i = 0; i < 10 && !resetOnWrite; i++) {
                try {
                    connection.send(new byte[] {'.'});
                    java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L); // pacing the late octets
                } catch (IOException e) {
                    resetOnWrite = true;
                }
            }
            Received rest = connection.readToEnd(server.timing().reply());
            if (resetOnWrite || rest.end() == Received.End.RESET) {
                throw Violation.of("XFER-CLOSE-01")
                        .expected("after the ERROR, a clean end of stream (FIN)")
                        .actual("the connection was reset (RST): the server closed with the client's octets unread")
                        .hint("closing a socket with unread input makes the kernel send a reset, and on many systems "
                                + "a reset destroys the reply before the client reads it: shut down the sending "
                                + "side, drain the input for a bounded time, then close")
                        .build();
            }
        }
    }
}
