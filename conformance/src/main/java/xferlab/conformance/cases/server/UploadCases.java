package xferlab.conformance.cases.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

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
import xferlab.conformance.wire.Received;

@Section("§5 The upload")
@Order(1)
@ExtendWith(SuiteExtension.class)
class UploadCases {

    @Test
    @Case("small-upload-is-stored")
    @Covers({"XFER-UP-01", "XFER-UP-02", "XFER-UP-03", "XFER-STORE-01"})
    @DisplayName("a small text file is stored and acknowledged with its digest")
    void smallUploadIsStored(ServerUnderTest server) throws IOException {
        String name = Wire.uniqueName(server, "hello");
        byte[] payload = "hello, xfer\n".getBytes(StandardCharsets.US_ASCII);
        try (Exchange upload = server.connect("upload of " + name)) {
            upload.sendHeader(name, payload.length);
            upload.expectReady().because("a valid name and size must get READY");
            upload.send(payload);
            upload.expectOk(payload).citing("XFER-UP-03")
                    .because("after the last payload octet, answer OK, a space and the payload's SHA-256 in hex");
        }
        if (server.hasStorage()) {
            Wire.assertStored(server, name, payload, "XFER-STORE-01");
        }
    }

    @Test
    @Case("empty-upload-creates-an-empty-file")
    @Covers({"XFER-UP-04"})
    @DisplayName("a size of 0 gets READY, an empty file and the digest of no octets")
    void emptyUploadCreatesAnEmptyFile(ServerUnderTest server) throws IOException {
        String name = Wire.uniqueName(server, "empty");
        try (Exchange upload = server.connect("empty upload")) {
            upload.sendHeader(name, 0);
            upload.expectReady().because("a size of 0 is valid: READY, then OK at once");
            upload.expectOk(new byte[0]).because("the digest of no octets is e3b0c442...b855");
        }
        if (server.hasStorage()) {
            Wire.assertStored(server, name, new byte[0]);
        }
    }

    @Test
    @Case("binary-payload-is-stored-unchanged")
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
        try (Exchange upload = server.connect("binary payload")) {
            upload.startUpload(name, payload.length).send(payload);
            upload.expectOk(payload)
                    .because("the payload is binary: read exactly size octets and do not look for lines in it");
        }
        if (server.hasStorage()) {
            Wire.assertStored(server, name, payload);
        }
    }

    @Test
    @Case("replies-end-with-bare-lf")
    @Covers({"XFER-LINE-01"})
    @DisplayName("replies end with a bare LF, not CR LF")
    void repliesEndWithBareLf(ServerUnderTest server) throws IOException {
        String name = Wire.uniqueName(server, "lf");
        try (Exchange upload = server.connect("reply line ends")) {
            upload.sendHeader(name, 1);
            Received ready = upload.readReply();
            checkLineEnd(ready, "READY");
            upload.send(new byte[] {'x'});
            checkLineEnd(upload.readReply(), "OK");
        }
    }

    private static void checkLineEnd(Received reply, String what) {
        boolean bareLf = reply.end() == Received.End.LINE && !reply.crlf();
        if (bareLf) {
            return;
        }
        boolean noLineEnd = reply.end() == Received.End.UNTERMINATED || reply.end() == Received.End.CLOSED;
        throw Violation.of("XFER-LINE-01")
                .expected("the " + what + " line ending in a bare LF (\\n)")
                .actual(reply.describe())
                .hint(reply.crlf() ? "send \"\\n\", not \"\\r\\n\" (some libraries and Windows habits add CR)"
                        : noLineEnd ? "every reply ends with LF: send \"" + what + "\\n\"; without it a careful "
                        + "client waits for the rest of the line until its timeout"
                        : "a valid header gets READY, and the payload OK: both lines end in LF")
                .timedOut(reply.end() == Received.End.TIMEOUT && !reply.any())
                .build();
    }

    @Test
    @Case("server-closes-after-ok")
    @Covers({"XFER-UP-05"})
    @DisplayName("the server closes the connection after OK")
    void serverClosesAfterOk(ServerUnderTest server) throws IOException {
        String name = Wire.uniqueName(server, "close");
        try (Exchange upload = server.connect("close after OK")) {
            upload.startUpload(name, 2).finishUpload("ok".getBytes(StandardCharsets.US_ASCII));
            upload.expectClosed().because("one upload per connection: close it after the final reply");
        }
    }

    @Test
    @Case("server-survives-refused-and-aborted-uploads")
    @Covers({"XFER-LIVE-01"})
    @DisplayName("after a bad size, a bad name and a client that vanishes, the server still serves an upload")
    void serverSurvivesRefusedAndAbortedUploads(ServerUnderTest server) throws IOException {
        // How the server answers these is for other cases to judge; here only its survival counts.
        try (Exchange bad = server.connect("a size that is not a size")) {
            bad.sendHeader(Wire.uniqueName(server, "bad-size").getBytes(StandardCharsets.UTF_8), "+1x");
            bad.readReply();
        }
        try (Exchange bad = server.connect("a name that is a path")) {
            bad.sendHeader("../bad-name".getBytes(StandardCharsets.UTF_8), "1");
            bad.readReply();
        }
        try (Exchange vanish = server.connect("a client that vanishes mid-payload")) {
            vanish.sendHeader(Wire.uniqueName(server, "vanish"), 1000);
            vanish.readReply();
            vanish.send(new byte[100]);
            vanish.inject(xferlab.conformance.fault.Fault.VANISH, "after octet 100 of 1000 of the payload");
        }
        String name = Wire.uniqueName(server, "after-trouble");
        try (Exchange upload = server.connect("an upload after the trouble")) {
            upload.sendHeader(name, 1);
            upload.expectReady().because("a server that stopped on bad input, or on a client that vanished, "
                    + "cannot serve the next client: catch errors per connection, never exit on one");
            upload.send("!");
            upload.expectOk(new byte[] {'!'}).because("after any refusal or abort, the next upload is served");
        }
    }

    @Test
    @Case("server-serves-connections-one-after-another")
    @Covers({"XFER-LIVE-01"})
    @DisplayName("the server serves one connection after another")
    void serverServesConnectionsOneAfterAnother(ServerUnderTest server) throws IOException {
        for (int i = 1; i <= 3; i++) {
            Wire.upload(server, Wire.uniqueName(server, "sequence-" + i), new byte[] {(byte) i});
        }
    }
}
