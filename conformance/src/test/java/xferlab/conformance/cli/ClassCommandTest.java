package xferlab.conformance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

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
