package xferlab.protocol;

/** The numeric limits of XFER, as the spec fixes them. */
public final class Limits {
    /** The port a server listens on unless told otherwise. */
    public static final int DEFAULT_PORT = 5001;
    /** Longest name line, in octets, not counting the line end (XFER-LINE-04). */
    public static final int MAX_NAME_OCTETS = 255;
    /** Longest size line: 2^63-1 has 19 digits (XFER-LINE-04). */
    public static final int MAX_SIZE_OCTETS = 19;
    /** Longest reply line a client needs to accept, its LF included (XFER-ERR-01, XFER-LINE-05). */
    public static final int MAX_REPLY_OCTETS = 512;

    private Limits() {
    }
}
