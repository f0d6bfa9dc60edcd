package xferlab.conformance.grade;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import xferlab.conformance.text.Csv;
import xferlab.spec.Catalogue;
import xferlab.spec.Requirement;

/**
 * One row per submission of a class run, and the table as CSV for a spreadsheet
 * or a grade book: the totals, then one column per requirement. The page to read
 * is {@link GradesPage}.
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
     * @param cases       each case of the run, as its summary.json tells it (empty if the run wrote none)
     */
    public record Row(String name, double score, double maxScore, int levelReached, int[][] levels,
                      Map<String, Long> counts, int exit, String note, List<CaseOutcome> cases) {

        /** The submission's standing on each requirement its cases speak of. */
        public Map<String, Cell> cells() {
            return Cell.byRequirement(cases);
        }

        /** Its standing on one requirement: not run when no case of its run spoke of it. */
        public Cell cell(String requirement) {
            return cells().getOrDefault(requirement, Cell.NOT_RUN);
        }
    }

    static final List<String> VERDICTS = List.of("passed", "failed", "timed_out", "harness_error", "skipped");

    /**
     * The grid's columns: the requirements the run set out to check, and any other a
     * failure cited, in the spec's order.
     */
    public static List<String> requirements(List<Row> rows, Collection<String> planned, Catalogue catalogue) {
        Set<String> ids = new LinkedHashSet<>(planned);
        rows.forEach(row -> ids.addAll(row.cells().keySet()));
        List<String> ordered = new ArrayList<>();
        for (Requirement requirement : catalogue.all()) {
            if (ids.remove(requirement.id())) {
                ordered.add(requirement.id());
            }
        }
        ordered.addAll(ids); // an ID the catalogue lacks still gets its column, last
        return ordered;
    }

    /** One row per submission; after the totals, one column per requirement (pass, fail, warn, not-reached, not-run). */
    public static String csv(List<Row> rows, List<String> requirements) {
        StringBuilder out = new StringBuilder("student,score,max_score,level_reached,level_1,level_2,level_3,"
                + String.join(",", VERDICTS) + ",exit,note");
        requirements.forEach(id -> out.append(',').append(Csv.field(id)));
        out.append('\n');
        for (Row row : rows) {
            out.append(Csv.field(row.name())).append(',').append(Grade.format(row.score())).append(',')
                    .append(Grade.format(row.maxScore())).append(',').append(row.levelReached());
            for (int[] level : row.levels()) {
                out.append(',').append(level[1] == 0 ? "" : level[0] + "/" + level[1]);
            }
            for (String verdict : VERDICTS) {
                out.append(',').append(row.counts().getOrDefault(verdict, 0L));
            }
            out.append(',').append(row.exit()).append(',').append(Csv.field(row.note()));
            Map<String, Cell> cells = row.cells();
            for (String id : requirements) {
                out.append(',').append(cells.getOrDefault(id, Cell.NOT_RUN).standing().csv());
            }
            out.append('\n');
        }
        return out.toString();
    }
}
