package xferlab.conformance.report;

import java.util.List;
import java.util.function.Predicate;

import xferlab.conformance.text.Html;

/**
 * {@code report.html}, written to be read: a summary per level, then "fix these first",
 * then each failure in full, then the warnings, then the passes, folded. Every
 * requirement ID links to its anchor in the spec; text wraps; each rerun command has
 * a copy button. One page, no external files.
 */
final class HtmlReport {
    private static final String STYLE = "body{font-family:system-ui,sans-serif;margin:1.5em auto;max-width:70em;"
            + "padding:0 1em;line-height:1.4}h1{font-size:1.6em}h2{font-size:1.25em;margin-top:1.6em}"
            + "h3{font-size:1.05em;margin:1.2em 0 .3em;overflow-wrap:anywhere}"
            + "table{border-collapse:collapse;width:100%;table-layout:fixed}"
            + "td,th{border:1px solid #ccc;padding:.3em .5em;text-align:left;vertical-align:top;"
            + "overflow-wrap:anywhere}th{background:#f4f4f4}"
            + "pre{background:#f8f8f8;padding:.6em;font-size:90%;white-space:pre-wrap;overflow-wrap:anywhere}"
            + "code{overflow-wrap:anywhere}.passed{color:#17692e}.warned{color:#8a5a00;font-weight:bold}"
            + ".failed,.timed_out,.harness_error,.not_reached{color:#a11;font-weight:bold}.skipped{color:#777}"
            + "figure.exchange{margin:1em 0}figure.exchange svg{display:block;box-sizing:border-box;border:1px solid #d0d7de;"
            + "border-radius:6px}figcaption{font-size:90%;color:#57606a;margin-top:.3em}"
            + ".rerun{display:flex;gap:.5em;align-items:flex-start}.rerun code{flex:1;background:#f8f8f8;"
            + "padding:.3em .5em}button{font:inherit;font-size:85%}";
    private static final String SCRIPT = "function copyRerun(button){navigator.clipboard.writeText("
            + "button.previousElementSibling.textContent).then(function(){button.textContent='copied';});}";

    private HtmlReport() {
    }

    /** @param specUrl where the spec's HTML is, for the links to requirement anchors */
    static String of(RunReport report, String specUrl) {
        StringBuilder out = new StringBuilder();
        out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
                .append("XFER conformance: ").append(Html.text(report.suite())).append("</title>\n<style>")
                .append(STYLE).append("</style>\n<script>").append(SCRIPT).append("</script></head><body>\n");
        out.append("<h1>XFER conformance: ").append(Html.text(report.suite())).append(" suite</h1>\n");
        out.append("<p><strong class=\"").append(report.passed() ? "passed" : "failed").append("\">")
                .append(Html.text(report.resultLine())).append("</strong><br>")
                .append(Html.text(report.counts())).append("<br>Target: <code>").append(Html.text(report.target()))
                .append("</code><br>Seed: <code>").append(report.seed()).append("</code></p>\n");
        levels(report, out);
        List<RootCauses> causes = RootCauses.of(report);
        if (!report.diagnosis().isEmpty() || !causes.isEmpty()) {
            out.append("<h2>Fix these first</h2>\n<ol>\n");
            if (!report.diagnosis().isEmpty()) {
                out.append("<li><strong>").append(SpecLinks.linked(report.diagnosis(), specUrl)).append("</strong></li>\n");
            }
            causes.forEach(c -> out.append("<li>").append(SpecLinks.linked(c.line(), specUrl)).append("</li>\n"));
            out.append("</ol>\n");
        }
        section(report, out, "Failures", r -> r.verdict().isFailure(), specUrl);
        section(report, out, "Warnings (a SHOULD missed)", r -> r.verdict() == Verdict.WARNED, specUrl);
        List<CaseResult> rest = report.cases().stream().filter(r -> !r.verdict().needsDetails()).toList();
        if (!rest.isEmpty()) {
            out.append("<details><summary>").append(rest.size()).append(rest.size() == 1 ? " case" : " cases")
                    .append(" passed or skipped</summary>\n")
                    .append("<table><tr><th>Case</th><th>Requirements</th><th>Verdict</th></tr>\n");
            for (CaseResult result : rest) {
                out.append("<tr><td>").append(Html.text(result.caseId())).append("<br><small>")
                        .append(Html.text(result.title())).append("</small></td><td>")
                        .append(SpecLinks.links(result.requirements(), specUrl)).append("</td><td class=\"")
                        .append(result.verdict().name().toLowerCase(java.util.Locale.ROOT)).append("\">")
                        .append(result.verdict().word()).append(result.message().isEmpty() ? ""
                                : ": " + Html.text(result.message())).append("</td></tr>\n");
            }
            out.append("</table></details>\n");
        }
        out.append("</body></html>\n");
        return out.toString();
    }

    private static void levels(RunReport report, StringBuilder out) {
        out.append("<table><tr><th>Level</th><th>Cases</th><th>Passed</th><th>Failed</th><th>Warned</th>")
                .append("<th>Not reached</th><th>Other</th></tr>\n");
        for (int level = 1; level <= 3; level++) {
            final int l = level;
            List<CaseResult> cases = report.cases().stream().filter(c -> c.level() == l).toList();
            if (cases.isEmpty()) {
                continue;
            }
            long passed = cases.stream().filter(c -> c.verdict() == Verdict.PASSED).count();
            long failed = cases.stream().filter(c -> c.verdict() == Verdict.FAILED
                    || c.verdict() == Verdict.TIMED_OUT).count();
            long warned = cases.stream().filter(c -> c.verdict() == Verdict.WARNED).count();
            long blocked = cases.stream().filter(c -> c.verdict() == Verdict.NOT_REACHED).count();
            out.append("<tr><td>").append(level).append("</td><td>").append(cases.size()).append("</td><td>")
                    .append(passed).append("</td><td>").append(failed).append("</td><td>").append(warned)
                    .append("</td><td>").append(blocked).append("</td><td>")
                    .append(cases.size() - passed - failed - warned - blocked).append("</td></tr>\n");
        }
        out.append("</table>\n");
    }

    private static void section(RunReport report, StringBuilder out, String title, Predicate<CaseResult> which,
                                String specUrl) {
        List<CaseResult> cases = report.cases().stream().filter(which).toList();
        if (cases.isEmpty()) {
            return;
        }
        out.append("<h2>").append(Html.text(title)).append("</h2>\n");
        for (CaseResult result : cases) {
            String details = ReportFiles.details(result);
            String rerunLine = "rerun just this case: " + result.rerun() + "\n";
            out.append("<h3 id=\"").append(Html.text(result.caseId())).append("\"><span class=\"")
                    .append(result.verdict().name().toLowerCase(java.util.Locale.ROOT)).append("\">")
                    .append(result.verdict().word()).append("</span> ").append(Html.text(result.caseId()))
                    .append(" [").append(SpecLinks.links(result.requirements(), specUrl)).append("]</h3>\n<p>")
                    .append(Html.text(result.title())).append("</p>\n<pre>")
                    .append(SpecLinks.linked(details.replace(rerunLine, ""), specUrl)).append("</pre>\n");
            SequenceDiagram.of(result, report.suite()).ifPresent(svg -> out.append("<figure class=\"exchange\">")
                    .append(svg).append("<figcaption>The exchange, as the suite saw it").append(result.expected()
                            .isBlank() ? "" : ", and what the spec expected").append(".</figcaption></figure>\n"));
            if (!result.rerun().isEmpty()) {
                out.append("<div class=\"rerun\"><code>").append(Html.text(result.rerun()))
                        .append("</code><button type=\"button\" onclick=\"copyRerun(this)\">copy</button></div>\n");
            }
        }
    }

}
