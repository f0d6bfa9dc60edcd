package xferlab.conformance.grade;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import xferlab.conformance.report.CaseResult;
import xferlab.conformance.report.ReportFiles;

/**
 * A grade as Gradescope's autograder reads it from
 * {@code /autograder/results/results.json}: a total score, and one test per
 * case with its name, score, maximum, status and output.
 *
 * <p>Everything is visible to the student at once: the suite's output is
 * written to teach, so hiding it until after the deadline would waste it.
 */
public final class GradescopeResults {
    /** The fields of Gradescope's results.json this writer uses, top level and per test. */
    public static final List<String> TOP_FIELDS = List.of("score", "execution_time", "output", "visibility",
            "stdout_visibility", "tests");
    public static final List<String> TEST_FIELDS = List.of("score", "max_score", "status", "name", "number",
            "output", "tags", "visibility");

    /** How the suite begins each case's message when the target never ran (SuiteRun.notRun). */
    private static final String NOT_RUN = "not run: ";

    private GradescopeResults() {
    }

    public static String json(Grade grade) {
        return xferlab.conformance.report.Json.write(map(grade));
    }

    static Map<String, Object> map(Grade grade) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("score", grade.score());
        root.put("execution_time", Math.max(1, Math.round(grade.report().millis() / 1000.0)));
        String notRun = notRunReason(grade);
        root.put("output", notRun == null ? Summary.text(grade)
                : "The suite could not run your submission: " + notRun + "\n\n" + Summary.text(grade));
        root.put("visibility", "visible");
        root.put("stdout_visibility", "visible");
        List<Object> tests = new ArrayList<>();
        int number = 0;
        for (Grade.GradedCase graded : grade.cases()) {
            CaseResult result = graded.result();
            Map<String, Object> test = new LinkedHashMap<>();
            test.put("score", graded.points());
            test.put("max_score", graded.max());
            test.put("status", graded.passed() ? "passed" : "failed");
            test.put("name", result.caseId() + " [" + String.join(", ", result.requirements()) + "]");
            test.put("number", String.valueOf(++number));
            test.put("output", graded.passed() ? result.title()
                    : result.title() + "\n" + result.verdict().name().toLowerCase().replace('_', ' ') + "\n"
                    + ReportFiles.details(result));
            test.put("tags", result.requirements());
            test.put("visibility", "visible");
            tests.add(test);
        }
        root.put("tests", tests);
        return root;
    }

    /**
     * When the suite never got the submission running, every case says why in the
     * same words; the student should read that first, not a list of failures.
     *
     * @return that reason, or null if any case ran
     */
    private static String notRunReason(Grade grade) {
        List<String> messages = grade.cases().stream().map(c -> c.result().message()).distinct().toList();
        boolean noneRan = !grade.cases().isEmpty() && grade.cases().stream().noneMatch(Grade.GradedCase::passed)
                && messages.size() == 1 && messages.get(0).startsWith(NOT_RUN);
        return noneRan ? messages.get(0).substring(NOT_RUN.length()) : null;
    }
}
