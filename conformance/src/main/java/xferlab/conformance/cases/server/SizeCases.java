package xferlab.conformance.cases.server;

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

@Section("4. The size line")
@Order(4)
@ExtendWith(SuiteExtension.class)
class SizeCases {
    private static final String STRICT_HINT = "parse the size yourself, digit by digit: library parsers accept "
            + "signs, spaces, underscores or leading zeros, and two parsers that disagree on a size disagree on "
            + "where the payload ends";

    @Test
    @Covers({"XFER-SIZE-02"})
    @DisplayName("signed sizes (+1, -1) are refused with 400")
    void signedSizesAreRefused(ServerUnderTest server) throws IOException {
        refuse(server, "+1", "-1");
    }

    @Test
    @Covers({"XFER-SIZE-02"})
    @DisplayName("sizes with spaces (' 1', '1 ') are refused with 400")
    void sizesWithSpacesAreRefused(ServerUnderTest server) throws IOException {
        refuse(server, " 1", "1 ");
    }

    @Test
    @Covers({"XFER-SIZE-02"})
    @DisplayName("sizes with leading zeros (01, 00) are refused with 400")
    void sizesWithLeadingZerosAreRefused(ServerUnderTest server) throws IOException {
        refuse(server, "01", "00");
    }

    @Test
    @Covers({"XFER-SIZE-02"})
    @DisplayName("sizes with other characters (1_0, 1e3, 0x10, 5abc) are refused with 400")
    void sizesWithOtherCharactersAreRefused(ServerUnderTest server) throws IOException {
        refuse(server, "1_0", "1e3", "0x10", "5abc");
    }

    @Test
    @Covers({"XFER-SIZE-02"})
    @DisplayName("an empty size line is refused with 400")
    void emptySizeIsRefused(ServerUnderTest server) throws IOException {
        refuse(server, "");
    }

    @Test
    @Covers({"XFER-SIZE-02"})
    @DisplayName("sizes above 2^63-1 (2^63, nineteen nines) are refused with 400")
    void sizesAboveTheLargestAreRefused(ServerUnderTest server) throws IOException {
        refuse(server, "9223372036854775808", "9999999999999999999");
    }

    @Test
    @Covers({"XFER-SIZE-01", "XFER-SIZE-03"})
    @DisplayName("2^63-1 is a well-formed size: it gets 413 (no room), not 400")
    void largestSizeIsWellFormed(ServerUnderTest server) throws IOException {
        try (Connection connection = server.connect("size 2^63-1")) {
            connection.send(Wire.header(Wire.uniqueName(server, "largest"), Long.MAX_VALUE));
            Received reply = connection.readLine(server.timing().reply());
            if (reply.end() == Received.End.LINE && reply.text().startsWith("ERROR 400")) {
                throw Violation.of("XFER-SIZE-01")
                        .expected("\"ERROR 413 <text>\\n\" (a well-formed size with no room to store it)")
                        .actual(reply.describe())
                        .hint("9223372036854775807 fits a signed 64-bit integer: check the value with care at the "
                                + "boundary")
                        .build();
            }
            if (!(reply.end() == Received.End.LINE && reply.text().startsWith("ERROR 413"))) {
                throw Violation.of("XFER-SIZE-03")
                        .expected("\"ERROR 413 <text>\\n\" before READY")
                        .actual(reply.describe())
                        .hint("compare the size with the free space before sending READY")
                        .timedOut(reply.end() == Received.End.TIMEOUT)
                        .build();
            }
        }
    }

    @Test
    @Covers({"XFER-SIZE-03"})
    @DisplayName("a size of 2^62 (far above any free space) is refused with 413 before READY")
    void hugeSizeIsRefusedBeforeReady(ServerUnderTest server) throws IOException {
        try (Connection connection = server.connect("size 2^62")) {
            connection.send(Wire.header(Wire.uniqueName(server, "huge"), 1L << 62));
            Expect.error(connection, 413, server.timing().reply(), "XFER-SIZE-03",
                    "check the size against your limit and the free space (for example File.getUsableSpace, "
                            + "shutil.disk_usage) before READY: otherwise a client fills the disk");
        }
    }

    /** Sends each size with a valid name, on its own connection, and expects ERROR 400. */
    private static void refuse(ServerUnderTest server, String... sizes) throws IOException {
        for (String size : sizes) {
            try (Connection connection = server.connect("size \"" + size + "\"")) {
                connection.send((Wire.uniqueName(server, "size") + "\n" + size + "\n").getBytes(StandardCharsets.UTF_8));
                Expect.error(connection, 400, server.timing().reply(), "XFER-SIZE-02", STRICT_HINT);
            }
        }
    }
}
