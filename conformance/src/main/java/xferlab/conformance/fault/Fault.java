package xferlab.conformance.fault;

/**
 * Every fault the suite injects, as MockWebServer's {@code SocketPolicy} lists its
 * own. A fault is applied by {@code Connection.inject}, which acts (where the act is
 * on the connection itself) and records it in the transcript in one step, so a report
 * can never say something other than what was done.
 */
public enum Fault {
    /** What is sent is cut into chosen segments, with pauses between them. */
    RESEGMENT("re-segmented"),
    /** The suite shuts down its sending side (FIN) and keeps reading. */
    HALF_CLOSE("half-closed"),
    /** The suite aborts the connection with a reset (RST). */
    RESET("reset"),
    /** The suite closes the connection in the middle of the exchange, as a client that vanishes. */
    VANISH("vanished"),
    /** The suite sends nothing more: the peer's idle timeout must act. */
    STALL("stalled"),
    /** The suite stops reading: the peer's writes block once the buffers are full. */
    STALL_READING("stopped reading"),
    /** The server process is killed (SIGKILL), as in a crash. */
    KILL("killed"),
    /** Octets beyond the payload, in the same write. */
    SURPLUS("surplus octets"),
    /** A payload sent at once after a header the server must refuse. */
    EARLY_PAYLOAD("early payload"),
    /** The suite holds its reply back for a while. */
    DELAY("delayed"),
    /** The suite, as the server, sends a reply that is wrong on purpose. */
    BAD_REPLY("bad reply");

    private final String label;

    Fault(String label) {
        this.label = label;
    }

    /** A short word for reports and drawn exchanges. */
    public String label() {
        return label;
    }
}
