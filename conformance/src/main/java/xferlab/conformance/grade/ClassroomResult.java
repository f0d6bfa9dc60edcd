package xferlab.conformance.grade;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import xferlab.conformance.report.CaseResult;
import xferlab.conformance.report.ReportFiles;
import xferlab.conformance.report.Verdict;

/**
 * Deprecated with GitHub Classroom itself: the plain workflow in
 * {@code labs/instructor/github-actions} replaces it. A grade as GitHub Classroom's autograding reads it: the JSON result a test
 * runner step hands to {@code classroom-resources/autograding-grading-reporter},
 * which sums the tests' scores into "Points X/Y". The step passes it, base64
 * encoded, as its {@code result} output.
 */
public final class ClassroomResult {
    /** The fields of a runner's result this writer uses, top level and per test. */
    public static final List<String> TOP_FIELDS = List.of("version", "status", "max_score", "tests");
    public static final List<String> TEST_FIELDS = List.of("name", "status", "score", "message", "test_code",
            "filename", "line_no", "duration");

    private ClassroomResult() {
    }

    public static String json(Grade grade) {
        return xferlab.conformance.report.Json.write(map(grade));
    }

    /** The form a workflow step's {@code result} output carries. */
    public static String base64(Grade grade) {
        String compact = json(grade).replace("\n", "");
        return Base64.getEncoder().encodeToString(compact.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The reporter gets the result through one environment variable, which holds at
     * most 128 KiB: a run with fifty failures in full would not fit. The full account
     * is in report.html.
     */
    private static String shorten(String details) {
        return details.length() <= MESSAGE ? details
                : details.substring(0, MESSAGE) + "\n[... the rest is in report.html]";
    }

    private static final int MESSAGE = 600;

    static Map<String, Object> map(Grade grade) {
        boolean error = grade.cases().stream().anyMatch(c -> c.result().verdict() == Verdict.HARNESS_ERROR);
        boolean passed = grade.cases().stream().allMatch(Grade.GradedCase::passed);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("version", 1);
        root.put("status", passed ? "pass" : error ? "error" : "fail");
        root.put("max_score", grade.maxScore());
        List<Object> tests = new ArrayList<>();
        for (Grade.GradedCase graded : grade.cases()) {
            CaseResult result = graded.result();
            Map<String, Object> test = new LinkedHashMap<>();
            test.put("name", result.caseId() + " [" + String.join(", ", result.requirements()) + "]");
            test.put("status", graded.passed() ? "pass" : result.verdict() == Verdict.HARNESS_ERROR ? "error" : "fail");
            test.put("score", graded.points());
            test.put("message", graded.passed() ? result.title() : shorten(ReportFiles.details(result)));
            test.put("test_code", result.rerun());
            test.put("filename", "");
            test.put("line_no", 0);
            test.put("duration", result.millis());
            tests.add(test);
        }
        root.put("tests", tests);
        return root;
    }
}
