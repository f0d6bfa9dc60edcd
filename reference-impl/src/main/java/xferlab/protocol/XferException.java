package xferlab.protocol;

/**
 * A request the server refuses: carries the code and the text of the {@code ERROR}
 * reply that tells the client why.
 */
public final class XferException extends Exception {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public XferException(ErrorCode code, String text) {
        super(text);
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
