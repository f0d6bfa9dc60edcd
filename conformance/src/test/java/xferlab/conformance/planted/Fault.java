package xferlab.conformance.planted;

/**
 * The classic student bugs, one at a time. Each planted-fault server is a correct
 * server with exactly one of these switched on.
 */
public enum Fault {
    /** Correct: no fault. */
    NONE,
    /** Takes one read() for one line: the header must arrive in the segments it expects. */
    PER_RECV_FRAMING,
    /** Joins the name to the directory without checking it. */
    PATH_TRAVERSAL,
    /** Writes into the final file as octets arrive, and leaves it when the client vanishes. */
    PARTIAL_FILES,
    /** Serves one connection at a time, inside the accept loop. */
    SEQUENTIAL,
    /** Treats the payload as text: CR LF becomes LF. */
    TEXT_MODE,
    /** Parses the size leniently: trims it and accepts a sign. */
    LENIENT_SIZE,
    /** Waits for the LF however long the line gets. */
    UNBOUNDED_LINES,
    /** Never times out an idle connection. */
    NO_IDLE_TIMEOUT,
    /** Says READY to any size. */
    NO_SIZE_LIMIT,
    /** Stores whatever arrives in the last read, surplus octets included. */
    STORES_EXTRA,
    /** A malformed size line throws out of the accept loop: the server stops. */
    CRASH_ON_BAD_INPUT,
    /** Every upload writes the same temporary file. */
    SHARED_TEMP_FILE,
    /** Serves one connection, then stops listening. */
    EXITS_AFTER_ONE,
    /** Closes right after its last reply, with unread input: the kernel resets. */
    NO_LINGERING_CLOSE,
    /** Ends replies with CR LF. */
    CRLF_REPLIES,
    /** Refuses a line whose octet past the limit is a CR, before the LF that would make it a line end. */
    CR_AT_LIMIT_REFUSED,
    /** Bounds the lingering close per read, not in total: a client that trickles octets holds it open. */
    DRAIN_BOUNDED_PER_READ,
    /** Checks the name only after the size line (a SHOULD missed: a warning, not a failure). */
    LATE_NAME_CHECK
}
