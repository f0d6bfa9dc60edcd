package xferlab.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

class SizePropertyTest {

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @Property(tries = 200)
    @Label("XFER-SIZE-01: every long >= 0 round-trips through its decimal spelling")
    void everyNonNegativeLongRoundTrips(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long value)
            throws XferException {
        assertThat(Size.parse(ascii(Long.toString(value)))).isEqualTo(value);
    }

    @Provide
    Arbitrary<String> digitStrings() {
        return Arbitraries.strings().withCharRange('0', '9').ofMinLength(1).ofMaxLength(18);
    }

    @Property(tries = 200)
    @Label("XFER-SIZE-02: every spelling with a leading zero (longer than one octet) is refused")
    void leadingZeroIsRefused(@ForAll("digitStrings") String rest) {
        assertThatThrownBy(() -> Size.parse(ascii("0" + rest)))
                .isInstanceOf(XferException.class)
                .hasMessage("size has a leading zero");
    }

    @Provide
    Arbitrary<String> canonicalDigitStrings() {
        // Lengths 18 to 20 straddle 2^63-1 (19 digits).
        return Combinators.combine(
                        Arbitraries.integers().between(1, 9),
                        Arbitraries.strings().withCharRange('0', '9').ofMinLength(17).ofMaxLength(19))
                .as((first, rest) -> first + rest);
    }

    @Property(tries = 200)
    @Label("XFER-SIZE-01/02: a canonical digit string is accepted exactly when its value is at most 2^63-1")
    void acceptedExactlyUpToLongMax(@ForAll("canonicalDigitStrings") String line) {
        BigInteger value = new BigInteger(line);
        if (line.length() <= 19 && value.compareTo(BigInteger.valueOf(Long.MAX_VALUE)) <= 0) {
            assertThat(parse(line)).isEqualTo(value.longValueExact());
        } else {
            assertThatThrownBy(() -> Size.parse(ascii(line))).isInstanceOf(XferException.class);
        }
    }

    private static long parse(String line) {
        try {
            return Size.parse(ascii(line));
        } catch (XferException e) {
            throw new AssertionError("refused \"" + line + "\": " + e.getMessage(), e);
        }
    }
}
