package xferlab.protocol;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import xferlab.testing.RawConnection;
import xferlab.testing.SegmentedInputStream;

/**
 * The line reader is where the "one read is one line" bug is avoided (XFER-LINE-03)
 * and where the length limits are enforced (XFER-LINE-04). The segmented stream
 * stands in for a socket whose peer's octets arrive in separate segments.
 */
@Timeout(value = 30, unit = SECONDS)
class LineReaderTest {
    private static final byte[] NAME = "résumé 2024.pdf".getBytes(StandardCharsets.UTF_8);
    private static final byte[] SIZE = "12".getBytes(StandardCharsets.US_ASCII);
    /** Payload octets that look like line ends must stay payload. */
    private static final byte[] PAYLOAD = {'\n', '\r', '\n', 0, 'x', '\r', (byte) 0xff, '\n', 'y', 'z', 0, '\n'};
    private static final byte[] STREAM = RawConnection.concat(RawConnection.header(NAME, "12"), PAYLOAD);

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] repeat(char c, int times) {
        byte[] octets = new byte[times];
        Arrays.fill(octets, (byte) c);
        return octets;
    }

    /** Reads name and size, then checks that exactly the payload is left in the stream. */
    private static void assertHeaderThenPayload(InputStream in, String split) throws Exception {
        LineReader reader = new LineReader(in);
        assertThat(reader.readLine(Limits.MAX_NAME_OCTETS, "test")).as("name line, split %s", split).isEqualTo(NAME);
        assertThat(reader.readLine(Limits.MAX_SIZE_OCTETS, "test")).as("size line, split %s", split).isEqualTo(SIZE);
        assertThat(in.readAllBytes()).as("payload left unread, split %s", split).isEqualTo(PAYLOAD);
    }

    @Test
    @DisplayName("XFER-LINE-03: a header split into two segments at any octet is read whole, the payload left intact")
    void headerSplitIntoTwoSegmentsAtEveryOctet() throws Exception {
        for (int cut = 1; cut < STREAM.length; cut++) {
            byte[][] parts = SegmentedInputStream.split(STREAM, cut);
            assertHeaderThenPayload(SegmentedInputStream.of(parts), "at " + cut);
            // As the server reads it: a buffered stream whose fill returns one segment at a time.
            assertHeaderThenPayload(new BufferedInputStream(SegmentedInputStream.of(parts)), "at " + cut + ", buffered");
        }
    }

    @Test
    @DisplayName("XFER-LINE-03: a header split into three segments at any two octets is read whole, the payload left intact")
    void headerSplitIntoThreeSegmentsAtEveryPairOfOctets() throws Exception {
        for (int first = 1; first < STREAM.length; first++) {
            for (int second = first + 1; second < STREAM.length; second++) {
                byte[][] parts = SegmentedInputStream.split(STREAM, first, second);
                String split = "at " + first + " and " + second;
                assertHeaderThenPayload(SegmentedInputStream.of(parts), split);
                assertHeaderThenPayload(new BufferedInputStream(SegmentedInputStream.of(parts)), split + ", buffered");
            }
        }
    }

    @Test
    @DisplayName("XFER-LINE-03: one segment carrying both lines and payload octets serves each in turn")
    void oneSegmentWithEverything() throws Exception {
        assertHeaderThenPayload(SegmentedInputStream.of(STREAM), "none");
    }

    @Test
    @DisplayName("XFER-LINE-03: a line is read up to its LF and not one octet further")
    void readsNoOctetPastTheLineFeed() throws Exception {
        SegmentedInputStream in = SegmentedInputStream.thenTripwire(ascii("name\n"));
        assertThat(new LineReader(in).readLine(255, "test")).isEqualTo(ascii("name"));
        assertThat(in.served()).isEqualTo(5);
    }

    @Test
    @DisplayName("XFER-LINE-02: CR LF is accepted as a line end and the CR is not part of the line")
    void crLfIsALineEnd() throws Exception {
        LineReader reader = new LineReader(SegmentedInputStream.of(ascii("name.txt\r\n12\r\n")));
        assertThat(reader.readLine(255, "test")).isEqualTo(ascii("name.txt"));
        assertThat(reader.readLine(19, "test")).isEqualTo(ascii("12"));
    }

    @Test
    @DisplayName("XFER-LINE-02: a CR LF split between two segments is still a line end")
    void crLfSplitAcrossSegments() throws Exception {
        LineReader reader = new LineReader(SegmentedInputStream.of(ascii("name.txt\r"), ascii("\nrest")));
        assertThat(reader.readLine(255, "test")).isEqualTo(ascii("name.txt"));
    }

    @Test
    @DisplayName("XFER-LINE-02: a CR that is not directly before the LF is an ordinary octet")
    void loneCrIsContent() throws Exception {
        LineReader reader = new LineReader(SegmentedInputStream.of(ascii("a\rb\n\rc\n")));
        assertThat(reader.readLine(255, "test")).isEqualTo(ascii("a\rb"));
        assertThat(reader.readLine(255, "test")).isEqualTo(ascii("\rc"));
    }

    @Test
    @DisplayName("XFER-LINE-02: of CR CR LF only the last CR belongs to the line end")
    void onlyOneCrIsStripped() throws Exception {
        assertThat(new LineReader(SegmentedInputStream.of(ascii("a\r\r\n"))).readLine(255, "test")).isEqualTo(ascii("a\r"));
    }

    @Test
    @DisplayName("an empty line is read as zero octets")
    void emptyLine() throws Exception {
        assertThat(new LineReader(SegmentedInputStream.of(ascii("\n"))).readLine(255, "test")).isEmpty();
    }

    @ParameterizedTest(name = "limit {0}")
    @ValueSource(ints = {Limits.MAX_NAME_OCTETS, Limits.MAX_SIZE_OCTETS})
    @DisplayName("XFER-LINE-04: a line of exactly the limit is accepted, with LF or with CR LF")
    void lineOfExactlyTheLimit(int limit) throws Exception {
        byte[] line = repeat('7', limit);
        assertThat(new LineReader(SegmentedInputStream.thenTripwire(RawConnection.concat(line, ascii("\n"))))
                .readLine(limit, "test")).isEqualTo(line);
        assertThat(new LineReader(SegmentedInputStream.thenTripwire(RawConnection.concat(line, ascii("\r\n"))))
                .readLine(limit, "test")).isEqualTo(line);
    }

    @ParameterizedTest(name = "limit {0}")
    @ValueSource(ints = {Limits.MAX_NAME_OCTETS, Limits.MAX_SIZE_OCTETS})
    @DisplayName("XFER-LINE-04: octet limit+1 is refused as soon as it arrives, though no LF ever comes")
    void oneOctetOverTheLimitIsRefusedAtOnce(int limit) {
        // The tripwire stream has nothing after octet limit+1: a reader that waited for
        // the LF would read on, and the test would fail instead of blocking.
        SegmentedInputStream in = SegmentedInputStream.thenTripwire(repeat('7', limit + 1));
        assertThatThrownBy(() -> new LineReader(in).readLine(limit, "test"))
                .isInstanceOf(XferException.class)
                .hasMessage("test line is longer than " + limit + " octets")
                .extracting(e -> ((XferException) e).code()).isEqualTo(ErrorCode.MALFORMED_LINE);
        assertThat(in.served()).isEqualTo(limit + 1);
    }

    @Test
    @DisplayName("XFER-LINE-04: the over-long line is refused at octet 256 even when it arrives in many segments")
    void overLongLineInSegments() {
        byte[][] parts = SegmentedInputStream.split(repeat('a', 256), 1, 100, 200, 255);
        SegmentedInputStream in = SegmentedInputStream.thenTripwire(parts);
        assertThatThrownBy(() -> new LineReader(in).readLine(255, "test")).isInstanceOf(XferException.class);
    }

    @Test
    @DisplayName("XFER-LINE-04: a CR as octet limit+1 is refused when the octet after it arrives and is not LF")
    void crPastTheLimitFollowedByOtherOctet() {
        byte[] octets = RawConnection.concat(repeat('a', 255), ascii("\rx"));
        SegmentedInputStream in = SegmentedInputStream.thenTripwire(octets);
        assertThatThrownBy(() -> new LineReader(in).readLine(255, "test")).isInstanceOf(XferException.class);
        assertThat(in.served()).isEqualTo(257);
    }

    @Test
    @DisplayName("XFER-LINE-06: the stream ending before a line began is an EOFException")
    void endOfStreamBeforeALine() {
        assertThatThrownBy(() -> new LineReader(SegmentedInputStream.of()).readLine(255, "test"))
                .isInstanceOf(EOFException.class);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"name", "name\r", "n"})
    @DisplayName("XFER-LINE-06: the stream ending in the middle of a line is an EOFException, not a short line")
    void endOfStreamMidLine(String partial) {
        assertThatThrownBy(() -> new LineReader(SegmentedInputStream.of(ascii(partial))).readLine(255, "test"))
                .isInstanceOf(EOFException.class)
                .hasMessageContaining(partial.length() + " octets");
    }
}
