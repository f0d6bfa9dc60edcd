package xferlab.protocol;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The size rule: exactly one spelling per number (XFER-SIZE-01, XFER-SIZE-02). */
@Timeout(value = 30, unit = SECONDS)
class SizeTest {

    @ParameterizedTest(name = "\"{0}\" is {1}")
    @CsvSource({
        "0, 0",
        "1, 1",
        "10, 10",
        "65536, 65536",
        "1000000000000000000, 1000000000000000000",
        "9223372036854775806, 9223372036854775806",
        "9223372036854775807, 9223372036854775807"})
    @DisplayName("XFER-SIZE-01: 0, and a non-zero digit followed by digits up to 2^63-1, are accepted")
    void acceptedSizes(String line, long value) throws XferException {
        assertThat(Size.parse(line.getBytes(StandardCharsets.US_ASCII))).isEqualTo(value);
    }

    @ParameterizedTest(name = "\"{0}\": {1}")
    @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, value = {
        "|size is empty",
        "+1|size has a non-digit octet",
        "-1|size has a non-digit octet",
        "-0|size has a non-digit octet",
        " 1|size has a non-digit octet",
        "1 |size has a non-digit octet",
        "1_0|size has a non-digit octet",
        "1e3|size has a non-digit octet",
        "0x10|size has a non-digit octet",
        "1.0|size has a non-digit octet",
        "1,000|size has a non-digit octet",
        "１|size has a non-digit octet",
        "٣|size has a non-digit octet",
        "01|size has a leading zero",
        "00|size has a leading zero",
        "007|size has a leading zero",
        "9223372036854775808|size is above 9223372036854775807",
        "9999999999999999999|size is above 9223372036854775807",
        "18446744073709551616|size line is longer than 19 octets",
        "12345678901234567890|size line is longer than 19 octets"})
    @DisplayName("XFER-SIZE-02: every other spelling is refused with 400 and the rule it breaks")
    void refusedSizes(String line, String reason) {
        // CsvSource gives null for an empty column.
        byte[] octets = line == null ? new byte[0] : line.getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> Size.parse(octets))
                .isInstanceOfSatisfying(XferException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_LINE);
                    assertThat(e.reply().line()).isEqualTo("ERROR 400 " + reason);
                });
    }
}
