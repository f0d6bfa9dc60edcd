package xferlab.conformance.wire;

/**
 * What a read for a line brought: the octets, and how the read ended.
 *
 * @param octets the line without its line end, or what arrived before the read ended otherwise
 * @param end    how it ended
 * @param crlf   whether the line ended with CR LF rather than a bare LF
 */
public record Received(byte[] octets, End end, boolean crlf) {

    /** How a read ended. */
    public enum End {
        /** A whole line arrived. */
        LINE,
        /** The peer closed the connection (end of stream). */
        CLOSED,
        /** The connection was reset. */
        RESET,
        /** Nothing more arrived before the deadline. */
        TIMEOUT,
        /** The line went past the suite's own bound without an LF. */
        TOO_LONG,
        /** Octets came, then a pause with no LF: a reply sent without its line end. */
        UNTERMINATED
    }

    public String text() {
        return Octets.escape(octets);
    }

    /** Whether any octet came before the read ended. */
    public boolean any() {
        return octets.length > 0;
    }

    /** The line or the unterminated text, as a reply: CR before the LF dropped, nothing else changed. */
    public String reply() {
        return new String(octets, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** A short account for a report: {@code "READY\n"}, or {@code end of stream after "REA"}. */
    public String describe() {
        return switch (end) {
            case LINE -> "\"" + text() + (crlf ? "\\r\\n" : "\\n") + "\"";
            case CLOSED -> octets.length == 0 ? "the connection closed, no reply"
                    : "the connection closed after \"" + text() + "\" (no line end)";
            case RESET -> octets.length == 0 ? "the connection was reset, no reply"
                    : "the connection was reset after \"" + text() + "\"";
            case TIMEOUT -> octets.length == 0 ? "no reply within the deadline"
                    : "\"" + text() + "\" and then nothing within the deadline";
            case TOO_LONG -> "a line of more than " + octets.length + " octets without a line end";
            case UNTERMINATED -> "\"" + text() + "\" with no line end (then a pause)";
        };
    }
}
