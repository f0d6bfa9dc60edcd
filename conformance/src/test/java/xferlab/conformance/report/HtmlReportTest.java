package xferlab.conformance.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import xferlab.conformance.SuiteHarness;
import xferlab.conformance.browser.HeadlessChromium;
import xferlab.conformance.target.LaunchedTarget;
import xferlab.conformance.target.Ports;

/**
 * report.html puts what failed first, links every requirement ID to the spec, escapes what students printed,
 * and draws each failing exchange.
 */
class HtmlReportTest {
    private static final String SPEC = "https://example.org/xfer-spec.html";
    private static final Pattern ID = Pattern.compile("XFER-[A-Z]+-[0-9]{2}");
    private static final Pattern SVG = Pattern.compile("<svg .*?</svg>", Pattern.DOTALL);
    private static final Pattern LINK = Pattern.compile("<a href=\"([^\"]*)\">(XFER-[A-Z]+-[0-9]{2})</a>");

    /**
     * The issue's "done when": a real server with several bugs, run by the suite; each failing case's exchange
     * is drawn inline, every requirement ID cited links to the spec, and the page fits a window of 1024 and of
     * 1280 px in a real browser.
     */
    @Test
    @Timeout(240)
    void aRealServerRunDrawsEachFailingExchangeAndFitsTheWindow(@TempDir Path dir) throws Exception {
        assumePython();
        Path script = Path.of(HtmlReportTest.class.getResource("/planted/naive_server.py").toURI());
        Path storage = dir.resolve("storage");
        Files.createDirectories(storage);
        LaunchedTarget naive = new LaunchedTarget("python3 '" + script + "' --port {port} --dir {dir} --idle-timeout {idle}",
                storage, Ports.free(), SuiteHarness.IDLE, Duration.ofSeconds(20), dir.resolve("server-output.log"));
        List<CaseResult> results = SuiteHarness.run(naive, Set.of("small-upload-is-stored",
                "header-one-octet-per-segment", "name-with-slash-is-refused", "vanish-mid-payload",
                "signed-sizes-are-refused", "early-payload-gets-error-and-a-clean-close"));
        RunReport report = new RunReport("server", naive.description(), SuiteHarness.SEED, results, 1000);
        // Written in the build's output, for people to open (and a lab report to include).
        Path written = Path.of("target/report-real-run");
        ReportFiles.write(report, written, SPEC);
        Path page = written.resolve("report.html");
        String html = Files.readString(page);

        List<CaseResult> drawn = results.stream().filter(r -> r.verdict() == Verdict.FAILED
                || r.verdict() == Verdict.WARNED || r.verdict() == Verdict.TIMED_OUT)
                .filter(r -> !r.fullTranscripts().isEmpty()).toList();
        assertThat(drawn).as("failing cases with a transcript: " + results).hasSizeGreaterThanOrEqualTo(3);
        for (CaseResult result : drawn) {
            String section = section(html, result.caseId());
            List<String> svgs = all(SVG, section);
            assertThat(svgs).as(result.caseId() + ": one drawn exchange").hasSize(1);
            var parsed = SequenceDiagramTest.parse(svgs.get(0));
            int segments = (int) DrawnExchange.of(result.fullTranscripts()).connections().stream()
                    .flatMap(c -> c.steps().stream()).filter(DrawnExchange.Step::isSegment).count();
            assertThat(SequenceDiagramTest.groups(parsed, "segment")).as(result.caseId() + ": arrows")
                    .hasSize(Math.min(segments, SequenceDiagram.MAX_STEPS));
            if (!result.expected().isBlank()) {
                assertThat(SequenceDiagramTest.groups(parsed, "expected")).as(result.caseId()).hasSize(1);
            }
        }
        assertThat(all(SVG, html)).as("no other drawings").hasSize(drawn.size());
        assertThat(all(SVG, html).toString()).as("random payloads are never a wall of hex")
                .doesNotContainPattern("(\\\\x[0-9a-f]{2}){40}").doesNotContainPattern("([0-9a-f]{2} ){40}");

        // Every requirement ID the page cites, outside the drawings, is a link to its anchor in the spec.
        String text = SVG.matcher(html).replaceAll("");
        Matcher links = LINK.matcher(text);
        while (links.find()) {
            assertThat(links.group(1)).isEqualTo(SPEC + "#" + links.group(2));
        }
        String unlinked = LINK.matcher(text).replaceAll("").replaceAll("<[^>]*>", " ");
        assertThat(all(ID, unlinked)).as("requirement IDs without a link").isEmpty();
        for (CaseResult result : drawn) {
            assertThat(text).contains("<a href=\"" + SPEC + "#" + result.cited() + "\">" + result.cited() + "</a>");
        }

        // The lab report's fragment embeds the same drawings.
        String fragment = Files.readString(written.resolve("conformance.adoc"));
        List<String> images = all(Pattern.compile("(?m)^image::data:image/svg\\+xml;base64,([A-Za-z0-9+/=]+)\\["),
                fragment);
        assertThat(images).as("drawings in conformance.adoc").hasSize(drawn.size());
        for (String image : images) {
            String base64 = image.substring(image.indexOf(',') + 1, image.length() - 1);
            SequenceDiagramTest.parse(new String(java.util.Base64.getDecoder().decode(base64),
                    java.nio.charset.StandardCharsets.UTF_8));
        }

        HeadlessChromium chromium = HeadlessChromium.requireOrSkip();
        for (int width : new int[] {1024, 1280}) {
            HeadlessChromium.Layout layout = chromium.measure(page, width);
            assertThat(layout.fits()).as("report.html of a real run at %d px: %s", width, layout).isTrue();
            chromium.screenshot(page, width, 6000, Path.of("target/screenshots/report-real-run-" + width + ".png"));
        }
    }

    @Test
    void failuresComeFirstWithLinksAndPassesAreFolded() {
        CaseResult passed = CaseResult.plain("small-upload-is-stored", "stored", "§5 The upload", 1,
                List.of("XFER-UP-01"), Verdict.PASSED, "", 1, "", 10);
        CaseResult failed = new CaseResult("replies-end-with-bare-lf", "a <b>bold</b> title", "§5 The upload", 1,
                List.of("XFER-LINE-01"), Verdict.FAILED, "XFER-LINE-01", "(level 1, MUST) sentence",
                "\"READY\\n\"", "\"READY\\r\\n\" <script>alert(1)</script>", -1, "send LF", "", List.of(), List.of(),
                List.of(), 7, "", "java -jar xfer-conformance.jar server --only replies-end-with-bare-lf --seed 1",
                20, "", List.of(), "");
        String html = HtmlReport.of(new RunReport("server", "target", 1, List.of(passed, failed), 30),
                "https://example.org/spec.html");
        assertThat(html.indexOf("<h2>Failures</h2>")).isLessThan(html.indexOf("<details>"));
        assertThat(html).contains("<a href=\"https://example.org/spec.html#XFER-LINE-01\">XFER-LINE-01</a>")
                .contains("&lt;script&gt;").doesNotContain("<script>alert")
                .contains("a &lt;b&gt;bold&lt;/b&gt; title")
                .contains("onclick=\"copyRerun(this)\"")
                .contains("<details><summary>1 case passed or skipped</summary>");
        assertThat(html).contains("<td>1</td><td>2</td><td>1</td><td>1</td>");
    }

    private static String section(String html, String caseId) {
        int start = html.indexOf("<h3 id=\"" + caseId + "\"");
        assertThat(start).as("a section for " + caseId).isNotNegative();
        int end = html.indexOf("<h", start + 3);
        return html.substring(start, end < 0 ? html.length() : end);
    }

    private static List<String> all(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }

    private static void assumePython() throws InterruptedException {
        boolean works;
        try {
            Process process = new ProcessBuilder("python3", "--version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            works = process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
            process.destroyForcibly();
        } catch (IOException e) {
            works = false;
        }
        Assumptions.assumeTrue(works, "python3 does not work here: the planted Python servers cannot run");
    }

    @Test
    void fitsTheWindowInChromiumAt1024And1280(@TempDir Path dir) throws Exception {
        HeadlessChromium chromium = HeadlessChromium.requireOrSkip();
        String longLine = "java -jar conformance/target/xfer-conformance.jar server --only "
                + "a-case-with-a-rather-long-name-that-does-not-break --seed 3558541234567890123 --launch 'python3 x.py'";
        CaseResult failed = new CaseResult("replies-end-with-bare-lf", "a title", "§5 The upload", 1,
                List.of("XFER-LINE-01"), Verdict.FAILED, "XFER-LINE-01", "(level 1, MUST) " + "word ".repeat(80),
                "\"READY\\n\"", "x".repeat(3000), -1, "send LF", "", List.of(), List.of(),
                List.of(), 7, "", longLine, 20, "", List.of(), "");
        Path page = dir.resolve("report.html");
        Files.writeString(page, HtmlReport.of(new RunReport("server", "target", 1, List.of(failed), 30), ""));
        for (int width : new int[] {1024, 1280}) {
            HeadlessChromium.Layout layout = chromium.measure(page, width);
            assertThat(layout.fits()).as("report.html at %d px: %s", width, layout).isTrue();
            chromium.screenshot(page, width, Path.of("target/screenshots/report-" + width + ".png"));
        }
    }
}
