package xferlab.conformance.planted;

/**
 * The choices the spec leaves to a server, each a MAY (spec appendix "Changes"). Unlike a
 * {@link Fault}, none of them is a bug: a planted server makes the usual choice of each
 * unless one of these says otherwise, and the suite must pass it either way.
 */
public enum Choice {
    /** Temporary files in a directory of their own beside the storage directory, as the reference does. */
    USUAL,
    /** A7: temporary files straight in the storage directory's parent, without a directory of their own. */
    TEMP_FILES_IN_THE_PARENT,
    /** A7: temporary files in a directory an operator configured, away from the storage directory. */
    TEMP_FILES_FAR_AWAY,
    /** A5: once the whole payload has arrived, looks whether the client has gone, and abandons the upload if so. */
    ABANDONS_WHEN_THE_CLIENT_HAS_GONE,
    /** A19: no READY to a client that half-closed right after its header; the upload is abandoned at once. */
    NO_READY_AFTER_A_HALF_CLOSE
}
