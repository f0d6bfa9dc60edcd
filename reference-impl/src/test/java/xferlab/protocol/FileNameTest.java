package xferlab.protocol;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The name rules, one example per rule and per way of breaking it. */
@Timeout(value = 30, unit = SECONDS)
class FileNameTest {
    private static final String INVALID_UTF8 = "name is not valid UTF-8";
    private static final String CONTROL = "name contains a control octet";

    private static byte[] utf8(String name) {
        return name.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {
        "a",
        "report.pdf",
        "my report (final) v2.pdf",
        " leading and trailing spaces ",
        "résumé.pdf",
        "日本語.txt",
        "😀 emoji.png",
        "...",
        ".hidden",
        "a..b",
        "..a",
        "a.",
        "-rf",
        "a:b*c?d<e>f|g\"h'",
        "\u00a0non-breaking\u0085next-line"})
    @DisplayName("XFER-NAME-01: a name that keeps every rule is accepted and decoded as given")
    void acceptedNames(String name) throws XferException {
        assertThat(FileName.problem(utf8(name))).isNull();
        assertThat(FileName.problem(name)).isNull();
        assertThat(FileName.parse(utf8(name))).isEqualTo(name);
    }

    @Test
    @DisplayName("XFER-NAME-01: names of exactly 255 octets are accepted, ASCII or multi-octet")
    void nameOf255Octets() throws XferException {
        String ascii = "x".repeat(255);
        String cjk = "日".repeat(85); // 3 octets each
        String mixed = "a" + "😀".repeat(63) + "é"; // 1 + 252 + 2
        for (String name : new String[] {ascii, cjk, mixed}) {
            assertThat(utf8(name)).hasSize(255);
            assertThat(FileName.parse(utf8(name))).isEqualTo(name);
        }
    }

    static Stream<Arguments> refusedNames() {
        return Stream.of(
                Arguments.of("empty", new byte[0], "name is empty"),
                Arguments.of("256 octets", utf8("y".repeat(256)), "name is longer than 255 octets"),
                Arguments.of("slash", utf8("a/b"), "name contains '/'"),
                Arguments.of("slash alone", utf8("/"), "name contains '/'"),
                Arguments.of("traversal", utf8("../../etc/passwd"), "name contains '/'"),
                Arguments.of("absolute path", utf8("/etc/passwd"), "name contains '/'"),
                Arguments.of("backslash", utf8("a\\b"), "name contains '\\'"),
                Arguments.of("windows traversal", utf8("..\\..\\boot.ini"), "name contains '\\'"),
                Arguments.of("dot", utf8("."), "name is '.'"),
                Arguments.of("dot dot", utf8(".."), "name is '..'"),
                Arguments.of("lone continuation octet 80", hex("6180"), INVALID_UTF8),
                Arguments.of("stray continuation octet BF", hex("bf"), INVALID_UTF8),
                Arguments.of("truncated two-octet sequence", hex("61c3"), INVALID_UTF8),
                Arguments.of("truncated three-octet sequence", hex("e697"), INVALID_UTF8),
                Arguments.of("truncated four-octet sequence", hex("f09f98"), INVALID_UTF8),
                Arguments.of("lead octet followed by ASCII", hex("c328"), INVALID_UTF8),
                Arguments.of("overlong '/' C0 AF", hex("c0af"), INVALID_UTF8),
                Arguments.of("overlong '.' C0 AE", hex("c0ae"), INVALID_UTF8),
                Arguments.of("overlong three-octet E0 80 AF", hex("e080af"), INVALID_UTF8),
                Arguments.of("encoded surrogate ED A0 80", hex("eda080"), INVALID_UTF8),
                Arguments.of("encoded low surrogate ED BF BF", hex("edbfbf"), INVALID_UTF8),
                Arguments.of("above U+10FFFF F4 90 80 80", hex("f4908080"), INVALID_UTF8),
                Arguments.of("octet FF", hex("ff"), INVALID_UTF8),
                Arguments.of("octet FE", hex("61fe62"), INVALID_UTF8),
                Arguments.of("Latin-1 é", hex("72e973756de9"), INVALID_UTF8));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedNames")
    @DisplayName("XFER-NAME-02..06: a name that breaks a rule is refused with 403 and the rule it breaks")
    void refusedNamesWithTheirReason(String description, byte[] octets, String reason) {
        assertThat(FileName.problem(octets)).isEqualTo(reason);
        assertThatThrownBy(() -> FileName.parse(octets))
                .isInstanceOfSatisfying(XferException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.NAME_REFUSED);
                    assertThat(e.reply().line()).isEqualTo("ERROR 403 " + reason);
                });
    }

    static IntStream controlOctets() {
        return IntStream.concat(IntStream.rangeClosed(0x00, 0x1f), IntStream.of(0x7f));
    }

    @ParameterizedTest(name = "octet 0x{0}")
    @MethodSource("controlOctets")
    @DisplayName("XFER-NAME-04: a name containing any control octet 0x00-0x1F or 0x7F is refused")
    void controlOctetAnywhereIsRefused(int octet) {
        for (byte[] name : new byte[][] {{(byte) octet}, {'a', (byte) octet, 'b'}, {'a', 'b', (byte) octet}}) {
            assertThat(FileName.problem(name)).as("name %s", HexFormat.of().formatHex(name)).isEqualTo(CONTROL);
        }
    }

    @Test
    @DisplayName("XFER-NAME-01..05: a one-octet name is accepted exactly when it is printable ASCII other than '/', '\\' and '.'")
    void everyOneOctetName() {
        for (int octet = 0; octet <= 0xff; octet++) {
            boolean valid = octet >= 0x20 && octet <= 0x7e && octet != '/' && octet != '\\' && octet != '.';
            assertThat(FileName.problem(new byte[] {(byte) octet}) == null)
                    .as("one-octet name 0x%02x", octet).isEqualTo(valid);
        }
    }

    @Test
    @DisplayName("XFER-CLI-08: the string form checks the UTF-8 octets a client would send")
    void stringFormChecksTheSentOctets() {
        assertThat(FileName.problem("a/b")).isEqualTo("name contains '/'");
        assertThat(FileName.problem("")).isEqualTo("name is empty");
        assertThat(FileName.problem("é".repeat(128))).isEqualTo("name is longer than 255 octets");
        assertThat(FileName.problem("tab\there")).isEqualTo(CONTROL);
    }

    @Test
    @DisplayName("rules are checked in a fixed order: a name breaking several gets the same answer every time")
    void fixedOrderOfRules() {
        assertThat(FileName.problem(utf8("a/\u0000"))).isEqualTo(CONTROL);
        assertThat(FileName.problem(utf8("a\\/b"))).isEqualTo("name contains '/'");
        assertThat(FileName.problem(hex("2fff"))).isEqualTo("name contains '/'");
    }
}
