package xferlab.conformance.client;

/**
 * The classic client bugs, one at a time. Each planted-fault client is a correct
 * client with exactly one of these switched on.
 */
public enum ClientFault {
    /** Correct: no fault. */
    NONE,
    /** Sends the header and the payload in one go, without waiting for READY. */
    PAYLOAD_BEFORE_READY,
    /** Sends the payload whatever the first reply, and exits 0 if it got any reply at all. */
    IGNORES_ERROR,
    /** Takes any "OK ..." line for success, whatever its digest. */
    SKIPS_DIGEST_CHECK,
    /** Compares the digest without regard to case, as equalsIgnoreCase does (spec §11.2). */
    DIGEST_CASE_INSENSITIVE,
    /** Sends the path it was given as the name, not its base name. */
    SENDS_PATH_AS_NAME,
    /** Takes the end of the stream before the final reply for success. */
    EXITS_ZERO_ON_EARLY_CLOSE,
    /** No connect timeout, no read timeout, no write bound: waits for ever. */
    NO_TIMEOUT,
    /** Takes what one read() returns as the whole reply. */
    ONE_READ_REPLY,
    /** Announces the file's size but sends one octet less. */
    SENDS_FEWER_OCTETS,
    /** Ends its header lines with CR LF. */
    CRLF_LINES,
    /** Reads a reply line without any length limit, waiting for its LF. */
    UNBOUNDED_REPLY_LINE,
    /** Bounds a reply line at 512 octets without counting its LF: a 513-octet line passes. */
    REPLY_LIMIT_WITHOUT_LF,
    /** Sends any name it is given, leaving the check to the server (a SHOULD missed: a warning). */
    NO_NAME_CHECK
}
