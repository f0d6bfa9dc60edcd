package xferlab.client;

/** An upload that did not end in a verified {@code OK}. The message is one line for the user. */
public final class UploadFailedException extends Exception {
    private static final long serialVersionUID = 1L;

    private final Failure failure;

    public UploadFailedException(Failure failure, String message) {
        this(failure, message, null);
    }

    public UploadFailedException(Failure failure, String message, Throwable cause) {
        super(message, cause);
        this.failure = failure;
    }

    public Failure failure() {
        return failure;
    }
}
