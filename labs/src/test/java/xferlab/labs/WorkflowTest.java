package xferlab.labs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plain GitHub Actions workflow for instructors ({@code labs/instructor/github-actions/xfer.yml})
 * runs its suite step as the Actions runner would: in a checked-out repository, with
 * the workflow's environment and a {@code GITHUB_STEP_SUMMARY} file, under
 * {@code bash -e}. The step fails the check when the suite fails, writes the job
 * summary, and leaves the reports for the artifact step.
 */
class WorkflowTest {
    private static final Path WORKFLOW = Sheets.labs().resolve("instructor/github-actions/xfer.yml");

    @Test
    @Timeout(150)
    void theSuiteStepWritesTheJobSummaryAndFailsTheCheckOnAFailure(@TempDir Path temp) throws Exception {
        String workflow = Files.readString(WORKFLOW);
        assertThat(workflow).contains("actions/upload-artifact@v4", "path: xfer-results/", "GITHUB_STEP_SUMMARY")
                .doesNotContain("classroom");
        Path repo = Files.createDirectories(temp.resolve("repo"));
        Files.createDirectories(repo.resolve(".xfer"));
        Files.copy(jar(), repo.resolve(".xfer/xfer-conformance.jar"));
        Files.copy(Sheets.skeletons().resolve("python/server.py"), repo.resolve("server.py"));
        Path summary = temp.resolve("step-summary.md");
        Files.writeString(summary, "");

        ProcessBuilder step = new ProcessBuilder("bash", "-e", "-c", InstructorFilesTest.runBlock(workflow, "xfer"))
                .directory(repo.toFile()).redirectErrorStream(true).redirectOutput(temp.resolve("console.txt").toFile());
        step.environment().put("XFER_SUITE", InstructorFilesTest.env(workflow, "XFER_SUITE"));
        step.environment().put("XFER_LAUNCH", InstructorFilesTest.env(workflow, "XFER_LAUNCH"));
        step.environment().put("XFER_OPTIONS", "--level 1 --seed 5");
        step.environment().put("GITHUB_STEP_SUMMARY", summary.toString());
        Process process = step.start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the step ends").isTrue();
        String console = Files.readString(temp.resolve("console.txt"));
        assertThat(process.exitValue()).as("the skeleton fails a level-1 case, so the check fails\n" + console)
                .isEqualTo(1);
        assertThat(Files.readString(summary)).as(console)
                .contains("## XFER conformance: server suite", "RESULT: FAIL", "### Fix these first",
                        "`replies-end-with-bare-lf`");
        for (String report : new String[] {"report.html", "junit.xml", "results.json", "summary.md"}) {
            assertThat(repo.resolve("xfer-results").resolve(report)).as("kept for the artifact step").exists();
        }
    }

    private static Path jar() {
        Path jar = Path.of(System.getProperty("xfer.conformance.jar"));
        assertThat(jar).as("the suite's jar (the reactor builds it first)").exists();
        return jar;
    }
}
