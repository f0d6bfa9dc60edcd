package xferlab.conformance.cases;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import xferlab.conformance.wire.Connection;
import xferlab.conformance.wire.Octets;
import xferlab.conformance.wire.Received;

/**
 * The checks cases make of replies, written from the spec and not from any
 * implementation. Each failed check throws a {@link Violation} that says what was
 * due and what came. Replies ending in CR LF are tolerated here; one case checks
 * line ends on their own, so a CR does not fail every case.
 */
public final class Expect {
    private static final Pattern OK = Pattern.compile("OK ([0-9a-f]{64})");
    private static final Pattern ERROR = Pattern.compile("ERROR (\\d{3}) ([\\x20-\\x7e]*)");

    private Expect() {
    }

    /** {@code READY} is due. */
    public static void ready(Connection connection, Duration within, String requirement, String hint) {
        Received reply = connection.readLine(within);
        if (reply.end() == Received.End.LINE && reply.text().equals("READY")) {
            return;
        }
        throw violation(requirement, "\"READY\\n\"", reply, "READY\n", hint);
    }

    /**
     * {@code OK} with the SHA-256 of {@code payload} is due.
     *
     * @return the digest
     */
    public static String ok(Connection connection, byte[] payload, Duration within, String requirement, String hint) {
        return ok(connection, sha256(payload), within, requirement, hint);
    }

    /** {@code OK} with this digest is due. */
    public static String ok(Connection connection, String digest, Duration within, String requirement, String hint) {
        String expected = "OK " + digest;
        Received reply = connection.readLine(within);
        if (reply.end() == Received.End.LINE) {
            Matcher ok = OK.matcher(reply.text());
            if (ok.matches() && ok.group(1).equals(digest)) {
                return digest;
            }
            if (ok.matches()) {
                throw Violation.of(requirement)
                        .expected("\"" + expected + "\\n\" (the SHA-256 of the octets the suite sent)")
                        .actual(reply.describe())
                        .divergence(Octets.firstDifference(Octets.utf8(expected), reply.octets()))
                        .hint("the digest differs: the server stored or hashed other octets than it received "
                                + "(a text-mode conversion, a lost or extra segment, a read past the payload?)")
                        .build();
            }
        }
        throw violation(requirement, "\"" + expected + "\\n\"", reply, expected + "\n", hint);
    }

    /**
     * An {@code ERROR} with this code is due.
     *
     * @return the error's text
     */
    public static String error(Connection connection, int code, Duration within, String requirement, String hint) {
        Received reply = connection.readLine(within);
        if (reply.end() == Received.End.LINE) {
            Matcher error = ERROR.matcher(reply.text());
            if (error.matches() && Integer.parseInt(error.group(1)) == code) {
                return error.group(2);
            }
        }
        throw violation(requirement, "\"ERROR " + code + " <text>\\n\"", reply, "ERROR " + code + " ", hint);
    }

    /** The server must close the connection: end of stream (or a reset) within the bound. */
    public static void closed(Connection connection, Duration within, String requirement, String hint) {
        Received rest = connection.readToEnd(within);
        if (rest.end() == Received.End.TIMEOUT) {
            throw Violation.of(requirement)
                    .expected("the server closes the connection within " + within.toMillis() + " ms")
                    .actual(rest.octets().length == 0 ? "the connection stayed open"
                            : "it sent \"" + rest.text() + "\" and kept the connection open")
                    .hint(hint)
                    .timedOut(true)
                    .build();
        }
    }

    private static Violation violation(String requirement, String expected, Received reply, String expectedOctets,
                                       String hint) {
        long divergence = reply.end() == Received.End.TIMEOUT && reply.octets().length == 0
                ? -1 : Octets.firstDifference(Octets.utf8(expectedOctets), reply.octets());
        return Violation.of(requirement)
                .expected(expected)
                .actual(reply.describe())
                .divergence(divergence)
                .hint(hint)
                .timedOut(reply.end() == Received.End.TIMEOUT)
                .build();
    }

    /** The SHA-256 of the octets, as 64 lowercase hex digits. */
    public static String sha256(byte[] octets) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(octets));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
