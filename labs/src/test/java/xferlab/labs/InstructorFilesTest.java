package xferlab.labs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import xferlab.conformance.report.JsonReader;

/**
 * The files in {@code labs/instructor/} do what the instructors' sheet says, run
 * here the way the grading platforms run them, with the Python skeleton as the
 * submission and the stage-1 options (it fails one stage-1 case, so a score below
 * full marks shows that a failure reaches the grade).
 */
class InstructorFilesTest {
    private static final Path INSTRUCTOR = Sheets.labs().resolve("instructor");
    private static final String FAILED_CASE = "replies-end-with-bare-lf";

    @Test
    @Timeout(120)
    void theGradescopeAutograderLeavesResultsWhereGradescopeReadsThem(@TempDir Path temp) throws Exception {
        Path zip = temp.resolve("autograder.zip");
        Process make = new ProcessBuilder("bash", INSTRUCTOR.resolve("gradescope/make-autograder.sh").toString(),
                "--jar", jar().toString(), "--options", "--level 1 --seed 5", "--out", zip.toString())
                .redirectErrorStream(true).start();
        assertThat(make.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(make.exitValue()).as(new String(make.getInputStream().readAllBytes())).isZero();

        // Unpack as Gradescope does: the zip into /autograder/source, the submission into /autograder/submission.
        Path root = temp.resolve("autograder");
        Path source = Files.createDirectories(root.resolve("source"));
        try (ZipFile entries = new ZipFile(zip.toFile())) {
            assertThat(entries.stream().map(e -> e.getName()))
                    .containsExactlyInAnyOrder("setup.sh", "run_autograder", "xfer-conformance.jar", "options.txt");
            for (var entry : java.util.Collections.list(entries.entries())) {
                Files.copy(entries.getInputStream(entry), source.resolve(entry.getName()));
            }
        }
        Path submission = Files.createDirectories(root.resolve("submission"));
        Files.copy(Sheets.skeletons().resolve("python/server.py"), submission.resolve("server.py"));

        ProcessBuilder run = new ProcessBuilder("bash", source.resolve("run_autograder").toString())
                .redirectErrorStream(true).redirectOutput(temp.resolve("console.txt").toFile());
        run.environment().put("AUTOGRADER_ROOT", root.toString());
        Process autograder = run.start();
        assertThat(autograder.waitFor(100, TimeUnit.SECONDS)).as("the autograder ends").isTrue();
        String console = Files.readString(temp.resolve("console.txt"));

        Map<String, Object> results = json(root.resolve("results/results.json"), console);
        double score = ((Number) results.get("score")).doubleValue();
        assertThat(score).as(console).isGreaterThan(0).isLessThan(100);
        assertThat(tests(results)).as("level 1 only").hasSizeLessThan(12)
                .anySatisfy(t -> {
                    assertThat((String) t.get("name")).startsWith(FAILED_CASE + " ");
                    assertThat(t.get("status")).isEqualTo("failed");
                });
    }

    @Test
    @Timeout(120)
    void theClassroomWorkflowsSuiteStepHandsTheResultToTheReporter(@TempDir Path temp) throws Exception {
        String workflow = Files.readString(INSTRUCTOR.resolve("github-classroom/classroom.yml"));
        assertThat(workflow).contains("classroom-resources/autograding-grading-reporter@v1",
                "XFER_RESULTS: \"${{ steps.xfer.outputs.result }}\"", "runners: xfer");

        // The student's repository, as the workflow's checkout leaves it.
        Path repo = Files.createDirectories(temp.resolve("repo"));
        Files.createDirectories(repo.resolve(".xfer"));
        Files.copy(jar(), repo.resolve(".xfer/xfer-conformance.jar"));
        Files.copy(Sheets.skeletons().resolve("python/server.py"), repo.resolve("server.py"));
        Path outputs = temp.resolve("github-output");
        Files.writeString(outputs, "");

        ProcessBuilder step = new ProcessBuilder("bash", "-e", "-c", runBlock(workflow, "xfer"))
                .directory(repo.toFile()).redirectErrorStream(true).redirectOutput(temp.resolve("console.txt").toFile());
        step.environment().put("XFER_LAUNCH", env(workflow, "XFER_LAUNCH"));
        step.environment().put("XFER_OPTIONS", "--level 1 --seed 5");
        step.environment().put("GITHUB_OUTPUT", outputs.toString());
        Process process = step.start();
        assertThat(process.waitFor(100, TimeUnit.SECONDS)).as("the step ends").isTrue();
        String console = Files.readString(temp.resolve("console.txt"));
        assertThat(process.exitValue()).as("a failing case does not fail the step\n" + console).isZero();

        String line = Files.readString(outputs).strip();
        assertThat(line).as(console).startsWith("result=");
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) JsonReader.parse(new String(
                Base64.getDecoder().decode(line.substring("result=".length())), StandardCharsets.UTF_8));
        assertThat(result.get("status")).isEqualTo("fail");
        assertThat(((Number) result.get("max_score")).doubleValue()).isEqualTo(100.0);
        assertThat(tests(result)).anySatisfy(t -> {
            assertThat((String) t.get("name")).startsWith(FAILED_CASE + " ");
            assertThat(t.get("status")).isEqualTo("fail");
            assertThat(((Number) t.get("score")).doubleValue()).isZero();
        });
    }

    /** The {@code run: |} block of the step with this id, as the runner would execute it. */
    static String runBlock(String workflow, String id) {
        List<String> lines = workflow.lines().toList();
        int step = lines.indexOf(lines.stream().filter(l -> l.trim().equals("id: " + id)).findFirst()
                .orElseThrow(() -> new AssertionError("no step with id " + id)));
        int run = step;
        while (!lines.get(run).trim().equals("run: |")) {
            run++;
        }
        int indent = lines.get(run + 1).indexOf(lines.get(run + 1).trim());
        List<String> block = new ArrayList<>();
        for (int i = run + 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!line.isBlank() && line.indexOf(line.trim()) < indent) {
                break;
            }
            block.add(line.isBlank() ? "" : line.substring(indent));
        }
        return String.join("\n", block);
    }

    static String env(String workflow, String name) {
        Matcher value = Pattern.compile("(?m)^\\s+" + name + ": \"([^\"]*)\"").matcher(workflow);
        assertThat(value.find()).as("the workflow sets " + name).isTrue();
        return value.group(1);
    }

    private static Path jar() {
        Path jar = Path.of(System.getProperty("xfer.conformance.jar"));
        assertThat(jar).as("the suite's jar (the reactor builds it first)").exists();
        return jar;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(Path file, String console) throws IOException {
        assertThat(file).as(console).exists();
        return (Map<String, Object>) JsonReader.parse(Files.readString(file));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> tests(Map<String, Object> root) {
        return (List<Map<String, Object>>) (List<?>) root.get("tests");
    }
}
