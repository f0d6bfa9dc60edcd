package xferlab.conformance.cases.server;

import static xferlab.conformance.cases.server.Wire.concat;

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
import xferlab.conformance.wire.Octets;

@Section("3. The name line")
@Order(3)
@ExtendWith(SuiteExtension.class)
class NameCases {
    private static final String TRAVERSAL_HINT = "never join a received name to a directory path as it is: "
            + "refuse '/', '\\\\', '.' and '..' outright instead of trying to clean the name";

    @Test
    @Covers({"XFER-NAME-01"})
    @DisplayName("a name with spaces and non-ASCII letters is stored under exactly that name")
    void unicodeNameWithSpacesIsAccepted(ServerUnderTest server) throws IOException {
        String name = "résumé 日本語 " + Long.toHexString(server.random().nextLong() & 0xffffff) + ".txt";
        byte[] payload = "unicode".getBytes(StandardCharsets.US_ASCII);
        Wire.upload(server, name, payload, "XFER-NAME-01");
        if (server.hasStorage()) {
            Wire.assertStored(server, name, payload, "XFER-NAME-01");
        }
    }

    @Test
    @Covers({"XFER-NAME-02", "XFER-STORE-01"})
    @DisplayName("a name with '/' (a path, ../ included) is refused with 403 and nothing is written")
    void nameWithSlashIsRefused(ServerUnderTest server) throws IOException {
        String escape = "escape-" + Long.toHexString(server.random().nextLong() & 0xffffffL);
        refuse(server, "../" + escape, "XFER-NAME-02", TRAVERSAL_HINT);
        refuse(server, "sub/" + escape, "XFER-NAME-02", TRAVERSAL_HINT);
        if (server.hasStorage()) {
            // The suite's storage directory lies in a temporary parent of its own: a
            // traversal lands there, and the suite removes it.
            Path outside = server.storage().toAbsolutePath().getParent().resolve(escape);
            if (Files.deleteIfExists(outside)) {
                throw Violation.of("XFER-STORE-01")
                        .expected("nothing written outside the storage directory")
                        .actual("a file " + outside + " appeared: the name ../" + escape + " escaped the directory")
                        .hint(TRAVERSAL_HINT)
                        .build();
            }
        }
    }

    @Test
    @Covers({"XFER-NAME-02"})
    @DisplayName("a name with '\\' is refused with 403")
    void nameWithBackslashIsRefused(ServerUnderTest server) throws IOException {
        refuse(server, "..\\escape.txt", "XFER-NAME-02", TRAVERSAL_HINT);
    }

    @Test
    @Covers({"XFER-NAME-03"})
    @DisplayName("the names '.' and '..' are refused with 403")
    void dotNamesAreRefused(ServerUnderTest server) throws IOException {
        refuse(server, ".", "XFER-NAME-03", "'.' is the storage directory itself and '..' its parent");
        refuse(server, "..", "XFER-NAME-03", "'.' is the storage directory itself and '..' its parent");
    }

    @Test
    @Covers({"XFER-NAME-04"})
    @DisplayName("names with control octets (NUL, CR, ESC, DEL, ...) are refused with 403")
    void namesWithControlOctetsAreRefused(ServerUnderTest server) throws IOException {
        for (int octet : new int[] {0x00, 0x01, 0x09, 0x0d, 0x1b, 0x1f, 0x7f}) {
            byte[] name = {'a', (byte) octet, 'b'};
            refuse(server, name, "XFER-NAME-04",
                    "control octets do not belong in file names: NUL truncates names in C, CR and LF forge log "
                            + "lines, ESC drives terminals");
        }
    }

    @Test
    @Covers({"XFER-NAME-05"})
    @DisplayName("names that are not valid UTF-8 are refused with 403")
    void invalidUtf8NamesAreRefused(ServerUnderTest server) throws IOException {
        byte[][] names = {
            {'a', (byte) 0x80, 'b'},                          // a stray continuation octet
            {'a', (byte) 0xc3},                               // a sequence cut short
            {(byte) 0xc0, (byte) 0xaf},                       // an overlong '/'
            {(byte) 0xed, (byte) 0xa0, (byte) 0x80},          // an encoded surrogate
            {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // above U+10FFFF
            {'a', (byte) 0xff},                               // never valid
        };
        for (byte[] name : names) {
            refuse(server, name, "XFER-NAME-05",
                    "decode the name strictly (no replacement characters): an overlong form like C0 AF "
                            + "is a '/' in disguise");
        }
    }

    @Test
    @Covers({"XFER-NAME-06"})
    @DisplayName("an empty name is refused with 403")
    void emptyNameIsRefused(ServerUnderTest server) throws IOException {
        refuse(server, new byte[0], "XFER-NAME-06", "a name has 1 to 255 octets");
    }

    @Test
    @Covers({"XFER-NAME-07"})
    @DisplayName("a bad name is refused as soon as its line is complete, without the size line")
    void badNameIsRefusedBeforeTheSizeLine(ServerUnderTest server) throws IOException {
        try (Connection connection = server.connect("bad name, no size line")) {
            connection.send("../early-refusal\n");
            connection.transcript().note("the suite sends no size line and waits");
            Expect.error(connection, 403, server.timing().reply(), "XFER-NAME-07",
                    "check the name when its line is complete: the size line adds nothing to that decision");
        }
    }

    private static void refuse(ServerUnderTest server, String name, String requirement, String hint) throws IOException {
        refuse(server, name.getBytes(StandardCharsets.UTF_8), requirement, hint);
    }

    /** Sends a header with this name (size 1) and expects ERROR 403. */
    private static void refuse(ServerUnderTest server, byte[] name, String requirement, String hint) throws IOException {
        try (Connection connection = server.connect("name \"" + Octets.escape(name) + "\"")) {
            connection.send(concat(name, "\n1\n".getBytes(StandardCharsets.US_ASCII)));
            Expect.error(connection, 403, server.timing().reply(), requirement, hint);
        }
    }
}
