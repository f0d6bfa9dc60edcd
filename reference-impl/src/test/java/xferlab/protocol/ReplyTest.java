package xferlab.protocol;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reply lines, as the server writes them and the client reads them. */
@Timeout(value = 30, unit = SECONDS)
class ReplyTest {
    private static final String DIGEST = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private static Reply parse(String line) {
        return Reply.parse(line.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    @DisplayName("READY parses")
    void ready() {
        assertThat(parse("READY")).isEqualTo(new Reply.Ready());
    }

    @Test
    @DisplayName("XFER-UP-03: OK with 64 lowercase hex digits parses and keeps the digest")
    void ok() {
        assertThat(parse("OK " + DIGEST)).isEqualTo(new Reply.Ok(DIGEST));
    }

    @ParameterizedTest(name = "code {0}")
    @ValueSource(ints = {400, 403, 408, 413, 500})
    @DisplayName("XFER-ERR-01: ERROR with each code and a printable text parses")
    void errorWithEachCode(int code) {
        assertThat(parse("ERROR " + code + " name is '..' ~!")).isEqualTo(new Reply.Error(code, "name is '..' ~!"));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {
        "",
        "READY ",
        " READY",
        "ready",
        "READY\r",
        "OK",
        "OK ",
        "OK E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855",
        "OK e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85",
        "OK e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b8555",
        "OK e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 ",
        "OK  e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "OK g3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "ERROR 404 not found",
        "ERROR 200 fine",
        "ERROR 4000 x",
        "ERROR 400",
        "ERROR400 x",
        "ERROR 400 tab\there",
        "ERROR 400 caf\u00e9",
        "HELLO"})
    @DisplayName("XFER-CLI-06: anything else is not a reply")
    void notAReply(String line) {
        assertThatThrownBy(() -> parse(line))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not an XFER reply");
    }

    @Test
    @DisplayName("XFER-LINE-01: replies are encoded with a bare LF and parse back to themselves")
    void encodeWithBareLf() {
        Reply[] replies = {new Reply.Ready(), new Reply.Ok(DIGEST), new Reply.Error(413, "size is above the limit")};
        String[] lines = {"READY\n", "OK " + DIGEST + "\n", "ERROR 413 size is above the limit\n"};
        for (int i = 0; i < replies.length; i++) {
            byte[] encoded = replies[i].encode();
            assertThat(new String(encoded, StandardCharsets.US_ASCII)).isEqualTo(lines[i]);
            assertThat(Reply.parse(java.util.Arrays.copyOf(encoded, encoded.length - 1))).isEqualTo(replies[i]);
        }
    }

    @Test
    @DisplayName("an unparseable reply is quoted with its octets escaped, so the message stays one line")
    void messageEscapesOctets() {
        assertThatThrownBy(() -> Reply.parse(new byte[] {'X', '\n', (byte) 0xff}))
                .hasMessage("not an XFER reply: \"X\\n\\xff\"");
    }
}
