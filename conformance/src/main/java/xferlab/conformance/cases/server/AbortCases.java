package xferlab.conformance.cases.server;

import static xferlab.conformance.cases.server.Wire.concat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

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
import xferlab.conformance.wire.Received;

@Section("§7.4 and §9 Aborted uploads, surplus octets, the lingering close")
@Order(6)
@ExtendWith(SuiteExtension.class)
class AbortCases {
    static final String NO_TRACE_HINT = "write the payload to a temporary file outside the storage directory and "
            + "rename it into place only after the last octet (and an fsync); on any error or end of stream, "
            + "delete the temporary file";
    /** How long the suite trickles octets at a server that is draining: three times the recommended drain bound. */
    private static final Duration TRICKLE = Duration.ofSeconds(6);

    @Test
    @Case("vanish-before-the-size-line")
    @Covers({"XFER-STORE-04"})
    @DisplayName("a client that vanishes before the size line leaves no file")
    void vanishBeforeTheSizeLine(ServerUnderTest server) throws IOException {
        String name = Wire.uniqueName(server, "vanish-header");
        try (Exchange upload = server.connect("client vanishes before the size line")) {
            upload.send(name + "\n");
            upload.inject(Fault.VANISH, "the suite closes the connection after the name line");
        }
        Storage.expectUnchanged(server, name, null, "before the size line");
    }

    @Test
    @Case("vanish-mid-payload")
    @Covers({"XFER-STORE-04"})
    @DisplayName("a client that vanishes mid-payload leaves the old content in place")
    void vanishMidPayload(ServerUnderTest server) throws IOException {
        abortMidPayload(server, Fault.VANISH);
    }

    @Test
    @Case("reset-mid-payload")
    @Covers({"XFER-STORE-04"})
    @DisplayName("a client that resets mid-payload leaves the old content in place")
    void resetMidPayload(ServerUnderTest server) throws IOException {
        abortMidPayload(server, Fault.RESET);
    }

    private static void abortMidPayload(ServerUnderTest server, Fault fault) throws IOException {
        String name = Wire.uniqueName(server, fault == Fault.RESET ? "reset" : "vanish");
        byte[] old = Wire.randomOctets(server.random(), 1000);
        Wire.upload(server, name, old);
        byte[] payload = Wire.randomOctets(server.random(), 100_000);
        int cut = 4096 + server.random().nextInt(40_000);
        try (Exchange upload = server.connect(fault.label() + " mid-payload")) {
            upload.startUpload(name, payload.length);
            upload.send(payload, 0, cut);
            upload.inject(fault, "after octet " + cut + " of " + payload.length + " of the payload");
        }
        Storage.expectUnchanged(server, name, old, "mid-payload");
    }

    @Test
    @Case("vanish-at-the-last-octet")
    @Covers({"XFER-STORE-04"})
    @DisplayName("a client that vanishes one octet short of the payload leaves no file")
    void vanishAtTheLastOctet(ServerUnderTest server) throws IOException {
        String name = Wire.uniqueName(server, "last-octet");
        byte[] payload = Wire.randomOctets(server.random(), 65_537);
        try (Exchange upload = server.connect("client vanishes one octet short")) {
            upload.startUpload(name, payload.length);
            upload.send(payload, 0, payload.length - 1);
            upload.inject(Fault.VANISH, "after octet " + (payload.length - 1) + " of " + payload.length
                    + " of the payload");
        }
        Storage.expectUnchanged(server, name, null, "one octet short of the payload");
    }

    @Test
    @Case("surplus-octets-are-not-stored")
    @Covers({"XFER-UP-06", "XFER-CLOSE-01"})
    @DisplayName("octets after the payload are not stored, and OK still arrives")
    void surplusOctetsAreNotStored(ServerUnderTest server) throws IOException {
        String name = Wire.uniqueName(server, "surplus");
        byte[] payload = Wire.randomOctets(server.random(), 10_000);
        byte[] surplus = Wire.randomOctets(server.random(), 64 * 1024);
        try (Exchange upload = server.connect("payload followed by surplus octets")) {
            upload.startUpload(name, payload.length);
            upload.inject(Fault.SURPLUS, surplus.length + " octets right after the payload, same write");
            upload.send(concat(payload, surplus));
            upload.expectOk(payload).because("read exactly size octets, never to the end of the stream; and close "
                    + "with a lingering close, or the unread surplus makes the kernel reset the connection and "
                    + "destroy the OK");
        }
        if (server.hasStorage()) {
            Wire.assertStored(server, name, payload);
        }
    }

    @Test
    @Case("early-payload-gets-error-and-a-clean-close")
    @Covers({"XFER-CLOSE-01"})
    @DisplayName("a refused header with an early payload gets ERROR, then a clean close, not a reset")
    void earlyPayloadGetsErrorAndACleanClose(ServerUnderTest server) throws IOException {
        byte[] early = Wire.randomOctets(server.random(), 256 * 1024);
        try (Exchange upload = server.connect("refused header with an early payload")) {
            refuseWithEarlyPayload(upload, early);
            // A server in its lingering close still reads and discards; a server that has
            // closed its socket answers new octets with a reset, which the next write
            // (or read) reports. A few late octets, a little apart, give the reset time
            // to come back.
            upload.transcript().note("the suite sends a few late octets, as a slow client would");
            boolean resetOnWrite = false;
            for (int i = 0; i < 10 && !resetOnWrite; i++) {
                try {
                    upload.connection().send(new byte[] {'.'});
                    java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L); // pacing the late octets
                } catch (IOException e) {
                    resetOnWrite = true;
                }
            }
            Received rest = upload.connection().readToEnd(server.timing().reply());
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

    @Test
    @Case("trickling-peer-cannot-hold-the-drain-open")
    @Covers({"XFER-CLOSE-01"})
    @DisplayName("a peer that keeps trickling octets after the ERROR cannot keep the lingering close open")
    void tricklingPeerCannotHoldTheDrainOpen(ServerUnderTest server) throws IOException {
        byte[] early = Wire.randomOctets(server.random(), 4 * 1024);
        try (Exchange upload = server.connect("refused header, then an octet every 250 ms")) {
            refuseWithEarlyPayload(upload, early);
            upload.inject(Fault.RESEGMENT, "one octet every 250 ms after the ERROR, for up to "
                    + TRICKLE.toSeconds() + " s");
            long replied = System.nanoTime();
            long deadline = replied + TRICKLE.toNanos();
            boolean closed = false;
            while (!closed && System.nanoTime() < deadline) {
                try {
                    upload.connection().send(new byte[] {'.'});
                    java.util.concurrent.locks.LockSupport.parkNanos(250_000_000L); // the trickle's pace
                } catch (IOException e) {
                    closed = true; // the server closed its socket: the late octets were answered with a reset
                }
            }
            long millis = (System.nanoTime() - replied) / 1_000_000;
            if (!closed) {
                throw Violation.of("XFER-CLOSE-01")
                        .expected("the drain ends within its bound (2 s recommended) although octets keep coming")
                        .actual("the server still read the suite's octets " + millis + " ms after the ERROR")
                        .hint("bound the drain in total, from the shutdown of the sending side, not per read: a "
                                + "client that sends one octet a second would otherwise hold the connection, "
                                + "and a one-at-a-time server, for ever")
                        .build();
            }
        }
    }

    /** Sends a header the server must refuse (403) with a payload right behind it, and expects the ERROR. */
    private static void refuseWithEarlyPayload(Exchange upload, byte[] early) throws IOException {
        upload.inject(Fault.EARLY_PAYLOAD, early.length + " octets sent right after a refused header");
        try {
            upload.send(concat("../refused\n".getBytes(StandardCharsets.US_ASCII),
                    String.valueOf(early.length).getBytes(StandardCharsets.US_ASCII), new byte[] {'\n'}, early));
        } catch (IOException e) {
            // the server may have closed already; what matters is what can still be read
        }
        upload.expectError(403).citingStep("XFER-NAME-02").because("a name with '/' must get 403");
    }
}
