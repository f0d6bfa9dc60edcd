package xferlab.conformance.cases;

import xferlab.conformance.target.ClientRun;

/** The checks cases make of how a client ended. */
public final class ClientExpect {
    private ClientExpect() {
    }

    /** The client must report success: exit status 0, in time. */
    public static void succeeded(ClientRun run, String requirement, String hint) {
        if (run.hung() || run.exitStatus() != 0) {
            throw Violation.of(requirement)
                    .expected("exit status 0 after a correct OK")
                    .actual(run.describe())
                    .hint(hint)
                    .timedOut(run.hung())
                    .build();
        }
    }

    /**
     * A step that ends a case whose own check came before: a correct upload ends with
     * exit 0 (XFER-CLI-04). Where the case does not own that rule, a failure here
     * leaves it not reached.
     */
    public static void finishedWell(ClientRun run) {
        succeeded(run, "XFER-CLI-04", "exit 0 once OK arrives with the digest of what was sent");
    }

    /** The client must report failure: a non-zero exit status, in time, and never hang. */
    public static void failed(ClientRun run, String requirement, String hint) {
        if (run.hung()) {
            throw Violation.of("XFER-CLI-07")
                    .expected("the client gives up within its timeout and exits with a non-zero status")
                    .actual(run.describe())
                    .hint("bound every wait: the connect, each reply, and each write (a server that stops reading "
                            + "blocks a write for ever)")
                    .timedOut(true)
                    .build();
        }
        if (run.exitStatus() == 0) {
            throw Violation.of(requirement)
                    .expected("a non-zero exit status: the upload did not end in a correct OK")
                    .actual(run.describe())
                    .hint(hint)
                    .build();
        }
    }

    /** The client must have printed this text (the server's reason, say). */
    public static void printed(ClientRun run, String text, String requirement, String hint) {
        if (!run.output().contains(text)) {
            throw Violation.of(requirement)
                    .expected("the client's output contains \"" + text + "\"")
                    .actual(run.describe())
                    .hint(hint)
                    .build();
        }
    }
}
