package xferlab.conformance.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import xferlab.conformance.browser.HeadlessChromium;

/** report.html puts what failed first, links every requirement ID to the spec, and escapes what students printed. */
class HtmlReportTest {

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
