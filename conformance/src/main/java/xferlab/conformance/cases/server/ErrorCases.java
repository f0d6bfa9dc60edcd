package xferlab.conformance.cases.server;

import static xferlab.conformance.cases.server.Wire.header;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

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

@Section("5. Error replies")
@Order(5)
@ExtendWith(SuiteExtension.class)
class ErrorCases {

    @Test
    @Covers({"XFER-ERR-01"})
    @DisplayName("400, 403 and 413 replies are well formed: ERROR, code, text of printable ASCII, at most 512 octets")
    void errorRepliesAreWellFormed(ServerUnderTest server) throws IOException {
        String name = Wire.uniqueName(server, "err");
        checkForm(server, "../x\n1\n", "403");
        checkForm(server, name + "\nx\n", "400");
        checkForm(server, name + "\n" + (1L << 62) + "\n", "413");
    }

    private static void checkForm(ServerUnderTest server, String header, String code) throws IOException {
        try (Connection connection = server.connect("ERROR " + code + " form")) {
            connection.send(header);
            Received reply = connection.readLine(server.timing().reply());
            String text = reply.text();
            boolean wellFormed = reply.end() == Received.End.LINE
                    && reply.octets().length + 1 <= 512
                    && text.matches("ERROR " + code + " [\\x20-\\x7e]*");
            if (!wellFormed) {
                throw Violation.of("XFER-ERR-01")
                        .expected("\"ERROR " + code + " <printable text>\\n\", at most 512 octets")
                        .actual(reply.describe())
                        .hint("one space after ERROR, three digits, one space, then text of printable US-ASCII: "
                                + "clients match this form exactly")
                        .timedOut(reply.end() == Received.End.TIMEOUT)
                        .build();
            }
        }
    }

    @Test
    @Covers({"XFER-ERR-02"})
    @DisplayName("an upload that cannot be stored (its name is a directory) gets ERROR 500, and the name is untouched")
    void storageFailureGets500(ServerUnderTest server) throws IOException {
        String name = Wire.uniqueName(server, "blocked");
        Path blocker = Files.createDirectory(server.storage().resolve(name));
        Files.writeString(blocker.resolve("keep.txt"), "keep");
        byte[] payload = "cannot be stored".getBytes(StandardCharsets.US_ASCII);
        try (Connection connection = server.connect("upload onto a directory's name")) {
            connection.transcript().note("the suite made \"" + name + "\" a directory, so the file cannot be stored");
            connection.send(header(name, payload.length));
            Received first = connection.readLine(server.timing().reply());
            if (first.end() == Received.End.LINE && first.text().equals("READY")) {
                connection.send(payload);
                Expect.error(connection, 500, server.timing().reply(), "XFER-ERR-02",
                        "when storing fails (here: the name is taken by a directory), answer ERROR 500 instead of "
                                + "OK, and never crash");
            } else if (!(first.end() == Received.End.LINE && first.text().startsWith("ERROR 500"))) {
                throw Violation.of("XFER-ERR-02")
                        .expected("READY then ERROR 500, or ERROR 500 at once")
                        .actual(first.describe())
                        .timedOut(first.end() == Received.End.TIMEOUT)
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
