package xferlab.conformance.grade;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import xferlab.conformance.browser.HeadlessChromium;
import xferlab.conformance.report.Verdict;
import xferlab.spec.Catalogue;
import xferlab.spec.Requirement;

/** grades.html and grades.csv for a class: the grid of students by requirements, and what to re-teach. */
class GradesPageTest {
    private static final Catalogue CATALOGUE = Catalogue.load();

    @Test
    void aFailureIsChargedToTheRequirementItCitesAndTheRestOfItsCaseIsNotJudged() {
        Map<String, Cell> cells = Cell.byRequirement(List.of(
                new CaseOutcome("upload", List.of("XFER-UP-01"), Verdict.PASSED, "", true),
                new CaseOutcome("vanish", List.of("XFER-STORE-04", "XFER-UP-01"), Verdict.FAILED, "XFER-STORE-04",
                        true),
                new CaseOutcome("late-name", List.of("XFER-NAME-05", "XFER-NAME-02"), Verdict.WARNED, "XFER-NAME-05",
                        true),
                new CaseOutcome("blocked", List.of("XFER-LINE-03"), Verdict.NOT_REACHED, "XFER-UP-01", true),
                new CaseOutcome("stalled", List.of("XFER-LINE-01"), Verdict.TIMED_OUT, "", true),
                new CaseOutcome("stopped", List.of("XFER-LINE-02"), Verdict.FAILED, "", false)));
        assertThat(cells.get("XFER-UP-01")).isEqualTo(new Cell(Standing.PASS, "upload", Verdict.PASSED));
        assertThat(cells.get("XFER-STORE-04")).isEqualTo(new Cell(Standing.FAIL, "vanish", Verdict.FAILED));
        assertThat(cells.get("XFER-NAME-05").standing()).isEqualTo(Standing.WARN);
        assertThat(cells.get("XFER-NAME-02").standing()).as("the MUSTs of a warned case held").isEqualTo(Standing.PASS);
        assertThat(cells.get("XFER-LINE-03").standing()).isEqualTo(Standing.NOT_REACHED);
        assertThat(cells.get("XFER-LINE-01").standing()).as("a timeout fails its case's requirements")
                .isEqualTo(Standing.FAIL);
        assertThat(cells.get("XFER-LINE-02").standing()).as("a submission that never started")
                .isEqualTo(Standing.NOT_RUN);
    }

    @Test
    void aRequirementOnlyCoveredByCasesThatFailedElsewhereWasNotReached() {
        Map<String, Cell> cells = Cell.byRequirement(List.of(
                new CaseOutcome("vanish", List.of("XFER-STORE-04", "XFER-STORE-03"), Verdict.FAILED, "XFER-STORE-04",
                        true)));
        assertThat(cells.get("XFER-STORE-03")).isEqualTo(new Cell(Standing.NOT_REACHED, "vanish", Verdict.FAILED));
    }

    @Test
    void theCsvGainsOneColumnPerRequirement() {
        List<ClassGrades.Row> rows = List.of(
                row("alice", fail("XFER-STORE-04", "vanish-mid-payload")),
                row("carol"));
        List<String> lines = ClassGrades.csv(rows, List.of("XFER-UP-01", "XFER-STORE-04", "XFER-NAME-02"))
                .lines().toList();
        assertThat(lines.get(0)).endsWith(",exit,note,XFER-UP-01,XFER-STORE-04,XFER-NAME-02");
        assertThat(lines.get(1)).startsWith("alice,").endsWith(",pass,fail,pass");
        assertThat(lines.get(2)).as("no case of carol's run checked these").startsWith("carol,")
                .endsWith(",pass,not-run,not-run");
    }

    @Test
    void eachFailingCellLinksToTheCaseInThatStudentsReport() {
        List<ClassGrades.Row> rows = List.of(
                row("alice", fail("XFER-STORE-04", "vanish-mid-payload")),
                row("bob", fail("XFER-NAME-02", "name-with-slash-is-refused"), fail("XFER-STORE-04", "vanish")),
                row("carol"));
        String html = GradesPage.html(rows, run(List.of("XFER-UP-01", "XFER-NAME-02", "XFER-STORE-04")), CATALOGUE);

        assertThat(cell(html, "alice", "XFER-STORE-04")).contains("class=\"c fail\"")
                .contains("href=\"alice/report.html#vanish-mid-payload\"");
        assertThat(cell(html, "alice", "XFER-NAME-02")).contains("class=\"c pass\"").doesNotContain("href");
        assertThat(cell(html, "bob", "XFER-NAME-02")).contains("href=\"bob/report.html#name-with-slash-is-refused\"");
        assertThat(cell(html, "carol", "XFER-STORE-04")).contains("class=\"c not-run\"");
        assertThat(html).contains("2024-03-05 14:07 UTC", "Seed", "4242", "xfer-conformance 0.1",
                "Stage 1: 60 points", "Stage 2: 40 points", "the built-in defaults");
        // What to re-teach: the requirement two students fail comes before the one that one student fails.
        String reteach = html.substring(html.indexOf("What to re-teach"));
        assertThat(reteach.indexOf("XFER-STORE-04")).isLessThan(reteach.indexOf("XFER-NAME-02"));
        assertThat(reteach).contains("2 of 3 fail", "1 of 3 fail");
        assertThat(html).contains("students fail it\" style=\"background:rgba(200,30,30,");
    }

    @Test
    void everythingAStudentOrASubmissionCanSayIsEscaped() {
        ClassGrades.Row noted = new ClassGrades.Row("eve", 0, 100, 0, new int[3][2], Map.of(), 2,
                "never started: <script>alert(1)</script> & \"quotes\"",
                List.of(new CaseOutcome("a<b", List.of("XFER-UP-01"), Verdict.FAILED, "XFER-UP-01", true)));
        String html = GradesPage.html(List.of(noted), run(List.of("XFER-UP-01")), CATALOGUE);
        assertThat(html).doesNotContain("<script>alert").contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; "
                + "&quot;quotes&quot;").contains("eve/report.html#a&lt;b");
    }

    @Test
    @Timeout(240)
    void aWholeClassOnEveryRequirementFitsTheWindowAt1024And1280(@TempDir Path dir)
            throws IOException, InterruptedException {
        HeadlessChromium chromium = HeadlessChromium.requireOrSkip();
        List<String> all = CATALOGUE.all().stream().map(Requirement::id).toList();
        List<ClassGrades.Row> rows = new ArrayList<>();
        String[] names = {"alice", "bob", "carol", "dave", "erin", "frank",
            "team-with-a-rather-long-name-for-a-directory_2024", "grace", "heidi", "ivan", "judy", "mallory"};
        for (int s = 0; s < names.length; s++) {
            List<CaseOutcome> cases = new ArrayList<>();
            for (int r = 0; r < all.size(); r++) {
                String id = all.get(r);
                int roll = (s * 7 + r * 13) % 23;
                Verdict verdict = roll == 0 || (s % 3 == 0 && r % 9 == 4) ? Verdict.FAILED : roll == 1
                        ? Verdict.WARNED : roll == 2 ? Verdict.NOT_REACHED : Verdict.PASSED;
                cases.add(new CaseOutcome("case-for-" + id.toLowerCase(), List.of(id), verdict,
                        verdict == Verdict.PASSED ? "" : verdict == Verdict.NOT_REACHED ? "XFER-UP-01" : id, s != 5));
            }
            rows.add(new ClassGrades.Row(names[s], 40 + s * 5, 100, s % 4, new int[3][2], Map.of(),
                    s == 5 ? 2 : 1, s == 5 ? "never started: the launch command could not be run" : "", cases));
        }
        Path page = dir.resolve("grades.html");
        Files.writeString(page, GradesPage.html(rows, run(all), CATALOGUE));
        for (int width : new int[] {1024, 1280}) {
            HeadlessChromium.Layout layout = chromium.measure(page, width);
            assertThat(layout.fits()).as("at %d px: %s", width, layout).isTrue();
            chromium.screenshot(page, width, Path.of("target/screenshots/grades-" + width + ".png"));
        }
    }

    /** The HTML of one cell of the grid, found by its tooltip. */
    private static String cell(String html, String student, String requirement) {
        Matcher m = Pattern.compile("<td class=\"c [^\"]*\" data-key=\"\\d\" title=\"" + student + ", " + requirement
                + ": [^\"]*\">.*?</td>").matcher(html);
        assertThat(m.find()).as("a cell for %s, %s", student, requirement).isTrue();
        return m.group();
    }

    private static ClassRun run(List<String> requirements) {
        return new ClassRun("server", "xfer-conformance 0.1", 4242, Instant.parse("2024-03-05T14:07:30Z"),
                "the built-in defaults", List.of(new ClassRun.StagePoints(1, 60, List.of("level-1")),
                new ClassRun.StagePoints(2, 40, List.of("XFER-NAME", "XFER-STORE"))), requirements);
    }

    private static ClassGrades.Row row(String name, CaseOutcome... failures) {
        List<CaseOutcome> cases = new ArrayList<>(List.of(pass("XFER-UP-01", "small-upload-is-stored")));
        cases.addAll(List.of(failures));
        List<String> covered = cases.stream().flatMap(c -> c.requirements().stream()).toList();
        if (!name.equals("carol")) {
            for (String id : List.of("XFER-NAME-02", "XFER-STORE-04")) {
                if (!covered.contains(id)) {
                    cases.add(pass(id, "case-" + id));
                }
            }
        }
        return new ClassGrades.Row(name, 50, 100, 1, new int[3][2], Map.of(), 1, "", cases);
    }

    private static CaseOutcome fail(String id, String caseId) {
        return new CaseOutcome(caseId, List.of(id), Verdict.FAILED, id, true);
    }

    private static CaseOutcome pass(String id, String caseId) {
        return new CaseOutcome(caseId, List.of(id), Verdict.PASSED, "", true);
    }
}
