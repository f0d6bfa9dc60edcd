package xferlab.conformance.grade;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import xferlab.conformance.text.Html;
import xferlab.spec.Catalogue;

/**
 * {@code grades.html}, for instructors: how the class was graded; a grid of students
 * by requirements, sortable, each failing cell linking to the case in that student's
 * {@code report.html}, with the number failing each requirement below it; then what
 * to re-teach (each requirement with the students who fail it, most failed first). One page, no external files; the grid scrolls
 * in its own box, so the page itself never scrolls sideways.
 */
public final class GradesPage {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private static final String STYLE = "body{font-family:system-ui,sans-serif;margin:1.5em auto;max-width:80em;"
            + "padding:0 1em;line-height:1.4}h1{font-size:1.6em}h2{font-size:1.25em;margin-top:1.6em}"
            + "dl.run{display:grid;grid-template-columns:max-content 1fr;gap:.2em 1em}dl.run dt{font-weight:bold}"
            + "dl.run dd{margin:0;overflow-wrap:anywhere}dl.run ul{margin:0;padding-left:1.2em}"
            + "small{color:#555}table{border-collapse:collapse}"
            + "td,th{border:1px solid #ccc;padding:.3em .5em;text-align:left;vertical-align:top}"
            + "th{background:#f4f4f4}table.reteach{width:100%;table-layout:fixed}"
            + "table.reteach td,table.reteach th{overflow-wrap:anywhere}"
            + "table.reteach col.id{width:9em}table.reteach col.n{width:7.5em}table.reteach col.who{width:30%}"
            + ".legend{display:flex;flex-wrap:wrap;gap:.4em 1.2em;padding:0;list-style:none}"
            + ".legend span{display:inline-block;width:1.6em;text-align:center;border:1px solid #ccc;"
            + "margin-right:.3em}"
            // The grid alone scrolls sideways; the student column stays in view while it does.
            + "div.scroll{overflow:auto;width:fit-content;max-width:100%;max-height:80vh;border:1px solid #ccc}"
            + "table.grid{font-size:90%}table.grid td,table.grid th{padding:.2em .4em}"
            + "table.grid thead th{position:sticky;top:0;z-index:1;vertical-align:bottom}"
            + "table.grid .student{position:sticky;left:0;z-index:2;background:#fff;min-width:8em;max-width:12em;"
            + "overflow-wrap:break-word;box-shadow:1px 0 0 #ccc}"
            + "table.grid thead th.student{z-index:3;background:#f4f4f4}"
            + "table.grid tfoot th.student{background:#f4f4f4}"
            + "table.grid button{font:inherit;font-weight:bold;background:none;border:0;padding:0;cursor:pointer;"
            + "color:inherit;text-align:left}"
            + "table.grid th.req{padding:.4em .1em;width:1.7em;min-width:1.7em}"
            + "table.grid th.req button{writing-mode:vertical-rl;transform:rotate(180deg);white-space:nowrap;"
            + "font-weight:normal;font-family:ui-monospace,monospace;font-size:90%}"
            + "th[aria-sort=ascending] button::after{content:' \\25b2'}"
            + "th[aria-sort=descending] button::after{content:' \\25bc'}"
            + "table.grid td.c{text-align:center;padding:.2em 0;font-weight:bold}"
            + "td.c a{color:inherit;text-decoration:none;display:block}td.c a:hover{outline:2px solid #333}"
            + "td.n,table.grid tfoot td{text-align:right}table.grid tfoot td.c{text-align:center;color:#999}"
            + ".fail{background:#f9d0d0;color:#8b0000}.warn{background:#ffe7a8;color:#6b4500}"
            + ".not-reached{background:#dde3f0;color:#2c3e6b}.pass{background:#e2f3e2;color:#17692e}"
            + ".not-run{background:#fff;color:#999}.note{color:#a11}";

    private static final String SCRIPT = "function sortBy(th){var body=th.closest('table').tBodies[0],col=th.cellIndex,"
            + "up=th.getAttribute('aria-sort')!=='ascending',number=th.dataset.type==='number';"
            + "Array.from(th.parentNode.cells).forEach(function(c){c.removeAttribute('aria-sort');});"
            + "th.setAttribute('aria-sort',up?'ascending':'descending');"
            + "var rows=Array.from(body.rows);rows.sort(function(a,b){var x=a.cells[col].dataset.key,"
            + "y=b.cells[col].dataset.key,d=number?parseFloat(x)-parseFloat(y):x.localeCompare(y);"
            + "return up?d:-d;});rows.forEach(function(r){body.appendChild(r);});}";

    private GradesPage() {
    }

    public static String html(List<ClassGrades.Row> rows, ClassRun run, Catalogue catalogue) {
        List<Map<String, Cell>> cells = rows.stream().map(ClassGrades.Row::cells).toList();
        StringBuilder out = new StringBuilder();
        String title = "XFER " + run.suite() + " suite: class grades";
        out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
                .append(Html.text(title)).append("</title>\n<style>").append(STYLE).append("</style>\n<script>")
                .append(SCRIPT).append("</script></head><body>\n<h1>").append(Html.text(title)).append("</h1>\n");
        header(rows, run, out);
        grid(rows, cells, run, catalogue, out);
        reteach(rows, cells, run, catalogue, out);
        notes(rows, out);
        out.append("</body></html>\n");
        return out.toString();
    }

    private static void header(List<ClassGrades.Row> rows, ClassRun run, StringBuilder out) {
        double total = rows.stream().mapToDouble(ClassGrades.Row::maxScore).max().orElse(0);
        out.append("<dl class=\"run\">\n<dt>Date</dt><dd>").append(DATE.format(run.date())).append("</dd>\n")
                .append("<dt>Suite</dt><dd>").append(Html.text(run.version())).append(", ")
                .append(Html.text(run.suite())).append(" suite, ").append(rows.size())
                .append(rows.size() == 1 ? " submission" : " submissions").append("</dd>\n")
                .append("<dt>Seed</dt><dd><code>").append(run.seed()).append("</code> (every submission ran with it)</dd>\n")
                .append("<dt>Weights</dt><dd>").append(Html.text(run.weights())).append(", out of ")
                .append(Grade.format(total)).append(" points");
        if (!run.stages().isEmpty()) {
            out.append("<ul>");
            for (ClassRun.StagePoints stage : run.stages()) {
                out.append("<li>Stage ").append(stage.number()).append(": ").append(Grade.format(stage.points()))
                        .append(" points <small>(").append(Html.text(String.join(", ", stage.covers())))
                        .append(")</small></li>");
            }
            out.append("</ul>");
        }
        out.append("</dd>\n</dl>\n");
    }

    /** Per requirement, who fails it, most failed first: what to go over again in class. */
    private static void reteach(List<ClassGrades.Row> rows, List<Map<String, Cell>> cells, ClassRun run,
                                Catalogue catalogue, StringBuilder out) {
        out.append("<h2 id=\"reteach\">What to re-teach</h2>\n");
        List<String> missed = new ArrayList<>(run.requirements().stream()
                .filter(id -> count(cells, id, Standing.FAIL) + count(cells, id, Standing.WARN) > 0).toList());
        if (missed.isEmpty()) {
            out.append("<p>No submission fails or misses any requirement checked.</p>\n");
            return;
        }
        // Stable: requirements failed by as many students stay in the spec's order.
        missed.sort(Comparator.comparingLong((String id) -> -count(cells, id, Standing.FAIL))
                .thenComparingLong(id -> -count(cells, id, Standing.WARN)));
        out.append("<p>Each requirement some submission fails (or, for a SHOULD, misses), the most failed first. ")
                .append("A name links to the case in that student's report.</p>\n")
                .append("<table class=\"reteach\"><colgroup><col class=\"id\"><col class=\"n\"><col class=\"who\">")
                .append("<col></colgroup>\n<tr><th>Requirement</th><th>Students</th><th>Who</th>")
                .append("<th>What it says</th></tr>\n");
        for (String id : missed) {
            long failing = count(cells, id, Standing.FAIL);
            long warned = count(cells, id, Standing.WARN);
            out.append("<tr><td><code>").append(Html.text(id)).append("</code></td><td>");
            if (failing > 0) {
                out.append("<span class=\"fail\">").append(failing).append(" of ").append(rows.size())
                        .append(" fail</span>");
            }
            if (warned > 0) {
                out.append(failing > 0 ? "<br>" : "").append("<span class=\"warn\">").append(warned)
                        .append(" of ").append(rows.size()).append(" warned</span>");
            }
            out.append("</td><td>");
            List<String> who = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                Cell cell = cells.get(i).get(id);
                if (cell != null && (cell.standing() == Standing.FAIL || cell.standing() == Standing.WARN)) {
                    who.add("<a href=\"" + caseLink(rows.get(i), cell) + "\">" + Html.text(rows.get(i).name())
                            + "</a>" + (cell.standing() == Standing.WARN ? " (warned)" : ""));
                }
            }
            out.append(String.join(", ", who)).append("</td><td>")
                    .append(catalogue.find(id).map(r -> Html.text(r.plainSentence())).orElse(""))
                    .append("</td></tr>\n");
        }
        out.append("</table>\n");
    }

    private static void grid(List<ClassGrades.Row> rows, List<Map<String, Cell>> cells, ClassRun run,
                             Catalogue catalogue, StringBuilder out) {
        out.append("<h2 id=\"grid\">Students and requirements</h2>\n<ul class=\"legend\">");
        for (Standing standing : Standing.values()) {
            out.append("<li><span class=\"").append(standing.css()).append("\">").append(standing.symbol())
                    .append("</span>").append(legend(standing)).append("</li>");
        }
        out.append("</ul>\n<p>Click a heading to sort by it (a requirement's heading puts its failures first); "
                + "click a cell to open that case in the student's report. The last row counts the students "
                + "failing each requirement.</p>\n");
        out.append("<div class=\"scroll\"><table class=\"grid\">\n<thead><tr>")
                .append("<th class=\"student\" data-type=\"text\"><button type=\"button\" onclick=\"sortBy(this.parentNode)\">")
                .append("Student</button></th>")
                .append(sortable("Score", "number")).append(sortable("Level", "number"));
        for (String id : run.requirements()) {
            String sentence = catalogue.find(id).map(r -> id + ": " + r.plainSentence()).orElse(id);
            out.append("<th class=\"req\" data-type=\"number\" title=\"").append(Html.text(sentence))
                    .append("\"><button type=\"button\" onclick=\"sortBy(this.parentNode)\">")
                    .append(Html.text(id)).append("</button></th>");
        }
        out.append("</tr></thead>\n<tbody>\n");
        for (int i = 0; i < rows.size(); i++) {
            ClassGrades.Row row = rows.get(i);
            out.append("<tr><th class=\"student\" data-key=\"").append(Html.text(row.name())).append("\"><a href=\"")
                    .append(Html.text(row.name())).append("/report.html\">").append(Html.text(row.name()))
                    .append("</a>");
            if (!row.note().isEmpty()) {
                out.append(" <a class=\"note\" href=\"#note-").append(Html.text(row.name())).append("\" title=\"")
                        .append(Html.text(row.note())).append("\">(note)</a>");
            }
            out.append("</th><td class=\"n\" data-key=\"").append(Grade.format(row.score())).append("\">")
                    .append(Grade.format(row.score())).append("</td><td class=\"n\" data-key=\"")
                    .append(row.levelReached()).append("\">").append(row.levelReached()).append("</td>");
            for (String id : run.requirements()) {
                out.append(cell(row, id, cells.get(i).getOrDefault(id, Cell.NOT_RUN)));
            }
            out.append("</tr>\n");
        }
        out.append("</tbody>\n<tfoot><tr><th class=\"student\">Failing</th><td></td><td></td>");
        for (String id : run.requirements()) {
            long failing = count(cells, id, Standing.FAIL);
            // Redder as more of the class fails it: the columns to re-teach stand out.
            double share = rows.isEmpty() ? 0 : (double) failing / rows.size();
            out.append("<td class=\"c\" title=\"").append(Html.text(id)).append(": ").append(failing).append(" of ")
                    .append(rows.size()).append(" students fail it\"");
            if (failing > 0) {
                out.append(String.format(Locale.ROOT, " style=\"background:rgba(200,30,30,%.2f);color:%s\"",
                        0.15 + 0.75 * share, share > 0.5 ? "#fff" : "#8b0000"));
            }
            out.append('>').append(failing).append("</td>");
        }
        out.append("</tr></tfoot>\n</table></div>\n");
    }

    private static String sortable(String label, String type) {
        return "<th data-type=\"" + type
                + "\"><button type=\"button\" onclick=\"sortBy(this.parentNode)\">" + label + "</button></th>";
    }

    private static String cell(ClassGrades.Row row, String id, Cell cell) {
        Standing standing = cell.standing();
        String what = row.name() + ", " + id + ": " + standing.word()
                + (cell.caseId().isEmpty() ? "" : " (" + cell.caseId()
                + (cell.verdict() == xferlab.conformance.report.Verdict.TIMED_OUT ? ", timed out" : "") + ")");
        StringBuilder out = new StringBuilder("<td class=\"c ").append(standing.css()).append("\" data-key=\"")
                .append(standing.ordinal()).append("\" title=\"").append(Html.text(what)).append("\">");
        // Failures, warnings and blocked cases have their details in the student's report; a pass has none.
        if (!cell.caseId().isEmpty() && standing != Standing.PASS && standing != Standing.NOT_RUN) {
            out.append("<a href=\"").append(caseLink(row, cell)).append("\" aria-label=\"").append(Html.text(what))
                    .append("\">").append(standing.symbol()).append("</a>");
        } else {
            out.append(standing.symbol());
        }
        return out.append("</td>").toString();
    }

    /** The case's heading in the student's report.html: HtmlReport gives each failure and warning an id. */
    private static String caseLink(ClassGrades.Row row, Cell cell) {
        return Html.text(row.name()) + "/report.html#" + Html.text(cell.caseId());
    }

    private static String legend(Standing standing) {
        return switch (standing) {
            case FAIL -> "fail (or timed out)";
            case WARN -> "warn: a SHOULD missed";
            case NOT_REACHED -> "not reached: blocked by another requirement";
            case PASS -> "pass";
            case NOT_RUN -> "not run";
        };
    }

    private static void notes(List<ClassGrades.Row> rows, StringBuilder out) {
        List<ClassGrades.Row> noted = rows.stream().filter(r -> !r.note().isEmpty()).toList();
        if (noted.isEmpty()) {
            return;
        }
        out.append("<h2>Runs that went wrong</h2>\n<ul>\n");
        for (ClassGrades.Row row : noted) {
            out.append("<li id=\"note-").append(Html.text(row.name())).append("\"><strong>")
                    .append(Html.text(row.name())).append("</strong>: <span class=\"note\">")
                    .append(Html.text(row.note())).append("</span></li>\n");
        }
        out.append("</ul>\n");
    }

    private static long count(List<Map<String, Cell>> cells, String id, Standing standing) {
        return cells.stream().filter(c -> c.containsKey(id) && c.get(id).standing() == standing).count();
    }
}
