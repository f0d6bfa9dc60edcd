package xferlab.conformance.target;

/** The implementation could not be started, or never accepted a connection. */
public final class LaunchException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why: the command did not run at all, or it ran and never accepted. */
    public enum Kind { CANNOT_START, NEVER_ACCEPTED }

    private final Kind kind;

    public LaunchException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
