package xferlab.conformance.cases.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import xferlab.conformance.cases.ClientUnderTest;
import xferlab.conformance.cases.Expect;
import xferlab.conformance.cases.Violation;
import xferlab.conformance.wire.Connection;
import xferlab.conformance.wire.Octets;
import xferlab.conformance.wire.Received;

/** The scripted server's steps that client cases share. */
final class Serving {
    private Serving() {
    }

    /** The header as the client sent it. */
    record Header(String name, byte[] nameLine, long size, boolean crlf) {
    }

    /**
     * Reads the two header lines and checks their form (the name a valid name, the
     * size canonical, bare LF line ends).
     */
    static Header readHeader(Connection connection, ClientUnderTest client) {
        Received name = connection.readLine(client.timing().reply());
        Received size = name.end() == Received.End.LINE ? connection.readLine(client.timing().reply()) : name;
        if (name.end() != Received.End.LINE || size.end() != Received.End.LINE) {
            Received broken = name.end() != Received.End.LINE ? name : size;
            throw Violation.of("XFER-CLI-02")
                    .expected("a name line and a size line, each ending in LF")
                    .actual(broken.describe())
                    .hint("send the name, LF, the size in decimal, LF; then wait for READY")
                    .timedOut(broken.end() == Received.End.TIMEOUT)
                    .build();
        }
        if (name.crlf() || size.crlf()) {
            throw Violation.of("XFER-LINE-01")
                    .expected("lines ending in a bare LF")
                    .actual("name line " + name.describe() + ", size line " + size.describe())
                    .hint("send \"\\n\", not \"\\r\\n\"")
                    .build();
        }
        String sizeText = new String(size.octets(), StandardCharsets.ISO_8859_1);
        if (!sizeText.matches("0|[1-9][0-9]{0,18}")) {
            throw Violation.of("XFER-CLI-02")
                    .expected("the size in canonical decimal: no sign, no spaces, no leading zeros")
                    .actual("size line \"" + size.text() + "\"")
                    .build();
        }
        return new Header(new String(name.octets(), StandardCharsets.UTF_8), name.octets(),
                Long.parseLong(sizeText), false);
    }

    /** Checks that the client sent this name and size. */
    static void expectHeader(Header header, String name, long size) {
        if (!header.name().equals(name)) {
            throw Violation.of("XFER-CLI-01")
                    .expected("the name \"" + name + "\": the file's base name, without its directory")
                    .actual("\"" + Octets.escape(header.nameLine()) + "\"")
                    .hint("send only the last component of the path (os.path.basename, Path.getFileName)")
                    .build();
        }
        if (header.size() != size) {
            throw Violation.of("XFER-CLI-02")
                    .expected("size " + size + ", the file's length in octets")
                    .actual("size " + header.size())
                    .hint("announce the file's exact length in octets (not characters)")
                    .build();
        }
    }

    /** Reads the whole payload and checks it is the file's content. */
    static void expectPayload(Connection connection, byte[] content, ClientUnderTest client) {
        Received payload = connection.readExactly(content.length, client.timing().reply());
        int difference = Octets.firstDifference(content, payload.octets());
        if (payload.end() != Received.End.LINE || difference >= 0) {
            throw Violation.of("XFER-CLI-02")
                    .expected(content.length + " octets, the file's content")
                    .actual(payload.octets().length + " octets"
                            + (difference >= 0 && difference < payload.octets().length
                                    ? ", differing from octet " + difference : "")
                            + (payload.end() == Received.End.LINE ? "" : ", then " + payload.end().name().toLowerCase()))
                    .divergence(difference)
                    .hint("send exactly the announced number of octets, read from the file in binary mode")
                    .timedOut(payload.end() == Received.End.TIMEOUT)
                    .build();
        }
    }

    /** Plays a correct server to the end: header checks, READY, payload, OK. */
    static void serveCorrectly(Connection connection, String name, byte[] content, ClientUnderTest client)
            throws IOException {
        expectHeader(readHeader(connection, client), name, content.length);
        connection.send("READY\n");
        expectPayload(connection, content, client);
        connection.send("OK " + Expect.sha256(content) + "\n");
    }

    /** Checks that nothing arrives for a while: the client must be waiting. */
    static void expectSilence(Connection connection, Duration during, String requirement, String hint) {
        Received early = connection.readExactly(1, during);
        if (early.octets().length > 0) {
            Received rest = connection.readExactly(64 * 1024, Duration.ofMillis(200));
            throw Violation.of(requirement)
                    .expected("nothing from the client while the suite holds back its reply")
                    .actual((1 + rest.octets().length) + " octets arrived, starting \""
                            + Octets.escape(early.octets()) + Octets.escape(java.util.Arrays.copyOf(rest.octets(),
                                    Math.min(32, rest.octets().length))) + "\"")
                    .hint(hint)
                    .build();
        }
    }
}
