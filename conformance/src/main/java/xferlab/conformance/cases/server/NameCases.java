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
import xferlab.conformance.wire.Octets;

@Section("§4.1 The name line")
@Order(3)
@ExtendWith(SuiteExtension.class)
class NameCases {
    private static final String TRAVERSAL_HINT = "never join a received name to a directory path as it is: "
            + "refuse '/', '\\\\', '.' and '..' outright instead of trying to clean the name";

    @Test
    @Case("unicode-name-with-spaces-is-accepted")
    @Covers({"XFER-NAME-01"})
    @DisplayName("a name with spaces and non-ASCII letters is stored under exactly that name")
    void unicodeNameWithSpacesIsAccepted(ServerUnderTest server) throws IOException {
        String name = "résumé 日本語 " + Long.toHexString(server.random().nextLong() & 0xffffff) + ".txt";
        byte[] payload = "unicode".getBytes(StandardCharsets.US_ASCII);
        try (Exchange upload = server.connect("upload of " + name)) {
            upload.sendHeader(name, payload.length);
            upload.expectReady().because("any UTF-8 name of 1 to 255 octets without '/', '\\\\' or control octets "
                    + "is valid: decode the name line as UTF-8");
            upload.send(payload);
            upload.expectOk(payload).because("the upload is an ordinary one: OK and the digest are due");
        }
        if (server.hasStorage()) {
            Wire.assertStored(server, name, payload);
        }
    }

    @Test
    @Case("name-with-slash-is-refused")
    @Covers({"XFER-NAME-02", "XFER-STORE-01"})
    @DisplayName("a name with '/' (a path, ../ included) is refused with 403 and nothing is written")
    void nameWithSlashIsRefused(ServerUnderTest server) throws IOException {
        String escape = "escape-" + Long.toHexString(server.random().nextLong() & 0xffffffL);
        try {
            refuse(server, "../" + escape, TRAVERSAL_HINT);
            refuse(server, "sub/" + escape, TRAVERSAL_HINT);
        } finally {
            if (server.hasStorage()) {
                // The suite's storage directory lies in a temporary parent of its own: a
                // traversal lands there, and the suite removes it, whatever the reply was.
                Path outside = server.storage().toAbsolutePath().getParent().resolve(escape);
                if (Files.deleteIfExists(outside)) {
                    throw Violation.of("XFER-NAME-02")
                            .expected("the name ../" + escape + " refused, and nothing written outside the storage "
                                    + "directory")
                            .actual("a file " + outside + " appeared: the name escaped the directory")
                            .hint(TRAVERSAL_HINT)
                            .build();
                }
            }
        }
    }

    @Test
    @Case("name-with-backslash-is-refused")
    @Covers({"XFER-NAME-02"})
    @DisplayName("a name with '\\' is refused with 403")
    void nameWithBackslashIsRefused(ServerUnderTest server) throws IOException {
        refuse(server, "..\\escape.txt", TRAVERSAL_HINT);
    }

    @Test
    @Case("dot-names-are-refused")
    @Covers({"XFER-NAME-03"})
    @DisplayName("the names '.' and '..' are refused with 403")
    void dotNamesAreRefused(ServerUnderTest server) throws IOException {
        refuse(server, ".", "'.' is the storage directory itself and '..' its parent");
        refuse(server, "..", "'.' is the storage directory itself and '..' its parent");
    }

    @Test
    @Case("names-with-control-octets-are-refused")
    @Covers({"XFER-NAME-04"})
    @DisplayName("names with control octets (NUL, CR, ESC, DEL, ...) are refused with 403")
    void namesWithControlOctetsAreRefused(ServerUnderTest server) throws IOException {
        for (int octet : new int[] {0x00, 0x01, 0x09, 0x0d, 0x1b, 0x1f, 0x7f}) {
            byte[] name = {'a', (byte) octet, 'b'};
            refuse(server, name, "control octets do not belong in file names: NUL truncates names in C, CR and LF "
                    + "forge log lines, ESC drives terminals");
        }
    }

    @Test
    @Case("invalid-utf-8-names-are-refused")
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
            refuse(server, name, "decode the name strictly (no replacement characters): an overlong form like C0 AF "
                    + "is a '/' in disguise");
        }
    }

    @Test
    @Case("empty-name-is-refused")
    @Covers({"XFER-NAME-06"})
    @DisplayName("an empty name is refused with 403")
    void emptyNameIsRefused(ServerUnderTest server) throws IOException {
        refuse(server, new byte[0], "a name has 1 to 255 octets");
    }

    @Test
    @Case("bad-name-is-refused-before-the-size-line")
    @Covers({"XFER-NAME-07"})
    @DisplayName("a bad name is refused as soon as its line is complete, without the size line")
    void badNameIsRefusedBeforeTheSizeLine(ServerUnderTest server) throws IOException {
        try (Exchange upload = server.connect("bad name, no size line")) {
            upload.send("../early-refusal\n");
            upload.transcript().note("the suite sends no size line and waits");
            upload.expectError(403)
                    .because("check the name when its line is complete: the size line adds nothing to that decision");
        }
    }

    private static void refuse(ServerUnderTest server, String name, String hint) throws IOException {
        refuse(server, name.getBytes(StandardCharsets.UTF_8), hint);
    }

    /** Sends a header with this name (size 1) and expects ERROR 403, citing the case's requirement. */
    private static void refuse(ServerUnderTest server, byte[] name, String hint) throws IOException {
        try (Exchange upload = server.connect("name \"" + Octets.escape(name) + "\"")) {
            upload.sendHeader(name, "1");
            upload.expectError(403).because(hint);
        }
    }
}
