package xferlab.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * The name rules against an oracle written differently: UTF-8 validity as "decoding
 * and re-encoding gives the same octets" (Java's lenient decoding replaces every
 * malformed sequence, so a round trip fails exactly for invalid input).
 */
class FileNamePropertyTest {

    /** Octets around every rule boundary, mixed with arbitrary ones. */
    @Provide
    Arbitrary<byte[]> nameOctets() {
        Arbitrary<Byte> interesting = Arbitraries.of(
                (byte) 'a', (byte) '.', (byte) '/', (byte) '\\', (byte) ' ', (byte) 0x00, (byte) 0x1f, (byte) 0x7f,
                (byte) 0x80, (byte) 0xbf, (byte) 0xc0, (byte) 0xc2, (byte) 0xc3, (byte) 0xa9, (byte) 0xe0,
                (byte) 0xe6, (byte) 0x97, (byte) 0xa5, (byte) 0xed, (byte) 0xa0, (byte) 0xf0, (byte) 0x9f,
                (byte) 0x98, (byte) 0xf4, (byte) 0x90, (byte) 0xf5, (byte) 0xff);
        Arbitrary<Byte> octet = Arbitraries.frequencyOf(
                Tuple.of(4, interesting), Tuple.of(1, Arbitraries.bytes()));
        return octet.list().ofMinSize(0).ofMaxSize(12).map(list -> {
            byte[] octets = new byte[list.size()];
            for (int i = 0; i < octets.length; i++) {
                octets[i] = list.get(i);
            }
            return octets;
        });
    }

    private static boolean oracle(byte[] octets) {
        if (octets.length < 1 || octets.length > 255) {
            return false;
        }
        for (byte b : octets) {
            int v = b & 0xff;
            if (v <= 0x1f || v == 0x7f || v == '/' || v == '\\') {
                return false;
            }
        }
        if (Arrays.equals(octets, new byte[] {'.'}) || Arrays.equals(octets, new byte[] {'.', '.'})) {
            return false;
        }
        return Arrays.equals(new String(octets, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8), octets);
    }

    @Property(tries = 500)
    @Label("XFER-NAME-01..06: a name is accepted exactly when the oracle accepts it")
    void acceptedExactlyWhenTheOracleAccepts(@ForAll("nameOctets") byte[] octets) {
        assertThat(FileName.problem(octets) == null).isEqualTo(oracle(octets));
    }

    @Provide
    Arbitrary<String> validNames() {
        // Any code point but C0 controls, DEL, '/', '\' and lone surrogates.
        Arbitrary<Integer> codePoint = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.integers().between(0x20, 0x7e)),
                Tuple.of(1, Arbitraries.integers().between(0x80, 0xd7ff)),
                Tuple.of(1, Arbitraries.integers().between(0xe000, 0x10ffff)))
                .filter(c -> c != '/' && c != '\\');
        return codePoint.list().ofMinSize(1).ofMaxSize(80)
                .map(cps -> new String(cps.stream().mapToInt(Integer::intValue).toArray(), 0, cps.size()))
                .filter(s -> s.getBytes(StandardCharsets.UTF_8).length <= 255)
                .filter(s -> !s.equals(".") && !s.equals(".."));
    }

    @Property(tries = 200)
    @Label("XFER-NAME-01: every valid name is accepted and decodes to itself")
    void validNamesRoundTrip(@ForAll("validNames") String name) throws XferException {
        assertThat(FileName.parse(name.getBytes(StandardCharsets.UTF_8))).isEqualTo(name);
    }

    @Property(tries = 200)
    @Label("XFER-NAME-02: a '/' anywhere in an otherwise valid name gets it refused")
    void slashAnywhereIsRefused(@ForAll("validNames") String name, @ForAll("positions") int position) {
        int at = position % (name.length() + 1);
        String withSlash = name.substring(0, at) + "/" + name.substring(at);
        byte[] octets = withSlash.getBytes(StandardCharsets.UTF_8);
        if (octets.length <= 255) {
            assertThat(FileName.problem(octets)).isEqualTo("name contains '/'");
        } else {
            assertThat(FileName.problem(octets)).isEqualTo("name is longer than 255 octets");
        }
    }

    @Provide
    Arbitrary<Integer> positions() {
        return Arbitraries.integers().between(0, 1000);
    }
}
