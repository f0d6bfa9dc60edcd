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
import xferlab.conformance.report.Verdict;
import xferlab.conformance.run.PlannedCase;
import xferlab.conformance.run.SuiteRunner;
import xferlab.spec.Catalogue;

/** Runs one suite's cases, reruns failures if asked, and reports: what both commands do after their set-up. */
final class SuiteRun {
    /** The name under which a server that dies after the last case is reported. */
    static final String STILL_SERVING = "still-serving-after-the-last-case";
    /** How long a launched server is watched after the last case. */
    private static final java.time.Duration WATCH = java.time.Duration.ofSeconds(1);
    private static final String LIVE = "XFER-LIVE-01";
    private static final String TITLE = "the server still serves after the last case";
    private static final String AFTER_THE_RUN = "After the run";

    private SuiteRun() {
    }

    /**
     * A server may die a moment after its last reply, after the check that follows
     * each case: watch it a little longer, then make sure it still accepts.
     *
     * @return the check's result: failed if it stopped serving, else passed
     */
    private static CaseResult stillServing(SuiteContext context, String rerun) {
        long started = System.nanoTime();
        long deadline = started + WATCH.toNanos();
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
            } catch (IOException e) {
                what = "it no longer accepts connections (" + e.getMessage() + ")";
            }
        }
        var requirement = context.catalogue().get(LIVE);
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (what == null) {
            return new CaseResult(STILL_SERVING, TITLE, AFTER_THE_RUN, requirement.level(), List.of(LIVE),
                    Verdict.PASSED, "", "", "", "", -1, "", "", List.of(), List.of(), List.of(), context.seed(), "",
                    rerun, millis, "");
        }
        String output = context.target().outputTail();
        return new CaseResult(STILL_SERVING, TITLE, AFTER_THE_RUN, requirement.level(), List.of(LIVE),
                Verdict.FAILED, LIVE,
                "(level " + requirement.level() + ", " + requirement.keyword() + ") " + requirement.plainSentence(),
                "the server still running and accepting " + WATCH.toMillis() + " ms after the last case",
                what + (output.isBlank() ? "" : "; its last output:\n" + output.indent(4).stripTrailing()), -1,
                "no input from a client may stop a server: catch errors per connection, and never exit after "
                        + "serving one client", "", List.of(), List.of(), List.of(), context.seed(), "", rerun, millis, "");
    }

    /** @return the exit status: 0 all passed, 1 something failed, 2 nothing selected */
    static int execute(String suite, String casesPackage, SuiteContext context, RunOptions options,
                       Function<String, String> rerun, ConsoleReport console, PrintStream out) throws IOException {
        long started = System.nanoTime();
        SuiteRunner runner = new SuiteRunner(casesPackage);
        List<CaseResult> results = runner.run(context, options.selection(), rerun, console::caseFinished);
        if (results.isEmpty()) {
            out.println("No case matches the selection (--level, --only, --skip).");
            return 2;
        }
        if (options.reruns > 0) {
            results = Reruns.judge(runner, context, results, options.reruns, console);
        }
        if (context.target() != null && context.target().controllable()) {
            // No single case shows this: the rerun command is the whole run again.
            CaseResult last = stillServing(context, rerun.apply(STILL_SERVING).replace("--only " + STILL_SERVING + " ", ""));
            int level = context.catalogue().get(LIVE).level();
            // A failure always shows; a pass only counts where the selection asked for it.
            if (last.verdict().isFailure() || options.selection().includes(STILL_SERVING, level, List.of(LIVE))) {
                console.caseFinished(last);
                results = new java.util.ArrayList<>(results);
                results.add(last);
            }
        }
        String target = context.target() != null ? context.target().description() : context.client().description();
        RunReport report = new RunReport(suite, target, context.seed(), results,
                (System.nanoTime() - started) / 1_000_000);
        console.summary(report);
        writeFiles(report, options, context.catalogue(), out);
        return report.passed() ? 0 : 1;
    }

    /**
     * When the target never ran, every selected case is failed with the reason,
     * so report files and grades still come out, and score zero.
     */
    static void notRun(String suite, String casesPackage, String target, long seed, String reason,
                       RunOptions options, Catalogue catalogue, PrintStream out) throws IOException {
        if (options.reportDir == null && options.formats.isEmpty()) {
            return;
        }
        List<CaseResult> results = new java.util.ArrayList<>();
        for (PlannedCase planned : new SuiteRunner(casesPackage).plan(catalogue, options.selection())) {
            results.add(new CaseResult(planned.caseId(), planned.title(), planned.section(), planned.level(),
                    planned.requirements(), Verdict.FAILED, "", "", "", "", -1, "", "not run: " + reason,
                    List.of(), List.of(), List.of(), seed, "", "", 0, ""));
        }
        int level = catalogue.get(LIVE).level();
        if (suite.equals("server") && options.selection().includes(STILL_SERVING, level, List.of(LIVE))) {
            // Counted as in a run that started, so every submission is graded out of the same cases.
            results.add(new CaseResult(STILL_SERVING, TITLE, AFTER_THE_RUN, level, List.of(LIVE), Verdict.FAILED,
                    "", "", "", "", -1, "", "not run: " + reason, List.of(), List.of(), List.of(), seed, "", "", 0, ""));
        }
        writeFiles(new RunReport(suite, target, seed, results, 0), options, catalogue, out);
    }

    private static void writeFiles(RunReport report, RunOptions options, Catalogue catalogue, PrintStream out)
            throws IOException {
        if (options.reportDir != null) {
            for (Path file : ReportFiles.write(report, options.reportDir)) {
                out.println("wrote " + file);
            }
        }
        GradingFiles.write(report, options, catalogue, out);
    }

}
