package xferlab.conformance.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

import xferlab.conformance.cases.SuiteContext;
import xferlab.conformance.report.CaseResult;
import xferlab.conformance.report.ConsoleReport;
import xferlab.conformance.report.ReportFiles;
import xferlab.conformance.report.RunReport;
import xferlab.conformance.run.SuiteRunner;

/** Runs one suite's cases, reruns failures if asked, and reports: what both commands do after their set-up. */
final class SuiteRun {
    /** The name under which a server that dies after the last case is reported. */
    static final String STILL_SERVING = "still-serving-after-the-last-case";
    /** How long a launched server is watched after the last case. */
    private static final java.time.Duration WATCH = java.time.Duration.ofSeconds(1);

    private SuiteRun() {
    }

    /**
     * A server may die a moment after its last reply, after the check that follows
     * each case: watch it a little longer, then make sure it still accepts.
     *
     * @return a failed result if it stopped serving, else null
     */
    private static CaseResult stillServing(SuiteContext context, String rerun) {
        long deadline = System.nanoTime() + WATCH.toNanos();
        String what = null;
        while (System.nanoTime() < deadline && what == null) {
            if (!context.target().isRunning()) {
                what = "the server process exited after the last case";
            }
            java.util.concurrent.locks.LockSupport.parkNanos(50_000_000L); // polling pace
        }
        if (what == null) {
            try (java.net.Socket probe = new java.net.Socket()) {
                probe.connect(context.target().address(), (int) context.timing().connect().toMillis());
                return null;
            } catch (IOException e) {
                what = "it no longer accepts connections (" + e.getMessage() + ")";
            }
        }
        var requirement = context.catalogue().get("XFER-LIVE-01");
        String output = context.target().outputTail();
        return new CaseResult(STILL_SERVING, "the server still serves after the last case",
                "After the run", requirement.level(), List.of(requirement.id()),
                xferlab.conformance.report.Verdict.FAILED, requirement.id(),
                "(level " + requirement.level() + ", " + requirement.keyword() + ") " + requirement.plainSentence(),
                "the server still running and accepting " + WATCH.toMillis() + " ms after the last case",
                what + (output.isBlank() ? "" : "; its last output:\n" + output.indent(4).stripTrailing()), -1,
                "no input from a client may stop a server: catch errors per connection, and never exit after "
                        + "serving one client", "", List.of(), List.of(), List.of(), context.seed(), "", rerun, 0, "");
    }

    /** @return the exit status: 0 all passed, 1 something failed, 2 nothing selected */
    static int execute(String suite, String casesPackage, SuiteContext context, RunOptions options,
                       Function<String, String> rerun, ConsoleReport console, PrintStream out) throws IOException {
        long started = System.nanoTime();
        SuiteRunner runner = new SuiteRunner(casesPackage);
        List<CaseResult> results = runner.run(context, options.selection(), rerun, console::caseFinished);
        if (results.isEmpty()) {
            out.println("No case matches the selection (--level, --only).");
            return 2;
        }
        if (options.reruns > 0) {
            results = Reruns.judge(runner, context, results, options.reruns, console);
        }
        if (context.target() != null && context.target().controllable()) {
            // No single case shows this: the rerun command is the whole run again.
            CaseResult last = stillServing(context, rerun.apply(STILL_SERVING).replace("--only " + STILL_SERVING + " ", ""));
            if (last != null) {
                console.caseFinished(last);
                results = new java.util.ArrayList<>(results);
                results.add(last);
            }
        }
        String target = context.target() != null ? context.target().description() : context.client().description();
        RunReport report = new RunReport(suite, target, context.seed(), results,
                (System.nanoTime() - started) / 1_000_000);
        console.summary(report);
        if (options.reportDir != null) {
            for (Path file : ReportFiles.write(report, options.reportDir)) {
                out.println("wrote " + file);
            }
        }
        return report.passed() ? 0 : 1;
    }

}
