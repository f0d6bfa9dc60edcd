package xferlab.protocol;

/** The codes an {@code ERROR} reply carries (spec: "Replies and error codes"). */
public enum ErrorCode {
    /** A header line is malformed or too long. */
    MALFORMED_LINE(400),
    /** The name breaks the name rules. */
    NAME_REFUSED(403),
    /** No octet arrived for the idle timeout; sent best effort before closing. */
    IDLE_TIMEOUT(408),
    /** The size is above the server's limit or its free space. */
    TOO_LARGE(413),
    /** The server could not store the payload. */
    STORAGE_FAILURE(500);

    private final int code;

    ErrorCode(int code) {
        this.code = code;
    }

    /** The three-digit code sent on the wire. */
    public int code() {
        return code;
    }
}
