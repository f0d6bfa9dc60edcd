package xferlab.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import xferlab.spec.Catalogue;
import xferlab.spec.Requirement;

/**
 * The rendered site, as a reader meets it: every link between its pages lands
 * on a page and an anchor that exist, the spec carries the coverage the suite
 * reports, and the PDF and the report template are there.
 */
class SiteTest {
    private static final Path SITE = Path.of("target", "site");
    private static final Pattern HREF = Pattern.compile("href=\"([^\"#]*)(?:#([^\"]*))?\"");
    private static final Pattern ID = Pattern.compile("\\bid=\"([^\"]+)\"");

    @Test
    void everyLinkBetweenPagesLandsOnAPageAndAnAnchorThatExist() throws IOException {
        Map<Path, Set<String>> ids = new HashMap<>();
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path page : pages()) {
            Matcher link = HREF.matcher(read(page));
            while (link.find()) {
                String target = link.group(1);
                String anchor = link.group(2);
                if (target.matches("^[a-z]+:.*") || target.startsWith("//")) {
                    continue; // another site: not ours to check
                }
                Path file = target.isEmpty() ? page : page.getParent().resolve(target).normalize();
                checked++;
                if (!Files.isRegularFile(file)) {
                    broken.add(SITE.relativize(page) + ": " + target + " (no such page)");
                } else if (anchor != null && !anchor.isEmpty() && file.toString().endsWith(".html")
                        && !ids.computeIfAbsent(file, SiteTest::idsOf).contains(anchor)) {
                    broken.add(SITE.relativize(page) + ": " + target + "#" + anchor + " (no such anchor)");
                }
            }
        }
        assertThat(broken).as("broken links").isEmpty();
        assertThat(checked).isGreaterThan(100);
    }

    @Test
    void theLabsAndTheReportLinkRequirementIdsToTheSpec() throws IOException {
        Set<String> linked = new HashSet<>();
        for (Path page : pages()) {
            if (!page.startsWith(SITE.resolve("spec"))) {
                Matcher link = Pattern.compile("href=\"\\.\\./spec/xfer-spec\\.html#(XFER-[A-Z]+-\\d+)\"").matcher(read(page));
                while (link.find()) {
                    linked.add(link.group(1));
                }
            }
        }
        assertThat(linked).hasSizeGreaterThan(10);
    }

    @Test
    void theSpecListsTheCasesThatCheckEachRequirement() {
        String spec = read(SITE.resolve("spec/xfer-spec.html"));
        String appendix = spec.substring(spec.indexOf("id=\"coverage\""));
        for (Requirement requirement : Catalogue.load().all()) {
            assertThat(appendix).as(requirement.id()).contains("href=\"#" + requirement.id() + "\"");
        }
        assertThat(appendix).contains("small-upload-is-stored", "(server)", "(client)");
    }

    @Test
    void theSpecIsAlsoAPdf() throws IOException {
        Path pdf = SITE.resolve("spec/xfer-spec.pdf");
        assertThat(pdf).isRegularFile();
        byte[] head = new byte[5];
        try (var in = Files.newInputStream(pdf)) {
            assertThat(in.read(head)).isEqualTo(5);
        }
        assertThat(new String(head, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        assertThat(Files.size(pdf)).isGreaterThan(100_000);
    }

    @Test
    void theReportTemplateShowsTheResultsOfARealRun() {
        String report = read(SITE.resolve("report/report.html"));
        assertThat(report).contains("Protocol design", "Work distribution", "Conclusion");
        assertThat(report).as("the suite's fragment, included")
                .contains("Cases passed per conformance level", "small-upload-is-stored", "seed <code>1</code>");
        assertThat(report).as("diagrams drawn").contains("<svg");
    }

    @Test
    void everyRequirementLinksToItsCoverageRowAndBack() {
        String spec = read(SITE.resolve("spec/xfer-spec.html"));
        for (Requirement requirement : Catalogue.load().all()) {
            String id = requirement.id();
            assertThat(spec).as(id + ": the requirement row links to its cases").contains("href=\"#coverage-" + id + "\"");
            assertThat(spec).as(id + ": the coverage row has its anchor").contains("id=\"coverage-" + id + "\"");
        }
    }

    @Test
    void everyLabSheetLinksThePreviousTheNextAndTheIndex() throws IOException {
        try (Stream<Path> files = Files.list(SITE.resolve("labs"))) {
            List<Path> sheets = files.filter(p -> p.getFileName().toString().matches("(stage-\\d.*|index|instructor)\\.html"))
                    .sorted().toList();
            assertThat(sheets).hasSize(8);
            for (Path sheet : sheets) {
                String html = read(sheet);
                int navs = html.split("class=\"paragraph xfer-nav\"", -1).length - 1;
                // The instructors' sheet has its links at the top only: its end belongs to other sections.
                assertThat(navs).as(sheet + ": navigation at the top and the bottom")
                        .isGreaterThanOrEqualTo(sheet.endsWith("instructor.html") ? 1 : 2);
                String nav = html.substring(html.indexOf("xfer-nav"));
                nav = nav.substring(0, nav.indexOf("</p>"));
                assertThat(nav).as(sheet + ": previous and next").contains("Previous:", "Next:");
                if (!sheet.endsWith("index.html")) {
                    assertThat(nav).as(sheet + ": the index").contains("href=\"index.html\"");
                }
            }
        }
    }

    @Test
    void aStudentNeedsNothingButTheSite() throws IOException {
        for (String file : List.of("downloads/xfer-conformance.jar", "downloads/xfer.jar", "downloads/xfer-skeletons.zip",
                "labs/skeletons/python/server.py", "labs/skeletons/python/client.py",
                "labs/skeletons/java/XferServer.java", "labs/skeletons/java/XferClient.java")) {
            assertThat(SITE.resolve(file)).as(file).isRegularFile();
            assertThat(Files.size(SITE.resolve(file))).as(file).isGreaterThan(1000);
        }
        try (var zip = new java.util.zip.ZipFile(SITE.resolve("downloads/xfer-skeletons.zip").toFile())) {
            assertThat(zip.getEntry("skeletons/python/server.py")).as("the zip holds the skeletons").isNotNull();
            assertThat(zip.getEntry("skeletons/java/XferClient.java")).isNotNull();
        }
        String home = read(SITE.resolve("index.html"));
        assertThat(home).as("the landing page's quick start").contains("Quick start", "downloads/xfer-conformance.jar",
                "java -jar xfer-conformance.jar server --level 1");
        assertThat(home).as("the picture of stages against levels").contains("<svg", "Level 3: concurrent",
                "href=\"labs/stage-6-client.html\"");
    }

    private static List<Path> pages() throws IOException {
        try (Stream<Path> files = Files.walk(SITE)) {
            List<Path> pages = files.filter(p -> p.toString().endsWith(".html")).sorted().toList();
            assertThat(pages).as("the site is built").isNotEmpty();
            return pages;
        }
    }

    private static Set<String> idsOf(Path page) {
        Set<String> ids = new HashSet<>();
        Matcher id = ID.matcher(read(page));
        while (id.find()) {
            ids.add(id.group(1));
        }
        return ids;
    }

    private static String read(Path page) {
        try {
            return Files.readString(page, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
