package xferlab.conformance.interop;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import xferlab.conformance.target.ClientRun;
import xferlab.conformance.wire.Octets;

/**
 * Judges one upload from what crossed the relay, the client's exit and the stored
 * file: first whether the pair did its job (the client exited 0, the file is stored
 * exactly, the OK's digest is the file's), then which side broke which rule on the
 * way. Each side is held to what the spec asks of it given what the other side
 * actually sent: a server is not blamed for refusing a header the client got wrong,
 * and a client is not blamed for failing an upload the server refused.
 */
final class ExchangeJudge {
    /** The longest line the judge reads as a line; anything longer is shown, not parsed. */
    private static final int MAX_LINE = 4096;

    private ExchangeJudge() {
    }

    static UploadOutcome judge(UploadSet.UploadFile file, ClientRun run, List<Relay.Recorded> connections,
                               byte[] stored) {
        List<String> failures = new ArrayList<>();
        List<Breach> breaches = new ArrayList<>();
        String expectedDigest = sha256(file.content());
        // The last connection that carried anything is the upload; earlier ones are retries or probes.
        Relay.Recorded upload = null;
        for (Relay.Recorded connection : connections) {
            if (connection.clientTotal() > 0 || upload == null) {
                upload = connection;
            }
        }
        String okDigest = "";
        if (upload == null) {
            failures.add("the client never connected");
            if (run.exitStatus() == 0 && !run.hung()) {
                breaches.add(new Breach(Side.CLIENT, "XFER-CLI-04", "it exited 0 without ever connecting"));
            } else if (!run.hung()) {
                breaches.add(new Breach(Side.CLIENT, "", "it never connected: " + run.describe()));
            }
        } else {
            okDigest = judgeWire(file, upload, stored, expectedDigest, breaches);
        }
        if (run.hung()) {
            failures.add(run.describe());
            breaches.add(new Breach(Side.CLIENT, "XFER-CLI-07", run.describe()));
        } else if (run.exitStatus() != 0) {
            failures.add(run.describe());
        }
        if (stored == null) {
            failures.add("the server's storage directory has no file named \"" + file.name() + "\"");
        } else if (!Arrays.equals(stored, file.content())) {
            failures.add("the stored file is not the file: " + difference(file.content(), stored));
        }
        if (okDigest.isEmpty()) {
            failures.add("no OK reply came");
        } else if (!okDigest.equals(expectedDigest)) {
            failures.add("the OK's digest " + okDigest + " is not the file's SHA-256 " + expectedDigest);
        }
        boolean wireClean = breaches.isEmpty() && okDigest.equals(expectedDigest)
                && stored != null && Arrays.equals(stored, file.content());
        if (!run.hung() && run.exitStatus() != 0 && wireClean) {
            breaches.add(new Breach(Side.CLIENT, "", "the server stored the file and its OK carried the right "
                    + "digest, yet " + run.describe()));
        }
        if (!run.hung() && run.exitStatus() == 0 && upload != null && !okDigest.equals(sentDigest(file, upload))) {
            breaches.add(new Breach(Side.CLIENT, "XFER-CLI-04", "it exited 0 although "
                    + (okDigest.isEmpty() ? "no OK came" : "the OK's digest is not the SHA-256 of what it sent")));
        }
        return new UploadOutcome(file, run, connections.stream().map(c -> c.transcript).toList(), stored, okDigest,
                List.copyOf(failures), List.copyOf(breaches));
    }

    /** Reads the header and the replies; records breaches; returns the OK's digest, or empty. */
    private static String judgeWire(UploadSet.UploadFile file, Relay.Recorded upload, byte[] stored,
                                    String expectedDigest, List<Breach> breaches) {
        byte[] sent = upload.fromClient();
        byte[] replies = upload.fromServer();
        Line name = Line.at(sent, 0);
        Line size = name.complete() ? Line.at(sent, name.next()) : Line.missing(sent.length);
        boolean headerRight = name.complete() && size.complete();
        if (!name.complete()) {
            breaches.add(new Breach(Side.CLIENT, "XFER-CLI-02", "it sent no complete name line: "
                    + shown(sent, 0, sent.length)));
        } else if (!size.complete()) {
            breaches.add(new Breach(Side.CLIENT, "XFER-CLI-02", "it sent no complete size line after the name"));
        }
        for (Line line : List.of(name, size)) {
            if (line.complete() && line.crlf()) {
                breaches.add(new Breach(Side.CLIENT, "XFER-LINE-01", "its line \"" + Octets.escape(line.octets(sent))
                        + "\" ends with CR LF, not a bare LF"));
            }
        }
        if (name.complete() && !Arrays.equals(name.octets(sent), file.name().getBytes(StandardCharsets.UTF_8))) {
            headerRight = false;
            breaches.add(new Breach(Side.CLIENT, "XFER-CLI-01", "it sent the name \""
                    + Octets.escape(name.octets(sent)) + "\", not the file's base name \""
                    + Octets.escape(file.name().getBytes(StandardCharsets.UTF_8)) + "\""));
        }
        String announced = size.complete() ? new String(size.octets(sent), StandardCharsets.US_ASCII) : "";
        if (size.complete() && !announced.equals(String.valueOf(file.content().length))) {
            headerRight = false;
            breaches.add(new Breach(Side.CLIENT, "XFER-CLI-02", "it announced the size \""
                    + Octets.escape(size.octets(sent)) + "\" for a file of " + file.content().length + " octets"));
        }
        int header = size.complete() ? size.next() : sent.length;
        byte[] payload = Arrays.copyOfRange(sent, header, sent.length);

        Line first = Line.at(replies, 0);
        String reply = first.complete() ? new String(first.octets(replies), StandardCharsets.US_ASCII) : "";
        if (first.complete() && first.crlf()) {
            breaches.add(new Breach(Side.SERVER, "XFER-LINE-01", "its reply \"" + Octets.escape(first.octets(replies))
                    + "\" ends with CR LF, not a bare LF"));
        }
        long early = upload.clientOctetsBeforeFirstReply() < 0 ? sent.length
                : upload.clientOctetsBeforeFirstReply();
        if (headerRight && file.content().length > 0 && early > header) {
            breaches.add(new Breach(Side.CLIENT, "XFER-CLI-03", "it sent " + (early - header)
                    + " payload octets before any reply had come"));
        }
        if (!reply.equals("READY")) {
            if (headerRight) {
                breaches.add(new Breach(Side.SERVER, refusalRule(reply), reply.isEmpty()
                        ? "after a valid name and size it sent " + (replies.length == 0 ? "nothing"
                        : "\"" + shown(replies, 0, replies.length) + "\" (no complete line)") + " where READY was due"
                        : "it answered \"" + Octets.escape(first.octets(replies)) + "\" to a valid name and size"));
            }
            return "";
        }
        if (payload.length < file.content().length && headerRight) {
            breaches.add(new Breach(Side.CLIENT, "XFER-CLI-02", "after READY it sent " + payload.length + " of the "
                    + file.content().length + " octets it announced"));
        } else if (headerRight && !Arrays.equals(Arrays.copyOf(payload, file.content().length), file.content())) {
            breaches.add(new Breach(Side.CLIENT, "XFER-CLI-02", "the payload it sent is not the file's content: "
                    + difference(file.content(), Arrays.copyOf(payload, file.content().length))));
        }
        long announcedSize = headerRight ? file.content().length : parse(announced);
        byte[] received = Arrays.copyOf(payload, (int) Math.max(0, Math.min(payload.length, announcedSize)));
        Line second = first.complete() ? Line.at(replies, first.next()) : Line.missing(replies.length);
        String last = second.complete() ? new String(second.octets(replies), StandardCharsets.US_ASCII) : "";
        if (second.complete() && second.crlf()) {
            breaches.add(new Breach(Side.SERVER, "XFER-LINE-01", "its reply \"" + Octets.escape(second.octets(replies))
                    + "\" ends with CR LF, not a bare LF"));
        }
        boolean wholePayload = received.length == announcedSize && announcedSize >= 0;
        if (!last.startsWith("OK ")) {
            if (wholePayload && headerRight) {
                breaches.add(new Breach(Side.SERVER, "XFER-UP-03", last.isEmpty()
                        ? "after the whole payload it sent no OK line"
                        : "after the whole payload it answered \"" + Octets.escape(second.octets(replies))
                        + "\", not OK"));
            }
            return "";
        }
        String digest = last.substring(3);
        // The stored file first: a payload converted on its way to disk is the cause, a digest of it the symptom.
        if (wholePayload && stored == null) {
            breaches.add(new Breach(Side.SERVER, "XFER-STORE-01", "it answered OK, but its storage directory has no "
                    + "file named \"" + Octets.escape(name.octets(sent)) + "\""));
        } else if (wholePayload && !Arrays.equals(stored, received)) {
            breaches.add(new Breach(Side.SERVER, "XFER-UP-02", "it stored octets other than those it received: "
                    + difference(received, stored)));
        }
        if (wholePayload && !digest.equals(sha256(received))) {
            breaches.add(new Breach(Side.SERVER, "XFER-UP-03", "its OK carried the digest " + digest
                    + ", but the SHA-256 of the " + received.length + " octets it received is " + sha256(received)));
        }
        return digest;
    }

    /** The rule a server breaks by refusing a valid upload: the one its error code claims is broken. */
    private static String refusalRule(String reply) {
        if (reply.startsWith("ERROR 403")) {
            return "XFER-NAME-01";
        }
        if (reply.startsWith("ERROR 400") || reply.startsWith("ERROR 413")) {
            return "XFER-SIZE-01";
        }
        return "XFER-UP-01";
    }

    private static long parse(String size) {
        try {
            return Long.parseLong(size);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The SHA-256 of the payload the client actually sent, for the client's own exit (XFER-CLI-04). */
    private static String sentDigest(UploadSet.UploadFile file, Relay.Recorded upload) {
        byte[] sent = upload.fromClient();
        Line name = Line.at(sent, 0);
        Line size = name.complete() ? Line.at(sent, name.next()) : Line.missing(sent.length);
        int from = size.complete() ? size.next() : sent.length;
        long announced = size.complete() ? parse(new String(size.octets(sent), StandardCharsets.US_ASCII)) : -1;
        int to = (int) Math.max(from, Math.min(sent.length, from + Math.max(0, announced)));
        return sha256(Arrays.copyOfRange(sent, from, to));
    }

    /** "octet 13 differs (0x0d, stored 0x0a); 1,048,576 octets, stored 1,048,000". */
    static String difference(byte[] expected, byte[] actual) {
        int at = Octets.firstDifference(expected, actual);
        String lengths = String.format("%,d octets expected, %,d there", expected.length, actual.length);
        if (at < 0) {
            return lengths;
        }
        if (at < Math.min(expected.length, actual.length)) {
            return String.format("the first difference is at octet %,d (0x%02x expected, 0x%02x there); %s", at,
                    expected[at] & 0xff, actual[at] & 0xff, lengths);
        }
        return lengths;
    }

    static String sha256(byte[] octets) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(octets));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    private static String shown(byte[] octets, int from, int to) {
        int shown = Math.min(to - from, 96);
        return Octets.escape(octets, from, from + shown) + (shown < to - from ? "... (" + (to - from) + " octets)" : "");
    }

    /**
     * One line in a stream of octets, without its line end.
     *
     * @param start where it starts
     * @param end   where its LF is (or where the octets ran out, when incomplete)
     * @param crlf  whether a CR came before the LF
     */
    private record Line(int start, int end, boolean complete, boolean crlf) {
        static Line at(byte[] octets, int start) {
            for (int i = start; i < octets.length && i - start <= MAX_LINE; i++) {
                if (octets[i] == '\n') {
                    boolean crlf = i > start && octets[i - 1] == '\r';
                    return new Line(start, crlf ? i - 1 : i, true, crlf);
                }
            }
            return missing(start);
        }

        static Line missing(int at) {
            return new Line(at, at, false, false);
        }

        byte[] octets(byte[] all) {
            return Arrays.copyOfRange(all, start, end);
        }

        /** Where the next line starts. */
        int next() {
            return crlf ? end + 2 : end + 1;
        }
    }
}
