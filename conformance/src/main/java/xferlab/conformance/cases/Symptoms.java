package xferlab.conformance.cases;

import java.time.Duration;

import xferlab.conformance.wire.Received;

/**
 * Hints chosen by what was seen, not by which case saw it. When no reply came at
 * all, how the connection ended says more about the student's mistake than the
 * rule the case checks: a close at once is a server that gave up (or crashed) on
 * this input; silence is a server still waiting for something it will not get.
 */
final class Symptoms {
    private Symptoms() {
    }

    /** The hint for a reply that never came, or null when octets came (then the case's own hint fits). */
    static String of(Received reply, Duration within, ServerUnderTest server) {
        if (reply.any()) {
            return null;
        }
        if (server.outputSoFar().contains("Bad file descriptor")) {
            return "your server printed \"Bad file descriptor\": it used a socket that was already closed. A "
                    + "'with conn:' (or try-with-resources) around starting the thread closes the socket as soon "
                    + "as the thread starts: let the thread close it when it is done";
        }
        return switch (reply.end()) {
            case CLOSED -> server.exitedMeanwhile()
                    ? "your server closed the connection without a reply, and its process exited: it stopped on "
                            + "this input (an exception?); its output is shown below"
                    : "your server closed the connection without a reply: it gave up on this input without saying "
                            + "why; answer with the ERROR line the spec names before closing";
            case RESET -> "the connection was reset without a reply: your server closed its socket with the "
                    + "suite's octets unread, or its process died";
            case TIMEOUT -> "no reply within " + within.toMillis() + " ms: your server is still waiting: for more "
                    + "octets of a line (one recv() is not one line: read up to each LF), for a line it does not "
                    + "need yet, or for another client to finish (one connection at a time)";
            default -> null;
        };
    }
}
