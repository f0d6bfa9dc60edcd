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
        String indent = "        ";
        if (!result.cited().isEmpty()) {
            out.println(indent + "requirement " + result.cited() + ": " + result.sentence());
        }
        if (!result.expected().isEmpty()) {
            out.println(indent + "expected: " + result.expected());
            out.println(indent + "actual:   " + result.actual().replace("\n", "\n" + indent + "          "));
        } else if (!result.message().isEmpty()) {
            out.println(indent + result.message().replace("\n", "\n" + indent));
        }
        if (result.divergence() >= 0) {
            out.println(indent + "first difference at octet " + result.divergence() + " of the reply");
        }
        if (!result.sample().isEmpty()) {
            out.println(indent + "shrunk counterexample: " + result.sample());
        }
        for (String transcript : verbose ? result.fullTranscripts() : result.transcripts()) {
            out.print(transcript.indent(indent.length()));
        }
        if (!result.hint().isEmpty()) {
            out.println(indent + "hint: " + result.hint());
        }
        if (!result.stability().isEmpty()) {
            out.println(indent + "reruns: " + result.stability());
        }
        out.println(indent + "rerun just this case: " + result.rerun());
    }

    public void summary(RunReport report) {
        out.println();
        out.printf("%d cases in %.1f s: %d passed, %d failed, %d timed out, %d harness errors, %d skipped%n",
                report.cases().size(), report.millis() / 1000.0, report.count(Verdict.PASSED),
                report.count(Verdict.FAILED), report.count(Verdict.TIMED_OUT),
                report.count(Verdict.HARNESS_ERROR), report.count(Verdict.SKIPPED));
        out.println(report.passed() ? "RESULT: PASS" : "RESULT: FAIL");
        out.flush();
    }
}
