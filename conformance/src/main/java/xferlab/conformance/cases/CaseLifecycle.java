package xferlab.conformance.cases;

import java.io.IOException;
import java.net.Socket;

import xferlab.conformance.target.Target;

/**
 * What happens around every case, example or property: the server is running when the
 * case starts, the case's unfinished checks run when it ends, and whatever the server
 * printed meanwhile goes with the case. A launched server is never probed with a
 * connection of the suite's own: that would cost a one-connection server its
 * connection. Its process is watched instead.
 */
final class CaseLifecycle {
    private CaseLifecycle() {
    }

    /** Before a case: a launched server that exited after the case before is started again. */
    static void before(SuiteContext context, CaseScope scope) {
        Target target = context.target();
        if (target == null) {
            return;
        }
        ServerLife life = context.life();
        if (target.controllable() && !target.isRunning()) {
            // It exited after the last case's checks ended: that case's exit, noticed now.
            life.exitedBetweenCases(target.outputSince(life.mark()));
            new ServerUnderTest(context, scope).restart("it had exited after the case before");
        }
        life.caseStarted(scope.caseId(), target.outputMark());
    }

    /**
     * After a case: its pending checks run (unless it already failed), and the server's
     * exit, if it exited, is recorded once for the run. Only a --connect target, which the
     * suite cannot watch or restart, is probed with a connection.
     *
     * @param failed whether the case has failed already
     */
    static void after(SuiteContext context, CaseScope scope, boolean failed) {
        try {
            if (!failed) {
                scope.runUnchecked();
            }
        } finally {
            Target target = context.target();
            if (target != null) {
                afterServerCase(context, scope, target, failed);
            }
        }
    }

    private static void afterServerCase(SuiteContext context, CaseScope scope, Target target, boolean failed) {
        ServerLife life = context.life();
        if (target.controllable() && scope.connections() > 0 && life.watchClosely()) {
            // A server that exits after its connection does so a moment after closing it.
            new ServerUnderTest(context, scope).awaitExit(java.time.Duration.ofMillis(300));
        }
        scope.output(target.outputSince(life.mark()));
        life.caseEnded(scope.connections() > 0);
        if (target.controllable()) {
            if (!target.isRunning()) {
                life.noticeDown(new ServerLife.Exit(scope.caseId(), scope.connections(), !failed, scope.output()));
                scope.alsoSeen("the server process exited during this case; the suite starts it again for the "
                        + "next one", ServerUnderTest.LIVE);
            }
            return;
        }
        try (Socket probe = new Socket()) {
            probe.connect(target.address(), (int) context.timing().connect().toMillis());
        } catch (IOException e) {
            throw Violation.of(ServerUnderTest.LIVE)
                    .expected("the server still accepts connections after this case")
                    .actual("connecting failed: " + e.getMessage())
                    .hint("something in this case stopped the server; the suite cannot restart a --connect target, "
                            + "so later cases will fail too")
                    .build();
        }
    }
}
