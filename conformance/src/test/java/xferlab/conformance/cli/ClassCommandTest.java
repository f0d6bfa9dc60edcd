package xferlab.conformance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import xferlab.conformance.browser.HeadlessChromium;
import xferlab.conformance.planted.Fault;
import xferlab.conformance.planted.PlantedServerMain;

/** {@code class --roster}: a class of implementations graded into one table. */
class ClassCommandTest {

    @Test
    @Timeout(240)
    void aRosterOfThreeImplementationsIsGradedIntoOneTable(@TempDir Path dir) throws IOException {
        ServerCommandTest.assumePython();
        // The Python skeleton students start from (labs/skeletons): it runs, and fails what stage 1 leaves to do.
        Path skeleton = Path.of(System.getProperty("user.dir")).resolve("../labs/skeletons/python/server.py").normalize();
        assertThat(skeleton).exists();
        Path roster = dir.resolve("roster.txt");
        Files.writeString(roster, String.join("\n",
                "# three submissions",
                "reference: " + PlantedServerMain.referenceLaunch(),
                "",
                "skeleton: " + ServerCommandTest.pythonLaunch(skeleton),
                "traversal: " + PlantedServerMain.launch(Fault.PATH_TRAVERSAL)) + "\n");
        Path grades = dir.resolve("grades");
        CommandRun run = CommandRun.of(Duration.ofSeconds(230), "class", "--roster", roster.toString(),
                "--report", grades.toString(), "--only", "XFER-UP-01,XFER-LINE-01,XFER-NAME-02", "--seed", "11");
        assertThat(run.exit()).as(run.printed()).isZero();

        List<String> csv = Files.readAllLines(grades.resolve("grades.csv"));
        assertThat(csv).as(run.printed()).hasSize(4);
        assertThat(csv.get(0)).startsWith("student,score,max_score,level_reached,");
        Map<String, String[]> rows = new LinkedHashMap<>();
        csv.stream().skip(1).forEach(line -> rows.put(line.split(",")[0], line.split(",", -1)));
        assertThat(rows).containsOnlyKeys("reference", "skeleton", "traversal");
        assertThat(rows.values()).as("one total for all").extracting(r -> r[2]).containsOnly("100");
        assertThat(rows.get("reference")[1]).as("the reference scores full marks").isEqualTo("100");
        assertThat(Double.parseDouble(rows.get("skeleton")[1])).isLessThan(100).isGreaterThan(0);
        assertThat(Double.parseDouble(rows.get("traversal")[1])).isLessThan(100).isGreaterThan(0);
        assertThat(rows.get("traversal")[8]).as("failed cases").isNotEqualTo("0");

        String html = Files.readString(grades.resolve("grades.html"));
        assertThat(html).contains("href=\"reference/report.html\"", "skeleton", "traversal");
        for (String name : rows.keySet()) {
            assertThat(grades.resolve(name).resolve("report.html")).exists();
            assertThat(grades.resolve(name).resolve("results.json")).exists();
        }
        assertThat(Files.readString(grades.resolve("traversal").resolve("console.txt")))
                .contains("FAIL  name-with-slash-is-refused");
        assertThat(Files.readString(grades.resolve("skeleton").resolve("console.txt")))
                .contains("FAIL  replies-end-with-bare-lf").contains("ok    small-upload-is-stored");
    }

    @Test
    @Timeout(300)
    void theGridShowsWhichRequirementEachStudentFailsAndLinksToTheCase(@TempDir Path dir)
            throws IOException, InterruptedException {
        Path roster = dir.resolve("roster.txt");
        Files.writeString(roster, String.join("\n",
                "correct: " + PlantedServerMain.launch(Fault.NONE),
                "partial: " + PlantedServerMain.launch(Fault.PARTIAL_FILES),
                "traversal: " + PlantedServerMain.launch(Fault.PATH_TRAVERSAL)) + "\n");
        Path grades = dir.resolve("grades");
        CommandRun run = CommandRun.of(Duration.ofSeconds(280), "class", "--roster", roster.toString(),
                "--report", grades.toString(), "--only", "XFER-UP-01,XFER-NAME-02,XFER-STORE-04", "--seed", "12",
                "--parallel", "3");
        assertThat(run.exit()).as(run.printed()).isZero();

        // grades.csv: one row per student, one column per requirement.
        List<String> csv = Files.readAllLines(grades.resolve("grades.csv"));
        List<String> header = List.of(csv.get(0).split(","));
        assertThat(header).contains("XFER-UP-01", "XFER-NAME-02", "XFER-STORE-04");
        Map<String, Map<String, String>> standings = new LinkedHashMap<>();
        for (String line : csv.subList(1, csv.size())) {
            String[] fields = line.split(",", -1);
            assertThat(fields).as("no field of these rows holds a comma: %s", line).hasSameSizeAs(header);
            Map<String, String> byColumn = new LinkedHashMap<>();
            for (int i = 0; i < fields.length; i++) {
                byColumn.put(header.get(i), fields[i]);
            }
            standings.put(fields[0], byColumn);
        }
        assertThat(standings).containsOnlyKeys("correct", "partial", "traversal");
        assertThat(standings.get("correct")).containsEntry("XFER-STORE-04", "pass").containsEntry("XFER-NAME-02", "pass")
                .containsEntry("XFER-UP-01", "pass");
        assertThat(standings.get("partial")).containsEntry("XFER-STORE-04", "fail").containsEntry("XFER-NAME-02", "pass");
        assertThat(standings.get("traversal")).containsEntry("XFER-NAME-02", "fail")
                .containsEntry("XFER-STORE-04", "pass");

        // grades.html: the same in the grid, each failing cell linking to the case's heading in the student's report.
        Path page = grades.resolve("grades.html");
        String html = Files.readString(page);
        assertThat(html).contains("Seed", "12", "the built-in defaults", "Stage 1:", "What to re-teach");
        assertFailingCellLinksToItsCase(html, grades, "partial", "XFER-STORE-04");
        assertFailingCellLinksToItsCase(html, grades, "traversal", "XFER-NAME-02");
        assertThat(gridCell(html, "correct", "XFER-STORE-04")).contains("class=\"c pass\"");
        assertThat(gridCell(html, "partial", "XFER-NAME-02")).contains("class=\"c pass\"");
        assertThat(gridCell(html, "traversal", "XFER-STORE-04")).contains("class=\"c pass\"");

        HeadlessChromium chromium = HeadlessChromium.requireOrSkip();
        for (int width : new int[] {1024, 1280}) {
            HeadlessChromium.Layout layout = chromium.measure(page, width);
            assertThat(layout.fits()).as("at %d px: %s", width, layout).isTrue();
            chromium.screenshot(page, width, Path.of("target/screenshots/grades-class-of-three-" + width + ".png"));
        }
    }

    private static void assertFailingCellLinksToItsCase(String html, Path grades, String student, String requirement)
            throws IOException {
        String cell = gridCell(html, student, requirement);
        assertThat(cell).contains("class=\"c fail\"");
        Matcher link = Pattern.compile("href=\"" + student + "/report\\.html#([a-z0-9-]+)\"").matcher(cell);
        assertThat(link.find()).as("a link to the failing case in %s", cell).isTrue();
        assertThat(Files.readString(grades.resolve(student).resolve("report.html")))
                .as("the case's anchor in %s's report", student).contains("id=\"" + link.group(1) + "\"");
    }

    /** One cell of the grid, found by its tooltip: "student, XFER-...: standing (case)". */
    private static String gridCell(String html, String student, String requirement) {
        Matcher m = Pattern.compile("<td class=\"c [^\"]*\" data-key=\"\\d\" title=\"" + student + ", "
                + requirement + ": [^\"]*\">.*?</td>").matcher(html);
        assertThat(m.find()).as("a cell for %s, %s", student, requirement).isTrue();
        return m.group();
    }

    @Test
    @Timeout(60)
    void aBadRosterIsAUsageErrorThatNamesTheLine(@TempDir Path dir) throws IOException {
        Path roster = dir.resolve("roster.txt");
        Files.writeString(roster, "alice: python3 a.py\nbob python3 b.py\n");
        CommandRun run = CommandRun.of(Duration.ofSeconds(50), "class", "--roster", roster.toString(),
                "--report", dir.resolve("g").toString());
        assertThat(run.exit()).as(run.printed()).isEqualTo(2);
        assertThat(run.err()).contains("line 2").contains("name: command");
        assertThat(dir.resolve("g")).doesNotExist();
    }
}
