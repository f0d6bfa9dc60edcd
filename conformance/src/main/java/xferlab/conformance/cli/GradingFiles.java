package xferlab.conformance.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import xferlab.conformance.grade.ClassroomResult;
import xferlab.conformance.grade.Grade;
import xferlab.conformance.grade.GradescopeResults;
import xferlab.conformance.report.RunReport;
import xferlab.spec.Catalogue;

/** Writes the grading outputs {@code --format} asks for. */
final class GradingFiles {
    private GradingFiles() {
    }

    static void write(RunReport report, RunOptions options, Catalogue catalogue, PrintStream out) throws IOException {
        if (options.formats.isEmpty()) {
            return;
        }
        Grade grade = Grade.of(report, options.weights(), catalogue);
        Path dir = options.gradingDir();
        if (!dir.toString().isEmpty()) {
            Files.createDirectories(dir);
        }
        for (RunOptions.Format format : options.formats) {
            switch (format) {
                case GRADESCOPE -> {
                    Path file = dir.resolve("results.json");
                    Files.writeString(file, GradescopeResults.json(grade), StandardCharsets.UTF_8);
                    out.println("wrote " + file + " (Gradescope: " + points(grade) + ")");
                }
                case CLASSROOM -> {
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
        }
    }

    private static String points(Grade grade) {
        return "Points " + Grade.format(grade.score()) + "/" + Grade.format(grade.maxScore());
    }
}
