package xferlab.conformance.grade;

import java.util.List;
import java.util.Map;

/**
 * One row per submission of a class run, and the table's two forms: CSV for a
 * spreadsheet or a grade book, HTML to read, each row linking to the
 * submission's own report.
 */
public final class ClassGrades {
    private ClassGrades() {
    }

    /**
     * @param name        the submission's name from the roster
     * @param score       points earned
     * @param maxScore    points possible
     * @param levelReached highest level fully passed, 0 if none
     * @param levels      per level 1-3: {passed, cases}
     * @param counts      cases per verdict: passed, failed, timed_out, harness_error, skipped
     * @param exit        the suite's exit status for this submission (-1: killed)
     * @param note        what went wrong with the run itself, if anything
     */
    public record Row(String name, double score, double maxScore, int levelReached, int[][] levels,
                      Map<String, Long> counts, int exit, String note) {
    }

    static final List<String> VERDICTS = List.of("passed", "failed", "timed_out", "harness_error", "skipped");

    public static String csv(List<Row> rows) {
        StringBuilder out = new StringBuilder("student,score,max_score,level_reached,level_1,level_2,level_3,"
                + String.join(",", VERDICTS) + ",exit,note\n");
        for (Row row : rows) {
            out.append(csvField(row.name())).append(',').append(Grade.format(row.score())).append(',')
                    .append(Grade.format(row.maxScore())).append(',').append(row.levelReached());
            for (int[] level : row.levels()) {
                out.append(',').append(level[1] == 0 ? "" : level[0] + "/" + level[1]);
            }
            for (String verdict : VERDICTS) {
                out.append(',').append(row.counts().getOrDefault(verdict, 0L));
            }
            out.append(',').append(row.exit()).append(',').append(csvField(row.note())).append('\n');
        }
        return out.toString();
    }

    public static String html(List<Row> rows, String title) {
        StringBuilder out = new StringBuilder();
        out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>")
                .append(escape(title)).append("</title>\n<style>\n")
                .append("body{font-family:system-ui,sans-serif;margin:2em;max-width:80em}")
                .append("table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left}")
                .append("th{background:#f4f4f4}td.n{text-align:right}.note{color:#a11}")
                .append("\n</style></head><body>\n<h1>").append(escape(title)).append("</h1>\n");
        out.append("<table><tr><th>Student</th><th>Score</th><th>Level reached</th><th>Level 1</th><th>Level 2</th>"
                + "<th>Level 3</th><th>Failed</th><th>Timed out</th><th>Harness errors</th><th>Note</th></tr>\n");
        for (Row row : rows) {
            out.append("<tr><td><a href=\"").append(escape(row.name())).append("/report.html\">")
                    .append(escape(row.name())).append("</a></td><td class=\"n\">")
                    .append(Grade.format(row.score())).append(" / ").append(Grade.format(row.maxScore()))
                    .append("</td><td class=\"n\">").append(row.levelReached()).append("</td>");
            for (int[] level : row.levels()) {
                out.append("<td class=\"n\">").append(level[1] == 0 ? "" : level[0] + " / " + level[1]).append("</td>");
            }
            for (String verdict : List.of("failed", "timed_out", "harness_error")) {
                out.append("<td class=\"n\">").append(row.counts().getOrDefault(verdict, 0L)).append("</td>");
            }
            out.append("<td class=\"note\">").append(escape(row.note())).append("</td></tr>\n");
        }
        out.append("</table>\n</body></html>\n");
        return out.toString();
    }

    private static String csvField(String text) {
        return xferlab.conformance.text.Csv.field(text);
    }

    private static String escape(String text) {
        return xferlab.conformance.text.Html.text(text);
    }
}
