package xferlab.conformance.run;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import xferlab.conformance.grade.ClassroomResult;
import xferlab.conformance.grade.Grade;
import xferlab.conformance.grade.GradescopeResults;
import xferlab.conformance.grade.Weights;
import xferlab.conformance.report.ReportFiles;
import xferlab.conformance.report.RunReport;
import xferlab.spec.Catalogue;

/**
 * The files a run leaves besides the console: the reports ({@code --report}) and the
 * grading outputs ({@code --format}), which go into the report directory, else the
 * current one.
 *
 * @param reportDir  where junit.xml, summary.json, report.html and conformance.adoc go, or null for none
 * @param specUrl    where report.html links each requirement ID
 * @param gradescope whether to write Gradescope's results.json
 * @param classroom  whether to write GitHub Classroom's classroom-result.json (and its step output)
 * @param weights    the grading weights
 */
public record Outputs(Path reportDir, String specUrl, boolean gradescope, boolean classroom, Weights weights) {

    /** Whether the run writes any file at all. */
    boolean any() {
        return reportDir != null || gradescope || classroom;
    }

    /** Hands the results to report/ and grade/, and says on {@code out} which files they became. */
    void write(RunReport report, Catalogue catalogue, PrintStream out) throws IOException {
        if (reportDir != null) {
            for (Path file : ReportFiles.write(report, reportDir, specUrl)) {
                out.println("wrote " + file);
            }
        }
        if (!gradescope && !classroom) {
            return;
        }
        Grade grade = Grade.of(report, weights, catalogue);
        Path dir = reportDir != null ? reportDir : Path.of("");
        if (!dir.toString().isEmpty()) {
            Files.createDirectories(dir);
        }
        if (gradescope) {
            Path file = dir.resolve("results.json");
            Files.writeString(file, GradescopeResults.json(grade), StandardCharsets.UTF_8);
            out.println("wrote " + file + " (Gradescope: " + points(grade) + ")");
        }
        if (classroom) {
            Path file = dir.resolve("classroom-result.json");
            Files.writeString(file, ClassroomResult.json(grade), StandardCharsets.UTF_8);
            out.println("wrote " + file + " (GitHub Classroom: " + points(grade) + ")");
            // A step's outputs are name=value lines appended to this file (GitHub Actions).
            String outputs = System.getenv("GITHUB_OUTPUT");
            if (outputs != null && !outputs.isBlank()) {
                Files.writeString(Path.of(outputs), "result=" + ClassroomResult.base64(grade) + "\n",
                        StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                out.println("appended result=... to $GITHUB_OUTPUT");
            }
        }
    }

    private static String points(Grade grade) {
        return "Points " + Grade.format(grade.score()) + "/" + Grade.format(grade.maxScore());
    }
}
