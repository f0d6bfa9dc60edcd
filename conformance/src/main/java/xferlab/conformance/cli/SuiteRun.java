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
    private SuiteRun() {
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
