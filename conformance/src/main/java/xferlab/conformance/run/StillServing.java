package xferlab.conformance.run;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

import xferlab.conformance.cases.ServerLife;
import xferlab.conformance.cases.SuiteContext;
import xferlab.conformance.report.CaseResult;
import xferlab.conformance.report.Verdict;
import xferlab.conformance.target.Ports;
import xferlab.conformance.target.Target;

/**
 * The one check of XFER-LIVE-01 over the whole run: the server never exited while the
 * cases ran, and still runs and listens a moment after the last. A launched server is
 * watched through its process and the kernel's socket table, never with a connection
 * of the suite's own.
 */
final class StillServing {
    /** The name under which a server that dies after the last case is reported. */
    static final String CASE_ID = "still-serving-after-the-last-case";
    static final String LIVE = "XFER-LIVE-01";
    /** How long a launched server is watched after the last case. */
    private static final Duration WATCH = Duration.ofSeconds(1);
    private static final String TITLE = "the server kept serving through the run, and still serves after the last case";
    private static final String AFTER_THE_RUN = "After the run";

    private StillServing() {
    }

    /** @return the check's result: failed if the server stopped serving, else passed */
    static CaseResult check(SuiteContext context, String rerun) {
        Target target = context.target();
        long started = System.nanoTime();
        long deadline = started + WATCH.toNanos();
        while (System.nanoTime() < deadline && target.isRunning()) {
            LockSupport.parkNanos(50_000_000L); // watching a process: no event to wait on
        }
        ServerLife life = context.life();
        String what = null;
        String output = "";
        if (!life.exits().isEmpty()) {
            ServerLife.Exit first = life.exits().get(0);
            what = life.diagnosis();
            output = first.output();
        } else if (!target.isRunning()) {
            what = "the server process exited after the last case";
            output = target.outputTail();
        } else if (!listening(context)) {
            what = "it no longer listens on port " + target.address().getPort();
        }
        var requirement = context.catalogue().get(LIVE);
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (what == null) {
            return CaseResult.plain(CASE_ID, TITLE, AFTER_THE_RUN, requirement.level(), List.of(LIVE),
                    Verdict.PASSED, "", context.seed(), rerun, millis);
        }
        return new CaseResult(CASE_ID, TITLE, AFTER_THE_RUN, requirement.level(), List.of(LIVE),
                Verdict.FAILED, LIVE,
                "(level " + requirement.level() + ", " + requirement.keyword() + ") " + requirement.plainSentence(),
                "the server running and listening through the run and " + WATCH.toMillis() + " ms after the last case",
                what, -1,
                "no input from a client may stop a server: serve connections in a loop, and catch errors per "
                        + "connection so that one client cannot end the server",
                "", List.of(), List.of(), List.of(), context.seed(), "", rerun, millis, "", List.of(), output);
    }

    /** The check as counted when the server never ran: failed, for the reason given. */
    static CaseResult notRun(int level, long seed, String reason) {
        return CaseResult.plain(CASE_ID, TITLE, AFTER_THE_RUN, level, List.of(LIVE), Verdict.FAILED,
                "not run: " + reason, seed, "", 0);
    }

    private static boolean listening(SuiteContext context) {
        Target target = context.target();
        if (target.controllable() && Ports.canSeeListeners()) {
            return Ports.listening(target.address().getPort());
        }
        try (Socket probe = new Socket()) {
            // A server someone else started: only a connection can tell.
            probe.connect(target.address(), (int) context.timing().connect().toMillis());
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
