package xferlab.conformance.cases.server;

import java.io.IOException;

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

@Section("§4.2 The size line")
@Order(4)
@ExtendWith(SuiteExtension.class)
class SizeCases {
    private static final String STRICT_HINT = "parse the size yourself, digit by digit, and check that the whole "
            + "line is digits (in Python re.fullmatch, not re.match, which accepts a valid start); library "
            + "parsers accept signs, spaces, underscores or leading zeros, and two parsers that disagree on a size "
            + "disagree on where the payload ends";

    @Test
    @Case("signed-sizes-are-refused")
    @Covers({"XFER-SIZE-02"})
    @DisplayName("signed sizes (+1, -1) are refused with 400")
    void signedSizesAreRefused(ServerUnderTest server) throws IOException {
        refuse(server, "+1", "-1");
    }

    @Test
    @Case("sizes-with-spaces-are-refused")
    @Covers({"XFER-SIZE-02"})
    @DisplayName("sizes with spaces (' 1', '1 ') are refused with 400")
    void sizesWithSpacesAreRefused(ServerUnderTest server) throws IOException {
        refuse(server, " 1", "1 ");
    }

    @Test
    @Case("sizes-with-leading-zeros-are-refused")
    @Covers({"XFER-SIZE-02"})
    @DisplayName("sizes with leading zeros (01, 00) are refused with 400")
    void sizesWithLeadingZerosAreRefused(ServerUnderTest server) throws IOException {
        refuse(server, "01", "00");
    }

    @Test
    @Case("sizes-with-other-characters-are-refused")
    @Covers({"XFER-SIZE-02"})
    @DisplayName("sizes with other characters (1_0, 1e3, 0x10, 5abc) are refused with 400")
    void sizesWithOtherCharactersAreRefused(ServerUnderTest server) throws IOException {
        refuse(server, "1_0", "1e3", "0x10", "5abc");
    }

    @Test
    @Case("empty-size-is-refused")
    @Covers({"XFER-SIZE-02"})
    @DisplayName("an empty size line is refused with 400")
    void emptySizeIsRefused(ServerUnderTest server) throws IOException {
        refuse(server, "");
    }

    @Test
    @Case("sizes-above-the-largest-are-refused")
    @Covers({"XFER-SIZE-02"})
    @DisplayName("sizes above 2^63-1 (2^63, nineteen nines) are refused with 400")
    void sizesAboveTheLargestAreRefused(ServerUnderTest server) throws IOException {
        refuse(server, "9223372036854775808", "9999999999999999999");
    }

    @Test
    @Case("largest-size-is-well-formed")
    @Covers({"XFER-SIZE-01", "XFER-SIZE-03"})
    @DisplayName("2^63-1 is a well-formed size: it gets 413 (no room), not 400")
    void largestSizeIsWellFormed(ServerUnderTest server) throws IOException {
        try (Exchange upload = server.connect("size 2^63-1")) {
            upload.sendHeader(Wire.uniqueName(server, "largest"), Long.MAX_VALUE);
            Received reply = upload.readReply();
            if (reply.reply().startsWith("ERROR 400")) {
                throw Violation.of("XFER-SIZE-01")
                        .expected("\"ERROR 413 <text>\\n\" (a well-formed size with no room to store it)")
                        .actual(reply.describe())
                        .hint("9223372036854775807 fits a signed 64-bit integer: check the value with care at the "
                                + "boundary")
                        .build();
            }
            if (!reply.reply().startsWith("ERROR 413")) {
                throw Violation.of("XFER-SIZE-03")
                        .expected("\"ERROR 413 <text>\\n\" before READY")
                        .actual(reply.describe())
                        .hint("compare the size with the free space before sending READY")
                        .timedOut(reply.end() == Received.End.TIMEOUT && !reply.any())
                        .build();
            }
        }
    }

    @Test
    @Case("huge-size-is-refused-before-ready")
    @Covers({"XFER-SIZE-03"})
    @DisplayName("a size of 2^62 (far above any free space) is refused with 413 before READY")
    void hugeSizeIsRefusedBeforeReady(ServerUnderTest server) throws IOException {
        try (Exchange upload = server.connect("size 2^62")) {
            upload.sendHeader(Wire.uniqueName(server, "huge"), 1L << 62);
            upload.expectError(413).because("check the size against your limit and the free space (for example "
                    + "File.getUsableSpace, shutil.disk_usage) before READY: otherwise a client fills the disk");
        }
    }

    /** Sends each size with a valid name, on its own connection, and expects ERROR 400. */
    private static void refuse(ServerUnderTest server, String... sizes) throws IOException {
        for (String size : sizes) {
            try (Exchange upload = server.connect("size \"" + size + "\"")) {
                upload.sendHeader(Wire.uniqueName(server, "size").getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        size);
                upload.expectError(400).because(STRICT_HINT);
            }
        }
    }
}
