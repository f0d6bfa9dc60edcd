package xferlab.conformance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import xferlab.conformance.grade.ClassroomResult;
import xferlab.conformance.grade.GradescopeResults;
import xferlab.conformance.planted.Fault;
import xferlab.conformance.planted.PlantedServerMain;
import xferlab.conformance.report.JsonReader;

/**
 * The grading outputs, read back the way Gradescope and GitHub Classroom read
 * them. The field sets below are the published ones: Gradescope's results.json
 * specification (gradescope-autograders.readthedocs.io, "Autograder
 * Specifications") and the result a runner step hands to GitHub Classroom's
 * autograding-grading-reporter (its README and the runner actions' source).
 */
class GradingOutputTest {
    private static final List<String> GRADESCOPE_TOP = List.of("score", "execution_time", "output", "output_format",
            "test_output_format", "test_name_format", "visibility", "stdout_visibility", "extra_data", "tests",
            "leaderboard");
    private static final List<String> GRADESCOPE_TEST = List.of("score", "max_score", "status", "name", "name_format",
            "number", "output", "output_format", "tags", "visibility", "extra_data");
    private static final List<String> CLASSROOM_TOP = List.of("version", "status", "max_score", "tests");
    private static final List<String> CLASSROOM_TEST = List.of("name", "status", "score", "message", "test_code",
            "filename", "line_no", "duration", "execution_time");

    @Test
    @Timeout(90)
    void aPassingRunScoresTheTotalInBothFormats(@TempDir Path dir) throws IOException {
        CommandRun run = CommandRun.of(Duration.ofSeconds(80), "server", "--level", "1", "--seed", "2",
                "--format", "gradescope,classroom", "--report", dir.toString());
        assertThat(run.exit()).as(run.printed()).isZero();

        Map<String, Object> gradescope = gradescope(dir);
        assertThat(number(gradescope.get("score"))).isEqualTo(100.0);
        List<Map<String, Object>> tests = tests(gradescope);
        assertThat(tests).hasSize(run.summaryCount());
        assertThat(tests).allSatisfy(t -> assertThat(t.get("status")).isEqualTo("passed"));
        assertThat(tests.stream().mapToDouble(t -> number(t.get("max_score"))).sum()).isCloseTo(100.0, within());

        Map<String, Object> classroom = classroom(dir);
        assertThat(classroom.get("status")).isEqualTo("pass");
        assertThat(number(classroom.get("max_score"))).isEqualTo(100.0);
        assertThat(tests(classroom).stream().mapToDouble(t -> number(t.get("score"))).sum()).isCloseTo(100.0, within());
        assertThat(run.out()).contains("(Gradescope: Points 100/100)").contains("(GitHub Classroom: Points 100/100)");
    }

    @Test
    @Timeout(120)
    void aPlantedFaultScoresZeroForTheCaseThatCatchesIt(@TempDir Path dir) throws IOException {
        String caught = "name-with-slash-is-refused";
        CommandRun run = CommandRun.of(Duration.ofSeconds(110), "server", "--launch",
                PlantedServerMain.launch(Fault.PATH_TRAVERSAL), "--only", caught + ",small-upload-is-stored",
                "--seed", "2", "--format", "gradescope,classroom", "--report", dir.toString());
        assertThat(run.exit()).as(run.printed()).isEqualTo(1);

        Map<String, Object> gradescope = gradescope(dir);
        Map<String, Object> failed = test(tests(gradescope), caught);
        assertThat(failed.get("status")).isEqualTo("failed");
        assertThat(number(failed.get("score"))).isZero();
        assertThat(number(failed.get("max_score"))).isPositive();
        assertThat((String) failed.get("output")).as("the student sees why").contains("XFER-NAME-02", "rerun just this case");
        assertThat(number(test(tests(gradescope), "small-upload-is-stored").get("score"))).isPositive();
        assertThat(number(gradescope.get("score"))).isGreaterThan(0).isLessThan(100);

        Map<String, Object> classroom = classroom(dir);
        assertThat(classroom.get("status")).isEqualTo("fail");
        assertThat(test(tests(classroom), caught).get("status")).isEqualTo("fail");
        assertThat(number(test(tests(classroom), caught).get("score"))).isZero();
    }

    @Test
    @Timeout(90)
    void aServerThatNeverStartsScoresZeroNotFullMarks(@TempDir Path dir) throws IOException {
        CommandRun run = CommandRun.of(Duration.ofSeconds(80), "server", "--launch", "exit 3", "--level", "1",
                "--seed", "2", "--format", "gradescope,classroom", "--report", dir.toString());
        assertThat(run.exit()).as(run.printed()).isEqualTo(2);

        Map<String, Object> gradescope = gradescope(dir);
        assertThat(number(gradescope.get("score"))).isZero();
        assertThat(tests(gradescope)).as("every selected case is graded, and failed").isNotEmpty()
                .allSatisfy(t -> {
                    assertThat(t.get("status")).isEqualTo("failed");
                    assertThat(number(t.get("score"))).isZero();
                    assertThat((String) t.get("output")).contains("not run: the --launch command could not be started");
                });
        assertThat(tests(gradescope).stream().mapToDouble(t -> number(t.get("max_score"))).sum())
                .as("graded out of the same total as a run that started").isCloseTo(100.0, within());
        assertThat(classroom(dir).get("status")).isEqualTo("fail");
    }

    @Test
    @Timeout(90)
    void theClassroomResultIsAppendedToTheStepOutputsAsBase64(@TempDir Path dir) throws Exception {
        Path outputs = dir.resolve("github-output");
        Files.writeString(outputs, "earlier=1\n");
        Path report = dir.resolve("report");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ConformanceMain.class.getName(),
                "server", "--level", "1", "--seed", "2", "--format", "classroom", "--report", report.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("console.txt").toFile());
        builder.environment().put("GITHUB_OUTPUT", outputs.toString());
        Process process = builder.start();
        assertThat(process.waitFor(80, TimeUnit.SECONDS)).as("the run ends").isTrue();
        assertThat(process.exitValue()).as(Files.readString(dir.resolve("console.txt"))).isZero();

        List<String> lines = Files.readAllLines(outputs);
        assertThat(lines).hasSize(2).first().isEqualTo("earlier=1");
        assertThat(lines.get(1)).startsWith("result=");
        String decoded = new String(Base64.getDecoder().decode(lines.get(1).substring("result=".length())),
                StandardCharsets.UTF_8);
        assertThat(JsonReader.parse(decoded)).isEqualTo(JsonReader.parse(
                Files.readString(report.resolve("classroom-result.json"))));
    }

    @Test
    @Timeout(60)
    void weightsWithAnUnknownKeyAreAUsageError(@TempDir Path dir) throws IOException {
        Path weights = dir.resolve("weights.properties");
        Files.writeString(weights, "level.1 = 3\nkeywords.MUST = 2\n");
        CommandRun run = CommandRun.of(Duration.ofSeconds(50), "server", "--format", "gradescope",
                "--weights", weights.toString(), "--report", dir.toString());
        assertThat(run.exit()).as(run.printed()).isEqualTo(2);
        assertThat(run.err()).contains("unknown key keywords.MUST");
        assertThat(dir.resolve("results.json")).doesNotExist();
    }

    @Test
    @Timeout(60)
    void aSeverityOfZeroTakesItsCasesOutOfTheScore(@TempDir Path dir) throws IOException {
        Path weights = dir.resolve("weights.properties");
        Files.writeString(weights, "severity.XFER-UP-04 = 0\ntotal = 10\n");
        CommandRun run = CommandRun.of(Duration.ofSeconds(50), "server", "--level", "1", "--seed", "2",
                "--format", "gradescope", "--weights", weights.toString(), "--report", dir.toString());
        assertThat(run.exit()).as(run.printed()).isZero();
        List<Map<String, Object>> tests = tests(gradescope(dir));
        assertThat(number(test(tests, "empty-upload-creates-an-empty-file").get("max_score"))).isZero();
        assertThat(tests.stream().mapToDouble(t -> number(t.get("max_score"))).sum()).isCloseTo(10.0, within());
    }

    @Test
    @Timeout(30)
    void theWeightsCommandPrintsTheDefaultsAsAFileToEdit() {
        CommandRun run = CommandRun.of(Duration.ofSeconds(20), "weights");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("stage.1.share = ", "stage.1.covers = ", "severity.XFER-NAME-02 = ",
                "keyword.MUST = ", "keyword.SHOULD = ", "total = ");
        // Each stage's share of a full run, in points, as comments that keep the file loadable.
        assertThat(run.out()).containsPattern("#   server suite, stage 1: [0-9.]+ points")
                .contains("#   client suite, stage 6: 100 points");
    }

    /** Reads results.json and checks it against Gradescope's published fields and types. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> gradescope(Path dir) throws IOException {
        Map<String, Object> root = (Map<String, Object>) JsonReader.parse(Files.readString(dir.resolve("results.json")));
        assertThat(GRADESCOPE_TOP).containsAll(root.keySet());
        assertThat(GRADESCOPE_TOP).containsAll(GradescopeResults.TOP_FIELDS);
        assertThat(root.get("score")).isInstanceOf(Number.class);
        assertThat(root.get("execution_time")).isInstanceOf(Number.class);
        assertThat(root.get("visibility")).isIn("visible", "hidden", "after_due_date", "after_published");
        assertThat(root.get("stdout_visibility")).isIn("visible", "hidden", "after_due_date", "after_published");
        double sum = 0;
        for (Map<String, Object> test : tests(root)) {
            assertThat(GRADESCOPE_TEST).containsAll(test.keySet());
            assertThat(GRADESCOPE_TEST).containsAll(GradescopeResults.TEST_FIELDS);
            assertThat(test.get("name")).isInstanceOf(String.class);
            assertThat(test.get("number")).isInstanceOf(String.class);
            assertThat(test.get("status")).isIn("passed", "failed");
            assertThat(number(test.get("score"))).isBetween(0.0, number(test.get("max_score")));
            assertThat(test.get("tags")).isInstanceOf(List.class);
            sum += number(test.get("score"));
        }
        assertThat(number(root.get("score"))).as("the total is the tests' sum").isCloseTo(sum, within());
        return root;
    }

    /** Reads classroom-result.json and checks it against the grading reporter's fields and types. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> classroom(Path dir) throws IOException {
        Map<String, Object> root = (Map<String, Object>) JsonReader.parse(
                Files.readString(dir.resolve("classroom-result.json")));
        assertThat(CLASSROOM_TOP).containsAll(root.keySet());
        assertThat(CLASSROOM_TOP).containsAll(ClassroomResult.TOP_FIELDS);
        assertThat(number(root.get("version"))).isEqualTo(1.0);
        assertThat(root.get("status")).isIn("pass", "fail", "error");
        assertThat(root.get("max_score")).isInstanceOf(Number.class);
        for (Map<String, Object> test : tests(root)) {
            assertThat(CLASSROOM_TEST).containsAll(test.keySet());
            assertThat(CLASSROOM_TEST).containsAll(ClassroomResult.TEST_FIELDS);
            assertThat(test.get("status")).isIn("pass", "fail", "error");
            assertThat(test.get("score")).isInstanceOf(Number.class);
            assertThat(test.get("message")).isInstanceOf(String.class);
        }
        return root;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> tests(Map<String, Object> root) {
        List<Map<String, Object>> tests = new ArrayList<>();
        ((List<Object>) root.get("tests")).forEach(t -> tests.add((Map<String, Object>) t));
        return tests;
    }

    private static Map<String, Object> test(List<Map<String, Object>> tests, String caseId) {
        return tests.stream().filter(t -> ((String) t.get("name")).startsWith(caseId + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no test for " + caseId + " in " + tests));
    }

    private static double number(Object value) {
        return ((Number) value).doubleValue();
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(0.001);
    }
}
