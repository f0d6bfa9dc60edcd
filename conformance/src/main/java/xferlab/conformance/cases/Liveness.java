package xferlab.conformance.cases;

import java.io.IOException;
import java.net.Socket;

import xferlab.conformance.target.LaunchException;
import xferlab.conformance.target.Target;

/**
 * After every case: is the server still serving? A server that a case stopped fails
 * XFER-LIVE-01 in that case, and is restarted so that the run goes on.
 */
final class Liveness {
    private Liveness() {
    }

    static void check(SuiteContext context) {
        Target target = context.target();
        if (target.controllable() && !target.isRunning()) {
            restart(target, "the server process exited during this case");
            return;
        }
        try (Socket probe = new Socket()) {
            probe.connect(target.address(), (int) context.timing().connect().toMillis());
        } catch (IOException e) {
            if (target.controllable()) {
                restart(target, "the server stopped accepting connections during this case (" + e.getMessage() + ")");
            }
            throw Violation.of("XFER-LIVE-01")
                    .expected("the server still accepts connections after this case")
                    .actual("connecting failed: " + e.getMessage())
                    .hint("something in this case stopped the server; the suite cannot restart a --connect target, "
                            + "so later cases will fail too")
                    .build();
        }
    }

    private static void restart(Target target, String what) {
        String output = target.outputTail();
        try {
            target.restart();
        } catch (LaunchException e) {
            throw new IllegalStateException("the server could not be restarted after it stopped: " + e.getMessage());
        }
        throw Violation.of("XFER-LIVE-01")
                .expected("the server keeps serving after this case")
                .actual(what + "; the suite restarted it" + (output.isBlank() ? "" : ". Its last output:\n"
                        + output.indent(4).stripTrailing()))
                .hint("no input from a client may stop a server: catch errors per connection, and never exit "
                        + "after serving one client")
                .build();
    }
}
