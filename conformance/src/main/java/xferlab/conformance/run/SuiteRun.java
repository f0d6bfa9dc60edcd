package xferlab.conformance.run;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import xferlab.conformance.cases.SuiteContext;
import xferlab.conformance.cases.Timing;
import xferlab.conformance.report.CaseResult;
import xferlab.conformance.report.ConsoleReport;
import xferlab.conformance.report.RunReport;
import xferlab.conformance.report.Verdict;
import xferlab.conformance.target.ClientTarget;
import xferlab.conformance.target.LaunchException;
import xferlab.conformance.target.Target;

/**
 * One run of a suite, from the target's start to the exit status: the preflight, the
 * cases, repeats and reruns, the check after the last case, and the results handed to
 * the console, the report files and the grading files. The command line only says
 * what to run; the run does the rest.
 *
 * <p>Exit status: 0 all passed (warnings aside, unless strict), 1 something failed or
 * the target never accepted a connection, 2 the target could not be started or no
 * case was selected.
 */
public final class SuiteRun {
    private final String suite;
    private final SuiteRunner runner;
    private final RunSettings settings;
    private final RerunCommands reruns;
    private final PrintStream out;
    private final ConsoleReport console;

    /**
     * @param suite        {@code server} or {@code client}
     * @param casesPackage the package of the suite's cases
     * @param out          the console
     */
    public SuiteRun(String suite, String casesPackage, RunSettings settings, RerunCommands reruns, PrintStream out) {
        this.suite = suite;
        this.runner = new SuiteRunner(casesPackage);
        this.settings = settings;
        this.reruns = reruns;
        this.out = out;
        this.console = new ConsoleReport(out, settings.verbose());
    }

    /**
     * Runs the server suite: starts the target (the caller stops it), looks at it once,
     * measures the machine, and runs the cases. A target that never starts still
     * leaves report and grading files, with every case failed for the reason.
     */
    public int againstServer(Target target, Duration idle) throws IOException {
        console.header(suite, target.description(), settings.seed());
        try {
            target.start();
        } catch (LaunchException e) {
            if (e.kind() == LaunchException.Kind.CANNOT_START) {
                System.err.println("xfer-conformance: launch error: " + e.getMessage());
                notRun(target.description(), "the --launch command could not be started: " + e.getMessage());
                return 2;
            }
            out.println();
            out.println("The target never accepted a connection, so no case can run:");
            out.println("  " + e.getMessage().replace("\n", "\n  "));
            out.println("RESULT: FAIL");
            notRun(target.description(), "the server never accepted a connection: " + e.getMessage());
            return 1;
        }
        Calibration calibration = Calibration.measure();
        console.line("  preflight: the target " + (target.controllable() ? "listens on port "
                + target.address().getPort() : "accepts connections") + "; " + calibration.describe());
        return execute(SuiteContext.forServer(target, settings.seed(),
                Timing.forIdle(idle).scaled(calibration.factor()), settings.catalogue()));
    }

    /** Runs the client suite: the suite starts the client once per case. */
    public int againstClient(ClientTarget client, Duration timeout) throws IOException {
        console.header(suite, client.description(), settings.seed());
        return execute(SuiteContext.forClient(client, settings.seed(), Timing.forIdle(timeout),
                settings.catalogue()));
    }

    private int execute(SuiteContext context) throws IOException {
        long started = System.nanoTime();
        Selection selection = settings.selection();
        List<CaseResult> results = runner.run(context, selection, reruns::forCase, console);
        if (results.isEmpty()) {
            out.println("No case matches the selection (--level, --only, --skip).");
            return 2;
        }
        if (settings.repeats() > 1) {
            results = Reruns.repeat(runner, context, selection, results, settings.repeats(), reruns, console);
        }
        if (settings.reruns() > 0) {
            results = Reruns.judge(runner, context, results, settings.reruns(), console);
        }
        if (context.target() != null && context.target().controllable()) {
            // No single case shows this: the rerun command is the whole run again.
            CaseResult last = StillServing.check(context, reruns.forRun());
            // A failure always shows; a pass only counts where the selection asked for it.
            if (last.verdict().isFailure() || selectsStillServing()) {
                console.caseFinished(last);
                results = new ArrayList<>(results);
                results.add(last);
            }
        }
        if (settings.strict()) {
            results = results.stream().map(r -> r.verdict() == Verdict.WARNED ? r.withVerdict(Verdict.FAILED) : r)
                    .toList();
        }
        String target = context.target() != null ? context.target().description() : context.client().description();
        RunReport report = new RunReport(suite, target, context.seed(), results,
                (System.nanoTime() - started) / 1_000_000, context.life().diagnosis());
        console.summary(report, report.diagnosis());
        settings.outputs().write(report, settings.catalogue(), out);
        return report.passed() ? 0 : 1;
    }

    /**
     * When the target never ran, every selected case is failed with the reason, so
     * report files and grades still come out, and score zero.
     */
    private void notRun(String target, String reason) throws IOException {
        if (!settings.outputs().any()) {
            return;
        }
        List<CaseResult> results = new ArrayList<>();
        for (PlannedCase planned : runner.plan(settings.catalogue(), settings.selection())) {
            results.add(CaseResult.plain(planned.caseId(), planned.title(), planned.section(), planned.level(),
                    planned.requirements(), Verdict.FAILED, "not run: " + reason, settings.seed(), "", 0));
        }
        if (selectsStillServing()) {
            // Counted as in a run that started, so every submission is graded out of the same cases.
            results.add(StillServing.notRun(liveLevel(), settings.seed(), reason));
        }
        settings.outputs().write(new RunReport(suite, target, settings.seed(), results, 0), settings.catalogue(),
                out);
    }

    private boolean selectsStillServing() {
        return settings.selection().includes(StillServing.CASE_ID, liveLevel(), List.of(StillServing.LIVE));
    }

    private int liveLevel() {
        return settings.catalogue().get(StillServing.LIVE).level();
    }
}
