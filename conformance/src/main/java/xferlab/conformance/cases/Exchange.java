package xferlab.conformance.cases;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import xferlab.conformance.fault.Fault;
import xferlab.conformance.wire.Connection;
import xferlab.conformance.wire.Octets;
import xferlab.conformance.wire.Received;
import xferlab.conformance.wire.Transcript;

/**
 * One connection of a server case: the case scripts what the suite sends, then sets
 * expectations of what comes back. The expectations read leniently on the way to what
 * the case checks: a {@code READY} without its LF still counts as READY, and is noted
 * under the case as a deviation of {@code XFER-LINE-01}, which its own case judges.
 * A step that prepares the case (a valid header must get READY) cites its own
 * requirement; where the case does not cover it, the case is "not reached", blocked
 * by it, and never fails on another requirement's evidence.
 */
public final class Exchange implements AutoCloseable {
    /** READY is due after a valid header: the step most cases stand on. */
    static final String READY_STEP = "XFER-UP-01";
    /** The line-end rule a lenient read notes. */
    static final String LINE_ENDS = "XFER-LINE-01";
    /** OK carries the digest. */
    static final String DIGEST = "XFER-UP-03";
    /** The rules whose own cases fail an OK without its digest: the digest is what they check. */
    private static final java.util.Set<String> DIGEST_RULES = java.util.Set.of(DIGEST, "XFER-UP-04");
    /** The friendliest framing: each header line a segment of its own, this far apart. */
    private static final Duration LINE_PAUSE = Duration.ofMillis(30);
    private static final Pattern OK = Pattern.compile("OK ([0-9a-fA-F]{64})");
    private static final Pattern ERROR = Pattern.compile("ERROR (\\d{3})(?: (.*))?");

    private final Connection connection;
    private final CaseScope scope;
    private final Timing timing;
    private final ServerUnderTest server;
    private Check last;
    private boolean closed;

    Exchange(Connection connection, CaseScope scope, Timing timing, ServerUnderTest server) {
        this.connection = connection;
        this.scope = scope;
        this.timing = timing;
        this.server = server;
        scope.opened();
    }

    /** The connection itself, for what the script does octet by octet. Earlier checks run first. */
    public Connection connection() {
        settle();
        return connection;
    }

    public Transcript transcript() {
        return connection.transcript();
    }

    public Exchange send(byte[] octets) throws IOException {
        connection().send(octets);
        return this;
    }

    public Exchange send(String text) throws IOException {
        return send(Octets.utf8(text));
    }

    public Exchange send(byte[] octets, int offset, int length) throws IOException {
        connection().send(octets, offset, length);
        return this;
    }

    /**
     * Sends a header in the friendliest framing: the name line, a pause, the size line,
     * a pause. A server that takes one recv() for one line still reads it right, so
     * only the framing cases judge framing.
     */
    public Exchange sendHeader(String name, long size) throws IOException {
        return sendHeader(name.getBytes(StandardCharsets.UTF_8), String.valueOf(size));
    }

    /** The same, with a name of any octets and a size line of any text. */
    public Exchange sendHeader(byte[] name, String sizeLine) throws IOException {
        sendNameLine(name);
        pauseBetweenLines();
        send(sizeLine + "\n");
        pauseBetweenLines();
        return this;
    }

    /** Lines sent as they are (their line ends included), each a segment of its own with a pause after it. */
    public Exchange sendLines(String... lines) throws IOException {
        for (String line : lines) {
            send(line);
            pauseBetweenLines();
        }
        return this;
    }

    /** The name line alone, for a case that opens many connections and pauses once for all of them. */
    public Exchange sendNameLine(byte[] name) throws IOException {
        byte[] nameLine = new byte[name.length + 1];
        System.arraycopy(name, 0, nameLine, 0, name.length);
        nameLine[name.length] = '\n';
        return send(nameLine);
    }

    /** A valid header and its READY: the start of most cases. A missing READY blocks the case. */
    public Exchange startUpload(String name, long size) throws IOException {
        sendHeader(name, size);
        expectReady().citingStep(READY_STEP).because("a valid name and size must get READY");
        return this;
    }

    /**
     * The payload and its OK: the end of an upload that prepares the case. A bare OK
     * is noted, not failed, unless the case owns XFER-UP-03; a wrong digest blocks it.
     */
    public Exchange finishUpload(byte[] payload) throws IOException {
        send(payload);
        expectOk(payload).citingStep(DIGEST)
                .because("after the last payload octet the server must answer OK with the SHA-256 of the payload");
        return this;
    }

    /** Injects a fault on this connection (see {@link Fault}). */
    public Exchange inject(Fault fault, String detail) throws IOException {
        connection().inject(fault, detail);
        return this;
    }

    /** {@code READY} is due. */
    public Check expectReady() {
        return expect(check -> {
            Received reply = read(check);
            if (reply.reply().equals("READY") && lenient(reply, "READY")) {
                return null;
            }
            if (reply.end() != Received.End.LINE && reply.reply().startsWith("READY")) {
                // "READYOK": READY without its LF, and the next reply right behind it.
                scope.alsoSeen("READY without its LF, the next reply right behind it", LINE_ENDS);
                connection.pushBack(java.util.Arrays.copyOfRange(reply.octets(), 5, reply.octets().length),
                        reply.end());
                return null;
            }
            return wrong(check, reply, "\"READY\\n\"", "READY\n");
        });
    }

    /** {@code OK} with the SHA-256 of {@code payload} is due. */
    public Check expectOk(byte[] payload) {
        return expectOk(sha256(payload));
    }

    /** {@code OK} with this digest is due. */
    public Check expectOk(String digest) {
        String expected = "OK " + digest;
        return expect(check -> {
            Received reply = read(check);
            String text = reply.reply();
            if (!text.startsWith("OK") || !lenient(reply, "OK")) {
                return wrong(check, reply, "\"" + expected + "\\n\"", expected + "\n");
            }
            Matcher ok = OK.matcher(text);
            if (!ok.matches()) {
                if (DIGEST_RULES.contains(check.requirement()) && scope.covers().contains(check.requirement())) {
                    return check.violation(null).expected("\"" + expected + "\\n\": OK, a space, the 64 hex "
                            + "digits of the payload's SHA-256").actual(reply.describe()).build();
                }
                scope.alsoSeen("OK without its digest: \"" + reply.text() + "\"", DIGEST);
                check.value("");
                return null;
            }
            if (!ok.group(1).equalsIgnoreCase(digest)) {
                return check.violation(null)
                        .expected("\"" + expected + "\\n\" (the SHA-256 of the octets the suite sent)")
                        .actual(reply.describe())
                        .divergence(Octets.firstDifference(Octets.utf8(expected), reply.octets()))
                        .hint("the digest differs: the server stored or hashed other octets than it received "
                                + "(a text-mode conversion, a lost or extra segment, a read past the payload?)"
                                + (check.hint().isEmpty() ? "" : "; " + check.hint()))
                        .build();
            }
            if (!ok.group(1).equals(digest)) {
                scope.alsoSeen("the digest in upper-case hex", DIGEST);
            }
            check.value(digest);
            return null;
        });
    }

    /** An {@code ERROR} with this code is due; its text is the check's value. */
    public Check expectError(int code) {
        return expect(check -> {
            Received reply = read(check);
            Matcher error = ERROR.matcher(reply.reply());
            if (error.matches() && Integer.parseInt(error.group(1)) == code && lenient(reply, "ERROR")) {
                check.value(error.group(2) == null ? "" : error.group(2));
                return null;
            }
            return wrong(check, reply, "\"ERROR " + code + " <text>\\n\"", "ERROR " + code + " ");
        });
    }

    /** The server must close the connection: end of stream (or a reset) within the bound. */
    public Check expectClosed() {
        return expect(check -> {
            Received rest = connection.readToEnd(check.within());
            if (rest.end() != Received.End.TIMEOUT) {
                return null;
            }
            return check.violation(null)
                    .expected("the server closes the connection within " + check.within().toMillis() + " ms")
                    .actual(rest.any() ? "it sent \"" + rest.text() + "\" and kept the connection open"
                            : "the connection stayed open")
                    .timedOut(true)
                    .build();
        });
    }

    /**
     * The idle timeout must end the connection: a close, or {@code ERROR 408} and a
     * close, that comes after about the idle time. A close long before it, or another
     * reply, is not the timeout's doing: a server that closes at once on a malformed
     * line must not pass for having a timeout.
     */
    public Check expectIdleClose() {
        long started = System.nanoTime();
        return expect(check -> {
            Received rest = connection.readToEnd(check.within());
            long millis = (System.nanoTime() - started) / 1_000_000;
            long idle = timing.idle().toMillis();
            String text = new String(rest.octets(), StandardCharsets.ISO_8859_1);
            if (rest.end() == Received.End.TIMEOUT) {
                return check.violation(null)
                        .expected("the server closes the connection once it has been idle for " + idle + " ms")
                        .actual(rest.any() ? "it sent \"" + rest.text() + "\" and kept the connection open for "
                                + millis + " ms" : "the connection stayed open for " + millis + " ms")
                        .timedOut(true)
                        .build();
            }
            if (rest.any() && !text.matches("ERROR 408( [\\x20-\\x7e]*)?\r?\n?")) {
                return check.violation("your server answered instead of waiting: it treated what it had so far as "
                                + "a whole message (one recv() is not one line); read up to the LF, and let only "
                                + "the idle timeout end a silent connection")
                        .expected("nothing, or \"ERROR 408 <text>\\n\", then the close after " + idle + " ms idle")
                        .actual("\"" + rest.text() + "\" after " + millis + " ms, then the close")
                        .build();
            }
            if (millis < idle / 2) {
                return check.violation("the close was not the idle timeout's doing: your server closed as soon "
                                + "as the suite went quiet, so it would close a slow but honest client too")
                        .expected("the close after about " + idle + " ms without octets")
                        .actual("the close after " + millis + " ms" + (rest.any() ? ", after \"" + rest.text()
                                + "\"" : ""))
                        .build();
            }
            return null;
        }).within(timing.idleClose());
    }

    /** Reads one reply leniently, for a case that judges the line itself. */
    public Received readReply() {
        settle();
        return connection.readReply(timing.reply(), pause(timing));
    }

    /** Runs the checks set up so far on this connection. */
    public void settle() {
        if (last != null) {
            Check check = last;
            last = null;
            check.run();
        }
    }

    @Override
    public void close() {
        connection.close();
        if (!closed) {
            closed = true;
            scope.closed();
        }
    }

    private Check expect(Check.Verifier verifier) {
        settle();
        last = new Check(scope, scope.primary(), timing.reply(), verifier);
        return last;
    }

    private Received read(Check check) {
        return connection.readReply(check.within(), pause(timing));
    }

    /** How long a silence after some octets makes them a reply without its LF. */
    static Duration pause(Timing timing) {
        return Duration.ofMillis(Math.max(200, timing.reply().toMillis() / 25));
    }

    /**
     * Whether a reply that reads right ended acceptably on the way to the case's own
     * check: a bare LF is right; CR LF, or no LF before a pause or the close, is noted.
     */
    private boolean lenient(Received reply, String what) {
        switch (reply.end()) {
            case LINE -> {
                if (reply.crlf()) {
                    scope.alsoSeen(what + " ending in CR LF", LINE_ENDS);
                }
                return true;
            }
            case UNTERMINATED, CLOSED -> {
                scope.alsoSeen(what + " without its LF", LINE_ENDS);
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    private Violation wrong(Check check, Received reply, String expected, String expectedOctets) {
        long divergence = reply.end() == Received.End.TIMEOUT && !reply.any()
                ? -1 : Octets.firstDifference(Octets.utf8(expectedOctets), reply.octets());
        boolean silent = reply.end() == Received.End.TIMEOUT && !reply.any();
        // Silence has many causes; the case knows which one it provoked, where it gave a hint.
        String symptom = silent && !check.hint().isEmpty() ? null : Symptoms.of(reply, check.within(), server);
        return check.violation(symptom)
                .expected(expected)
                .actual(reply.describe())
                .divergence(divergence)
                .timedOut(silent)
                // no reply at all is no reply whatever the data: a property need not shrink it
                .dataIndependent(silent)
                .build();
    }

    /** The SHA-256 of the octets, as 64 lowercase hex digits. */
    public static String sha256(byte[] octets) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(octets));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The pause after each header line in the friendliest framing. */
    public static void pauseBetweenLines() throws IOException {
        try {
            // Pacing, not synchronisation: a correct server reads the header however it comes.
            Thread.sleep(LINE_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted between header lines");
        }
    }
}
