package xferlab.conformance.report;

import xferlab.conformance.text.Xml;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a run to a directory: {@code junit.xml} (what CI systems read),
 * {@code summary.json} (cases, requirement IDs, verdicts, timings),
 * {@code report.html} (one self-contained page), {@code conformance.adoc}
 * (a fragment a lab report includes) and {@code summary.md} (a CI job's summary).
 */
public final class ReportFiles {
    private ReportFiles() {
    }

    /** Writes all four files; returns their paths. */
    /** Where a report's links to the spec go when no other place is given: the spec beside a site's reports. */
    public static final String SPEC_URL = "../spec/xfer-spec.html";

    public static List<Path> write(RunReport report, Path dir) throws IOException {
        return write(report, dir, SPEC_URL);
    }

    /** Writes all the files; returns their paths. {@code specUrl} is where report.html links requirement IDs. */
    public static List<Path> write(RunReport report, Path dir, String specUrl) throws IOException {
        Files.createDirectories(dir);
        Path xml = dir.resolve("junit.xml");
        Path json = dir.resolve("summary.json");
        Path html = dir.resolve("report.html");
        Files.writeString(xml, junitXml(report), StandardCharsets.UTF_8);
        Files.writeString(json, Json.write(summary(report)), StandardCharsets.UTF_8);
        Files.writeString(html, HtmlReport.of(report, specUrl), StandardCharsets.UTF_8);
        Path adoc = dir.resolve("conformance.adoc");
        Files.writeString(adoc, AsciiDocFragment.of(report), StandardCharsets.UTF_8);
        LibraryLog.writeTo(dir);
        Path markdown = dir.resolve("summary.md");
        Files.writeString(markdown, MarkdownSummary.of(report), StandardCharsets.UTF_8);
        return List.of(xml, json, html, adoc, markdown);
    }

    /** The JUnit XML form: one test suite, one test case per conformance case. */
    static String junitXml(RunReport report) {
        StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        long failures = report.count(Verdict.FAILED) + report.count(Verdict.TIMED_OUT)
                + report.count(Verdict.NOT_REACHED);
        out.append(String.format(java.util.Locale.ROOT, "<testsuites name=\"xfer-conformance\" tests=\"%d\" failures=\"%d\" errors=\"%d\" "
                        + "skipped=\"%d\" time=\"%.3f\">%n", report.cases().size(), failures,
                report.count(Verdict.HARNESS_ERROR), report.count(Verdict.SKIPPED), report.millis() / 1000.0));
        out.append(String.format(java.util.Locale.ROOT, "  <testsuite name=\"xfer-conformance.%s\" tests=\"%d\" failures=\"%d\" errors=\"%d\" "
                        + "skipped=\"%d\" time=\"%.3f\">%n", report.suite(), report.cases().size(), failures,
                report.count(Verdict.HARNESS_ERROR), report.count(Verdict.SKIPPED), report.millis() / 1000.0));
        out.append("    <properties>\n");
        out.append("      <property name=\"target\" value=\"").append(xml(report.target())).append("\"/>\n");
        out.append("      <property name=\"seed\" value=\"").append(report.seed()).append("\"/>\n");
        out.append("    </properties>\n");
        for (CaseResult result : report.cases()) {
            out.append(String.format(java.util.Locale.ROOT, "    <testcase classname=\"%s\" name=\"%s [%s]\" time=\"%.3f\"",
                    xml(report.suite() + "." + result.section()), xml(result.caseId()),
                    xml(String.join(", ", result.requirements())), result.millis() / 1000.0));
            switch (result.verdict()) {
                case PASSED -> out.append("/>\n");
                case WARNED -> out.append(">\n      <system-out>").append(xml("warning (a SHOULD missed):\n"
                        + details(result))).append("</system-out>\n    </testcase>\n");
                case SKIPPED -> out.append(">\n      <skipped message=\"").append(xml(result.message()))
                        .append("\"/>\n    </testcase>\n");
                default -> {
                    String element = result.verdict() == Verdict.HARNESS_ERROR ? "error" : "failure";
                    String type = switch (result.verdict()) {
                        case TIMED_OUT -> "timeout";
                        case HARNESS_ERROR -> "harness-error";
                        case NOT_REACHED -> "not-reached";
                        default -> "violation";
                    };
                    out.append(">\n      <").append(element).append(" type=\"").append(type)
                            .append("\" message=\"").append(xml(headline(result))).append("\">")
                            .append(xml(details(result))).append("</").append(element).append(">\n    </testcase>\n");
                }
            }
        }
        out.append("  </testsuite>\n</testsuites>\n");
        return out.toString();
    }

    /** The JSON summary. */
    static Map<String, Object> summary(RunReport report) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("suite", report.suite());
        root.put("target", report.target());
        root.put("seed", report.seed());
        root.put("millis", report.millis());
        root.put("passed", report.passed());
        root.put("diagnosis", report.diagnosis());
        Map<String, Object> counts = new LinkedHashMap<>();
        for (Verdict verdict : Verdict.values()) {
            counts.put(verdict.name().toLowerCase(), report.count(verdict));
        }
        root.put("counts", counts);
        List<Object> cases = new ArrayList<>();
        for (CaseResult result : report.cases()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("case", result.caseId());
            item.put("title", result.title());
            item.put("section", result.section());
            item.put("level", result.level());
            item.put("requirements", result.requirements());
            item.put("verdict", result.verdict().name().toLowerCase());
            item.put("millis", result.millis());
            item.put("seed", result.seed());
            if (result.verdict() != Verdict.PASSED) {
                item.put("cited", result.cited());
                item.put("requirement", result.sentence());
                item.put("expected", result.expected());
                item.put("actual", result.actual());
                item.put("divergence", result.divergence());
                item.put("hint", result.hint());
                item.put("message", result.message());
                item.put("faults", result.faults());
                item.put("sample", result.sample());
                item.put("transcripts", result.transcripts());
                item.put("stability", result.stability());
                item.put("rerun", result.rerun());
                item.put("output", result.output());
            }
            item.put("notes", result.notes());
            cases.add(item);
        }
        root.put("cases", cases);
        return root;
    }

    private static String headline(CaseResult result) {
        return result.cited().isEmpty() ? result.message() : result.cited() + ": expected " + result.expected()
                + ", got " + result.actual();
    }

    /** A failure in plain text, as the console shows it. */
    public static String details(CaseResult result) {
        StringBuilder out = new StringBuilder();
        if (result.verdict() == Verdict.NOT_REACHED) {
            out.append("not reached: this case never got to its own check (")
                    .append(String.join(", ", result.requirements())).append("); a step before it broke ")
                    .append(result.cited()).append(": ").append(result.sentence()).append('\n');
        } else if (!result.cited().isEmpty()) {
            out.append(result.verdict() == Verdict.WARNED ? "warning, requirement " : "requirement ")
                    .append(result.cited()).append(": ").append(result.sentence()).append('\n');
        }
        if (!result.expected().isEmpty()) {
            out.append("expected: ").append(result.expected()).append('\n');
            out.append("actual:   ").append(result.actual());
            if (result.divergence() >= 0) {
                out.append(" (they differ from octet ").append(result.divergence()).append(')');
            }
            out.append('\n');
        }
        if (!result.message().isEmpty()) {
            out.append(result.message()).append('\n');
        }
        if (result.divergence() >= 0 && result.expected().isEmpty()) {
            out.append("they differ from octet ").append(result.divergence()).append('\n');
        }
        if (!result.sample().isEmpty()) {
            out.append("shrunk counterexample: ").append(result.sample()).append('\n');
        }
        result.transcripts().forEach(out::append);
        if (!result.hint().isEmpty()) {
            out.append("hint: ").append(result.hint()).append('\n');
        }
        if (!result.stability().isEmpty()) {
            out.append("reruns: ").append(result.stability()).append('\n');
        }
        out.append("seed: ").append(result.seed()).append('\n');
        if (!result.rerun().isEmpty()) {
            out.append("rerun just this case: ").append(result.rerun()).append('\n');
        }
        return out.toString();
    }

    /** Text for junit.xml, in an attribute or an element alike. */
    private static String xml(String text) {
        return Xml.attribute(text);
    }

}
