package xferlab.protocol;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A line the server sends: {@code READY}, {@code OK <digest>} or {@code ERROR <code> <text>}. */
public sealed interface Reply {

    /** The line as sent, LF included (XFER-LINE-01: bare LF, never CR LF). */
    default byte[] encode() {
        return (line() + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** The line without its LF. */
    String line();

    /** The server is ready for the payload. */
    record Ready() implements Reply {
        @Override
        public String line() {
            return "READY";
        }
    }

    /** The payload is stored; {@code digest} is its SHA-256 in lowercase hex. */
    record Ok(String digest) implements Reply {
        @Override
        public String line() {
            return "OK " + digest;
        }
    }

    /** The server refuses or gives up; it closes after sending this. */
    record Error(int code, String text) implements Reply {
        @Override
        public String line() {
            return "ERROR " + code + " " + text;
        }
    }

    /**
     * Parses a reply line (without its line end).
     *
     * @throws IllegalArgumentException if the line is none of the three replies
     */
    static Reply parse(byte[] octets) {
        String line = new String(octets, StandardCharsets.ISO_8859_1);
        if (line.equals("READY")) {
            return new Ready();
        }
        Matcher ok = Pattern.compile("OK ([0-9a-f]{64})").matcher(line);
        if (ok.matches()) {
            return new Ok(ok.group(1));
        }
        Matcher error = Pattern.compile("ERROR (400|403|408|413|500) ([\\x20-\\x7e]*)").matcher(line);
        if (error.matches()) {
            return new Error(Integer.parseInt(error.group(1)), error.group(2));
        }
        throw new IllegalArgumentException("not an XFER reply: \"" + Printable.escape(octets) + "\"");
    }
}
