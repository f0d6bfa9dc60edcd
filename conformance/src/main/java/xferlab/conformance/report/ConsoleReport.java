package xferlab.conformance.report;

import java.io.PrintStream;

/**
 * The console report, in the manner of h2spec: a line per case, grouped by spec
 * section, and under each failure everything needed to understand and rerun it.
 */
public final class ConsoleReport {
    private final PrintStream out;
    private final boolean verbose;
    private String section = "";

    public ConsoleReport(PrintStream out, boolean verbose) {
        this.out = out;
        this.verbose = verbose;
    }

    public void header(String suite, String target, long seed) {
        out.println("XFER conformance suite: " + suite);
        out.println("  target: " + target);
        out.println("  seed:   " + seed);
        out.flush();
    }

    public void line(String text) {
        out.println(text);
        out.flush();
    }

    public void caseFinished(CaseResult result) {
        if (!result.section().equals(section)) {
            section = result.section();
            out.println();
            out.println(section);
        }
        out.printf("  %-4s  %s [%s]  (%d ms)%n", result.verdict().label(), result.caseId(),
                String.join(", ", result.requirements()), result.millis());
        if (result.verdict() == Verdict.SKIPPED) {
            out.println("        " + result.message());
        } else if (result.verdict().isFailure()) {
            details(result);
        } else if (verbose) {
            result.fullTranscripts().forEach(t -> out.print(t.indent(8)));
        }
        out.flush();
    }

    private void details(CaseResult result) {
        String text = ReportFiles.details(result);
        if (verbose) {
            // the full transcripts replace the short accounts
            for (String summary : result.transcripts()) {
                text = text.replace(summary, "");
            }
            text = text + String.join("", result.fullTranscripts());
        }
        out.print(text.indent(8));
    }

    public void summary(RunReport report) {
        out.println();
        out.printf("%d case%s in %.1f s: %d passed, %d failed, %d timed out, %d harness errors, %d skipped%n",
                report.cases().size(), report.cases().size() == 1 ? "" : "s", report.millis() / 1000.0, report.count(Verdict.PASSED),
                report.count(Verdict.FAILED), report.count(Verdict.TIMED_OUT),
                report.count(Verdict.HARNESS_ERROR), report.count(Verdict.SKIPPED));
        out.println(report.passed() ? "RESULT: PASS" : "RESULT: FAIL");
        out.flush();
    }
}
