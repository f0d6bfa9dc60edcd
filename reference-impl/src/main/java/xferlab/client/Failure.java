package xferlab.client;

/** Why an upload failed; each kind has its own exit status on the command line. */
public enum Failure {
    /** The server answered {@code ERROR}. */
    REFUSED(1),
    /** The local file cannot be read, or its name cannot be sent. */
    LOCAL(2),
    /** The connection could not be made, or ended before the final reply. */
    CONNECTION(3),
    /** A wait passed the timeout. */
    TIMEOUT(4),
    /** The server broke the protocol: a malformed reply, or a wrong digest. */
    PROTOCOL(5);

    private final int exitStatus;

    Failure(int exitStatus) {
        this.exitStatus = exitStatus;
    }

    public int exitStatus() {
        return exitStatus;
    }
}
