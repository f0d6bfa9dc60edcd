package xferlab.client;

/** Hears how far a payload has been sent. */
@FunctionalInterface
public interface ProgressListener {
    /** Does nothing. */
    ProgressListener NONE = (sent, total) -> { };

    /** Called after each write of the payload. */
    void sent(long sent, long total);
}
