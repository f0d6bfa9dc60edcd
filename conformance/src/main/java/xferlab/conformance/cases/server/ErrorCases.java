package xferlab.conformance.cases.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

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

@Section("§6 Replies and error codes")
@Order(5)
@ExtendWith(SuiteExtension.class)
class ErrorCases {

    @Test
    @Case("error-replies-are-well-formed")
    @Covers({"XFER-ERR-01"})
    @DisplayName("400, 403 and 413 replies are well formed: ERROR, code, text of printable ASCII, at most 512 octets")
    void errorRepliesAreWellFormed(ServerUnderTest server) throws IOException {
        String name = Wire.uniqueName(server, "err");
        checkForm(server, "../x", "1", "403");
        checkForm(server, name, "x", "400");
        checkForm(server, name, String.valueOf(1L << 62), "413");
    }

    private static void checkForm(ServerUnderTest server, String name, String size, String code) throws IOException {
        try (Exchange upload = server.connect("ERROR " + code + " form")) {
            upload.sendHeader(name.getBytes(StandardCharsets.UTF_8), size);
            Received reply = upload.readReply();
            boolean wellFormed = reply.end() == Received.End.LINE
                    && reply.octets().length + 1 <= 512
                    && reply.reply().matches("ERROR " + code + " [\\x20-\\x7e]*");
            if (!wellFormed) {
                throw Violation.of("XFER-ERR-01")
                        .expected("\"ERROR " + code + " <printable text>\\n\", at most 512 octets")
                        .actual(reply.describe())
                        .hint("one space after ERROR, three digits, one space, then text of printable US-ASCII, "
                                + "and the LF: clients match this form exactly")
                        .timedOut(reply.end() == Received.End.TIMEOUT && !reply.any())
                        .build();
            }
        }
    }

    @Test
    @Case("storage-failure-gets-500")
    @Covers({"XFER-ERR-02"})
    @DisplayName("an upload that cannot be stored (its name is a directory) gets ERROR 500, and the name is untouched")
    void storageFailureGets500(ServerUnderTest server) throws IOException {
        String name = Wire.uniqueName(server, "blocked");
        Path blocker = Files.createDirectory(server.storage().resolve(name));
        Files.writeString(blocker.resolve("keep.txt"), "keep");
        byte[] payload = "cannot be stored".getBytes(StandardCharsets.US_ASCII);
        try (Exchange upload = server.connect("upload onto a directory's name")) {
            upload.transcript().note("the suite made \"" + name + "\" a directory, so the file cannot be stored");
            upload.sendHeader(name, payload.length);
            Received first = upload.readReply();
            if (first.reply().equals("READY")) {
                upload.send(payload);
                upload.expectError(500).because("when storing fails (here: the name is taken by a directory), "
                        + "answer ERROR 500 instead of OK, and never crash");
            } else if (!first.reply().startsWith("ERROR 500")) {
                throw Violation.of("XFER-ERR-02")
                        .expected("READY then ERROR 500, or ERROR 500 at once")
                        .actual(first.describe())
                        .timedOut(first.end() == Received.End.TIMEOUT && !first.any())
                        .build();
            }
        } finally {
            boolean intact = Files.isDirectory(blocker) && Files.exists(blocker.resolve("keep.txt"));
            Files.deleteIfExists(blocker.resolve("keep.txt"));
            Files.deleteIfExists(blocker);
            if (!intact) {
                throw Violation.of("XFER-ERR-02")
                        .expected("the directory \"" + name + "\" left as it was")
                        .actual("it was removed or changed")
                        .hint("a failed upload must leave the name as it was")
                        .build();
            }
        }
    }
}
