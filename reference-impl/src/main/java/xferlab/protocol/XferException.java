package xferlab.protocol;

/**
 * A rule of XFER broken, or an upload the server cannot take: carries the code and
 * the text of the {@code ERROR} reply that says why.
 */
public final class XferException extends Exception {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public XferException(ErrorCode code, String text) {
        this(code, text, null);
    }

    /** @param cause what went wrong on our side; it goes to the log, never on the wire */
    public XferException(ErrorCode code, String text, Throwable cause) {
        super(text, cause);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    /** The reply that reports this refusal. */
    public Reply.Error reply() {
        return new Reply.Error(code.code(), getMessage());
    }
}
