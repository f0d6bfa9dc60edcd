package xferlab.conformance.report;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * A run as an AsciiDoc fragment, {@code conformance.adoc}, for a lab report to
 * include: levels, then cases and verdicts, then each failure in full.
 * Requirement IDs link to the spec's anchors; the report sets {@code xfer-spec}
 * to where the spec lives (by default beside it, as in the rendered site).
 */
public final class AsciiDocFragment {
    private AsciiDocFragment() {
    }

    public static String of(RunReport report) {
        StringBuilder out = new StringBuilder();
        out.append("// Written by xfer-conformance --report: do not edit, run the suite again.\n");
        out.append("ifndef::xfer-spec[:xfer-spec: ../spec/xfer-spec.html]\n\n");
        out.append(String.format(java.util.Locale.ROOT, "The %s suite ran against `+%s+` with seed `%d`: *%s*, %d of "
                        + "%d cases passed (%d failed, %d warned, %d not reached, %d timed out, %d harness errors, "
                        + "%d skipped) in %.1f s.%n%n",
                report.suite(), report.target(), report.seed(), report.passed() ? "PASS" : "FAIL",
                report.count(Verdict.PASSED), report.cases().size(), report.count(Verdict.FAILED),
                report.count(Verdict.WARNED), report.count(Verdict.NOT_REACHED),
                report.count(Verdict.TIMED_OUT), report.count(Verdict.HARNESS_ERROR), report.count(Verdict.SKIPPED),
                report.millis() / 1000.0));

        out.append(".Cases passed per conformance level\n[cols=\"1,1,1\",options=\"header\"]\n|===\n"
                + "|Level |Passed |Cases\n");
        for (int level = 1; level <= 3; level++) {
            final int l = level;
            List<CaseResult> ofLevel = report.cases().stream().filter(c -> c.level() == l).toList();
            if (!ofLevel.isEmpty()) {
                long passed = ofLevel.stream().filter(c -> c.verdict() == Verdict.PASSED).count();
                out.append("|").append(level).append(" |").append(passed).append(" |").append(ofLevel.size()).append('\n');
            }
        }
        out.append("|===\n\n");

        out.append(".Conformance cases\n[cols=\"4,2,1,1\",options=\"header\"]\n|===\n"
                + "|Case |Requirements |Level |Verdict\n");
        for (CaseResult result : report.cases()) {
            out.append("|`+").append(result.caseId()).append("+` +\n").append(cell(result.title()))
                    .append(" |").append(links(result.requirements()))
                    .append(" |").append(result.level())
                    .append(" |").append(verdict(result)).append('\n');
        }
        out.append("|===\n");

        for (CaseResult result : report.cases()) {
            if (result.verdict().needsDetails()) {
                out.append("\n.").append(result.caseId()).append(": ").append(result.verdict().name().toLowerCase()
                        .replace('_', ' ')).append('\n');
                out.append("....\n").append(literal(ReportFiles.details(result))).append("....\n");
                SequenceDiagram.of(result, report.suite()).ifPresent(svg -> diagram(out, result, svg));
            }
        }
        return out.toString();
    }

    /**
     * The exchange as an image whose target is the SVG itself, as a data URI: a fragment
     * cannot know where the report that includes it resolves images from, and a data URI
     * needs no file beside it, in HTML as in a PDF.
     */
    private static void diagram(StringBuilder out, CaseResult result, String svg) {
        String data = Base64.getEncoder().encodeToString(svg.getBytes(StandardCharsets.UTF_8));
        out.append("\n.The exchange of ").append(cell(result.caseId())).append(" as the suite saw it")
                .append(result.expected().isBlank() ? "" : ", and what the spec expected").append('\n')
                .append("image::data:image/svg+xml;base64,").append(data).append("[\"The exchange of ")
                .append(result.caseId().replace("\"", "")).append(" as a sequence diagram\"]\n");
    }

    private static String links(List<String> ids) {
        return String.join(", ", ids.stream().map(id -> "link:{xfer-spec}#" + id + "[" + id + "]").toList());
    }

    private static String verdict(CaseResult result) {
        String word = result.verdict().name().toLowerCase().replace('_', ' ');
        return result.verdict().needsDetails() ? "*" + word + "*" : word;
    }

    /**
     * Passes the text through untouched: a bar would end the table cell (it is split
     * before any substitution) and braces or asterisks would be read as markup.
     */
    private static String cell(String text) {
        return xferlab.conformance.text.AsciiDoc.inline(text);
    }

    private static String literal(String text) {
        return xferlab.conformance.text.AsciiDoc.literal(text);
    }
}
