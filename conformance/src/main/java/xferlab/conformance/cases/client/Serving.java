package xferlab.conformance.cases.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

import xferlab.conformance.cases.ClientSession;
import xferlab.conformance.cases.ClientUnderTest;
import xferlab.conformance.cases.Exchange;
import xferlab.conformance.cases.Violation;
import xferlab.conformance.wire.Connection;
import xferlab.conformance.wire.Octets;
import xferlab.conformance.wire.Received;

/**
 * The scripted server's steps that client cases share. It answers like a real
 * server: a header it cannot read gets {@code ERROR 400} at once, a client that goes
 * quiet mid-header gets {@code ERROR 408} after the idle time, and then the
 * connection is closed, so a client with a header format of its own ends in
 * seconds and its first failure names the header.
 */
final class Serving {
    /** What the client must send: the header (and the payload after READY). */
    static final String HEADER = ClientSession.HEADER_STEP;

    private Serving() {
    }

    /** The header as the client sent it. */
    record Header(String name, byte[] nameLine, long size) {
    }

    /**
     * Reads the two header lines, as a server would, and checks their form (the size
     * canonical, bare LF line ends). A failure cites XFER-CLI-02 (or XFER-LINE-01 for
     * CR LF), which blocks a case that does not own it.
     */
    static Header readHeader(Connection connection, ClientUnderTest client) throws IOException {
        Duration idle = client.timing().idle();
        Received name = connection.readLine(idle);
        if (name.end() != Received.End.LINE) {
            throw notXfer(connection, name, "", client);
        }
        Received size = readSizeLine(connection, idle);
        if (size.end() != Received.End.LINE) {
            throw notXfer(connection, size, Octets.escape(name.octets()) + (name.crlf() ? "\\r\\n" : "\\n"), client);
        }
        String sizeText = new String(size.octets(), StandardCharsets.ISO_8859_1);
        if (!sizeText.matches("0|[1-9][0-9]{0,18}")) {
            refuse(connection, "ERROR 400 the size line is not a size\n");
            throw Violation.of(HEADER)
                    .expected("the size in canonical decimal: no sign, no spaces, no leading zeros, then LF")
                    .actual("size line \"" + size.text() + "\"")
                    .hint("send the file's length in octets as plain decimal digits, then \"\\n\"")
                    .build();
        }
        if (name.crlf() || size.crlf()) {
            throw Violation.of("XFER-LINE-01")
                    .expected("lines ending in a bare LF")
                    .actual("name line " + name.describe() + ", size line " + size.describe())
                    .hint("send \"\\n\", not \"\\r\\n\"")
                    .build();
        }
        return new Header(new String(name.octets(), StandardCharsets.UTF_8), name.octets(), Long.parseLong(sizeText));
    }

    /**
     * Reads the size line as a server does: a non-digit octet before the LF is refused
     * at once; no LF within the idle time is an idle timeout.
     */
    private static Received readSizeLine(Connection connection, Duration idle) {
        Received line = connection.readReply(idle, Duration.ofMillis(300));
        if (line.end() != Received.End.UNTERMINATED) {
            return line;
        }
        String text = new String(line.octets(), StandardCharsets.ISO_8859_1);
        if (!text.matches("[0-9]*\r?")) {
            return line; // not a size, whatever follows: refused below
        }
        Received rest = connection.readLine(idle);
        byte[] all = Arrays.copyOf(line.octets(), line.octets().length + rest.octets().length);
        System.arraycopy(rest.octets(), 0, all, line.octets().length, rest.octets().length);
        return new Received(all, rest.end(), rest.crlf());
    }

    /** The header is not XFER's: answer as a server would (400, or 408 after the idle time), close, and say so. */
    private static Violation notXfer(Connection connection, Received broken, String before, ClientUnderTest client)
            throws IOException {
        boolean quiet = broken.end() == Received.End.TIMEOUT || broken.end() == Received.End.UNTERMINATED
                && new String(broken.octets(), StandardCharsets.ISO_8859_1).matches("[0-9]*");
        refuse(connection, quiet ? "ERROR 408 no complete header within the idle time\n"
                : "ERROR 400 this is not an XFER header\n");
        String sent = before + Octets.escape(broken.octets());
        return Violation.of(HEADER)
                .expected("a name line and a size line, each ending in LF: \"report.bin\\n70000\\n\"")
                .actual(sent.isEmpty() ? "your client sent nothing" + (broken.end() == Received.End.TIMEOUT
                        ? " for " + client.timing().idle().toMillis() + " ms" : " and " + broken.describe())
                        : "your client sent \"" + sent + "\"" + (quiet ? ", then nothing for "
                        + client.timing().idle().toMillis() + " ms" : ""))
                .hint(sent.isEmpty() ? "connect, then send the name, LF, the size in decimal, LF; then wait for READY"
                        : "your header is not XFER's: send the file's base name, \"\\n\", its size in decimal "
                        + "digits, \"\\n\" (two text lines, no other separator, no binary size)")
                .timedOut(false)
                .build();
    }

    /** Sends a refusal and closes, best effort: the client may be gone already. */
    static void refuse(Connection connection, String reply) {
        try {
            connection.send(reply);
        } catch (IOException e) {
            // a client that left cannot be told
        }
        connection.close();
    }

    /** Checks that the client sent this name and size; on a mismatch answers as a server would, and fails. */
    static void expectHeader(Connection connection, Header header, String name, long size) {
        if (!header.name().equals(name)) {
            refuse(connection, "ERROR 403 not the name of the file\n");
            throw Violation.of("XFER-CLI-01")
                    .expected("the name \"" + name + "\": the file's base name, without its directory")
                    .actual("\"" + Octets.escape(header.nameLine()) + "\"")
                    .hint("send only the last component of the path (os.path.basename, Path.getFileName)")
                    .build();
        }
        if (header.size() != size) {
            refuse(connection, "ERROR 400 not the size of the file\n");
            throw Violation.of(HEADER)
                    .expected("size " + size + ", the file's length in octets")
                    .actual("size " + header.size())
                    .hint("announce the file's exact length in octets (not characters)")
                    .build();
        }
    }

    /** Reads the whole payload and checks it is the file's content (a step of XFER-CLI-02). */
    static void expectPayload(Connection connection, byte[] content, ClientUnderTest client) {
        Violation.Builder wrong = wrongPayload(connection, content, client, Violation.of(HEADER));
        if (wrong != null) {
            throw wrong.build();
        }
    }

    /**
     * The same as the case's own check, where the client going on with the payload is
     * what the case judges. It runs at once, before the suite answers.
     */
    static void expectPayload(ClientSession session, Connection connection, byte[] content, ClientUnderTest client) {
        // No hint of the case's own: the one chosen by what arrived (nothing, too little, other octets) says more.
        session.expectThat(violation -> wrongPayload(connection, content, client, violation)).because("");
    }

    /** What is wrong with the payload that arrives, as a violation; null if it is the file's content. */
    private static Violation.Builder wrongPayload(Connection connection, byte[] content, ClientUnderTest client,
                                                  Violation.Builder violation) {
        Received payload = connection.readExactly(content.length, client.timing().reply());
        int difference = Octets.firstDifference(content, payload.octets());
        if (payload.end() == Received.End.LINE && difference < 0) {
            return null;
        }
        return violation
                .expected(content.length + " octets of payload, the file's content")
                .actual(payload.octets().length + " octets"
                        + (difference >= 0 && difference < payload.octets().length
                                ? ", differing from octet " + difference + " of the payload" : "")
                        + (payload.end() == Received.End.LINE ? "" : ", then " + ended(payload.end())))
                .divergence(difference)
                .hint(payloadHint(payload, content.length))
                .timedOut(payload.end() == Received.End.TIMEOUT && payload.any());
    }

    /**
     * Reads the start of the payload: proof that the client read READY and went on.
     * A robustness case stands on it; without it the case is not reached.
     */
    static void expectPayloadStarts(Connection connection, int octets, ClientUnderTest client) {
        Received start = connection.readExactly(octets, client.timing().reply());
        if (start.end() != Received.End.LINE) {
            throw Violation.of(HEADER)
                    .expected("the payload after READY (the first " + octets + " octets at least)")
                    .actual(start.octets().length + " octets, then " + ended(start.end()))
                    .hint(payloadHint(start, octets))
                    .build();
        }
    }

    private static String payloadHint(Received payload, int expected) {
        if (!payload.any()) {
            return payload.end() == Received.End.TIMEOUT
                    ? "your client sent nothing after READY: is it still waiting for it? Read the reply up to its "
                            + "LF and compare the line without it with \"READY\""
                    : "your client closed right after READY arrived: does it compare the reply with \"READY\" "
                            + "including the LF (or expect it in one recv)? Strip the line end first";
        }
        return payload.octets().length < expected
                ? "send all the announced octets, in a loop until every one is written (one send may write fewer)"
                : "send exactly the announced number of octets, read from the file in binary mode";
    }

    private static String ended(Received.End end) {
        return switch (end) {
            case CLOSED -> "the connection closed";
            case RESET -> "the connection was reset";
            case TIMEOUT -> "nothing more within the deadline";
            default -> end.name().toLowerCase();
        };
    }

    /** Plays a correct server to the end: header checks, READY, payload, OK. */
    static void serveCorrectly(Connection connection, String name, byte[] content, ClientUnderTest client)
            throws IOException {
        expectHeader(connection, readHeader(connection, client), name, content.length);
        connection.send("READY\n");
        expectPayload(connection, content, client);
        connection.send("OK " + Exchange.sha256(content) + "\n");
    }
}
