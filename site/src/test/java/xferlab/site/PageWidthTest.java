package xferlab.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import xferlab.conformance.browser.HeadlessChromium;

/**
 * Every page a reader opens fits the window at the common laptop widths: the spec with
 * its table of contents, every lab sheet and the report template, laid out in headless
 * Chromium. A figure or a table wider than the column would push the page sideways and
 * cut labels at the edge, which is how the state machines used to look.
 */
class PageWidthTest {
    private static final Path SITE = Path.of("target", "site");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final int[] WIDTHS = {1024, 1280};

    @Test
    void theSpecTheSheetsAndTheReportFitTheWindowAt1024And1280Pixels() throws Exception {
        HeadlessChromium chromium = HeadlessChromium.requireOrSkip();
        List<Path> pages = pages();
        assertThat(pages).as("the spec, the landing page, the report and the lab sheets").hasSizeGreaterThan(8);
        List<String> overflowing = new ArrayList<>();
        for (Path page : pages) {
            for (int width : WIDTHS) {
                HeadlessChromium.Layout layout = chromium.measure(page, width);
                if (!layout.fits()) {
                    overflowing.add(SITE.relativize(page) + " at " + width + " px: " + layout);
                }
                String shot = SITE.relativize(page).toString().replace('/', '-').replace(".html", "");
                chromium.screenshot(page, width, SCREENSHOTS.resolve(shot + "-" + width + ".png"));
            }
        }
        assertThat(overflowing).as("pages wider than the window").isEmpty();
    }

    private static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(SITE.resolve("index.html"), SITE.resolve("spec/xfer-spec.html"),
                SITE.resolve("report/report.html")));
        try (Stream<Path> sheets = Files.list(SITE.resolve("labs"))) {
            // docinfo.html is the sheets' shared style, copied along with them: not a page.
            sheets.filter(p -> p.toString().endsWith(".html") && !p.endsWith("docinfo.html")).sorted()
                    .forEach(pages::add);
        }
        for (Path page : pages) {
            assertThat(page).as("the site is built").isRegularFile();
        }
        return pages;
    }
}
