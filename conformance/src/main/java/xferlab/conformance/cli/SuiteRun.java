package xferlab.conformance.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import xferlab.conformance.cases.ServerLife;
import xferlab.conformance.cases.SuiteContext;
import xferlab.conformance.report.CaseResult;
import xferlab.conformance.report.ConsoleReport;
import xferlab.conformance.report.ReportFiles;
import xferlab.conformance.report.RunReport;
import xferlab.conformance.report.Verdict;
import xferlab.conformance.run.PlannedCase;
import xferlab.conformance.run.SuiteRunner;
import xferlab.conformance.target.Ports;
import xferlab.conformance.target.Target;
import xferlab.spec.Catalogue;

/** Runs one suite's cases, reruns failures if asked, and reports: what both commands do after their set-up. */
final class SuiteRun {
    /** The name under which a server that dies after the last case is reported. */
    static final String STILL_SERVING = "still-serving-after-the-last-case";
    /** How long a launched server is watched after the last case. */
    private static final Duration WATCH = Duration.ofSeconds(1);
    private static final String LIVE = "XFER-LIVE-01";
    private static final String TITLE = "the server kept serving through the run, and still serves after the last case";
    private static final String AFTER_THE_RUN = "After the run";

    private SuiteRun() {
    }

    /**
     * The one check of XFER-LIVE-01 over the whole run: the server never exited while
     * the cases ran, and still runs and listens a moment after the last. A launched
     * server is watched through its process and the kernel's socket table, never with
     * a connection of the suite's own.
     *
     * @return the check's result: failed if it stopped serving, else passed
     */
    private static CaseResult stillServing(SuiteContext context, String rerun) {
        Target target = context.target();
        long started = System.nanoTime();
        long deadline = started + WATCH.toNanos();
        while (System.nanoTime() < deadline && target.isRunning()) {
            java.util.concurrent.locks.LockSupport.parkNanos(50_000_000L); // watching a process: no event to wait on
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
            return CaseResult.plain(STILL_SERVING, TITLE, AFTER_THE_RUN, requirement.level(), List.of(LIVE),
                    Verdict.PASSED, "", context.seed(), rerun, millis);
        }
        return new CaseResult(STILL_SERVING, TITLE, AFTER_THE_RUN, requirement.level(), List.of(LIVE),
                Verdict.FAILED, LIVE,
                "(level " + requirement.level() + ", " + requirement.keyword() + ") " + requirement.plainSentence(),
                "the server running and listening through the run and " + WATCH.toMillis() + " ms after the last case",
                what, -1,
                "no input from a client may stop a server: serve connections in a loop, and catch errors per "
                        + "connection so that one client cannot end the server",
                "", List.of(), List.of(), List.of(), context.seed(), "", rerun, millis, "", List.of(), output);
    }

    private static boolean listening(SuiteContext context) {
        Target target = context.target();
        if (target.controllable() && Ports.canSeeListeners()) {
            return Ports.listening(target.address().getPort());
        }
        try (java.net.Socket probe = new java.net.Socket()) {
            // A server someone else started: only a connection can tell.
            probe.connect(target.address(), (int) context.timing().connect().toMillis());
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** @return the exit status: 0 all passed (warnings aside, unless strict), 1 something failed, 2 nothing selected */
    static int execute(String suite, String casesPackage, SuiteContext context, RunOptions options,
                       Function<String, String> rerun, ConsoleReport console, PrintStream out) throws IOException {
        long started = System.nanoTime();
        SuiteRunner runner = new SuiteRunner(casesPackage);
        List<CaseResult> results = runner.run(context, options.selection(), rerun, console);
        if (results.isEmpty()) {
            out.println("No case matches the selection (--level, --only, --skip).");
            return 2;
        }
        if (options.repeats > 1) {
            results = Reruns.repeat(runner, context, options.selection(), results, options.repeats, rerun, console);
        }
        if (options.reruns > 0) {
            results = Reruns.judge(runner, context, results, options.reruns, console);
        }
        if (context.target() != null && context.target().controllable()) {
            // No single case shows this: the rerun command is the whole run again.
            String selection = options.selectionWords();
            CaseResult last = stillServing(context, rerun.apply(STILL_SERVING).replace("--only " + STILL_SERVING + " ",
                    selection.isEmpty() ? "" : selection + " "));
            int level = context.catalogue().get(LIVE).level();
            // A failure always shows; a pass only counts where the selection asked for it.
            if (last.verdict().isFailure() || options.selection().includes(STILL_SERVING, level, List.of(LIVE))) {
                console.caseFinished(last);
                results = new ArrayList<>(results);
                results.add(last);
            }
        }
        if (options.strict) {
            results = results.stream().map(r -> r.verdict() == Verdict.WARNED ? r.withVerdict(Verdict.FAILED) : r)
                    .toList();
        }
        String target = context.target() != null ? context.target().description() : context.client().description();
        RunReport report = new RunReport(suite, target, context.seed(), results,
                (System.nanoTime() - started) / 1_000_000, context.life().diagnosis());
        console.summary(report, report.diagnosis());
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
        List<CaseResult> results = new ArrayList<>();
        for (PlannedCase planned : new SuiteRunner(casesPackage).plan(catalogue, options.selection())) {
            results.add(CaseResult.plain(planned.caseId(), planned.title(), planned.section(), planned.level(),
                    planned.requirements(), Verdict.FAILED, "not run: " + reason, seed, "", 0));
        }
        int level = catalogue.get(LIVE).level();
        if (suite.equals("server") && options.selection().includes(STILL_SERVING, level, List.of(LIVE))) {
            // Counted as in a run that started, so every submission is graded out of the same cases.
            results.add(CaseResult.plain(STILL_SERVING, TITLE, AFTER_THE_RUN, level, List.of(LIVE), Verdict.FAILED,
                    "not run: " + reason, seed, "", 0));
        }
        writeFiles(new RunReport(suite, target, seed, results, 0), options, catalogue, out);
    }

    private static void writeFiles(RunReport report, RunOptions options, Catalogue catalogue, PrintStream out)
            throws IOException {
        if (options.reportDir != null) {
            for (Path file : ReportFiles.write(report, options.reportDir, options.specUrl)) {
                out.println("wrote " + file);
            }
        }
        GradingFiles.write(report, options, catalogue, out);
    }
}
