package xferlab.conformance.report;

import java.util.List;

/**
 * A run as a short Markdown page, for a CI job's summary ({@code $GITHUB_STEP_SUMMARY}):
 * the result and counts, "fix these first", and one table row per case that did not
 * pass. The full account stays in {@code report.html}.
 */
public final class MarkdownSummary {
    private MarkdownSummary() {
    }

    public static String of(RunReport report) {
        StringBuilder out = new StringBuilder();
        out.append("## XFER conformance: ").append(text(report.suite())).append(" suite\n\n");
        out.append("**").append(text(report.resultLine())).append("**  \n");
        out.append(text(report.counts())).append("  \n");
        out.append("Seed `").append(report.seed()).append("`, target `").append(code(report.target())).append("`\n\n");
        List<RootCauses> causes = RootCauses.of(report);
        if (!report.diagnosis().isEmpty() || !causes.isEmpty()) {
            out.append("### Fix these first\n\n");
            int n = 0;
            if (!report.diagnosis().isEmpty()) {
                out.append(++n).append(". **").append(text(report.diagnosis())).append("**\n");
            }
            for (RootCauses cause : causes) {
                out.append(++n).append(". ").append(text(cause.line())).append('\n');
            }
            out.append('\n');
        }
        List<CaseResult> notPassed = report.cases().stream().filter(c -> c.verdict().needsDetails()).toList();
        if (!notPassed.isEmpty()) {
            out.append("| Case | Verdict | Requirement | What happened |\n|---|---|---|---|\n");
            for (CaseResult result : notPassed) {
                out.append("| `").append(code(result.caseId())).append("` | ").append(result.verdict().word())
                        .append(" | ").append(text(result.cited())).append(" | ")
                        .append(text(result.actual().isEmpty() ? result.message() : result.actual())).append(" |\n");
            }
            out.append("\nEvery failure in full, with the octets on the wire: `report.html` in the job's artifacts.\n");
        }
        return out.toString();
    }

    /** Text in Markdown, where *, _, `, |, <, [ and \ would be markup: each one escaped, lines joined. */
    static String text(String value) {
        StringBuilder out = new StringBuilder();
        String flat = value.replace("\r", " ").replace("\n", " ");
        for (int i = 0; i < flat.length() && out.length() < 400; i++) {
            char c = flat.charAt(i);
            if ("\\`*_{}[]<>()#+-.!|~".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /** Text inside a code span: a backquote would end it, a bar would end a table cell. */
    static String code(String value) {
        return value.replace("`", "'").replace("|", "\\|").replace("\n", " ");
    }
}
