package xferlab.conformance.grade;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import xferlab.conformance.report.Verdict;

/**
 * One cell of the class grid: a submission's standing on a requirement, and the
 * case to read about it.
 *
 * @param standing how the submission stands
 * @param caseId   the case that decided it (a failing cell links to it), or empty
 * @param verdict  that case's verdict, for the cell's tooltip ("timed out"), or null
 */
public record Cell(Standing standing, String caseId, Verdict verdict) {

    static final Cell NOT_RUN = new Cell(Standing.NOT_RUN, "", null);

    /**
     * Each requirement's cell for one submission: its worst standing over the cases
     * that speak of it, the first such case deciding. A failure is charged to the
     * requirement it cites, not to the other requirements of its case, which it never
     * got to judge; a requirement that only such cases cover was not reached.
     */
    public static Map<String, Cell> byRequirement(List<CaseOutcome> cases) {
        Map<String, Cell> cells = new LinkedHashMap<>();
        for (CaseOutcome outcome : cases) {
            for (String id : outcome.requirements()) {
                cells.putIfAbsent(id, new Cell(Standing.NOT_REACHED, outcome.caseId(), outcome.verdict()));
            }
        }
        // Not reached only from cases' own verdicts; the placeholders above are replaced by any evidence.
        Map<String, Cell> decided = new LinkedHashMap<>();
        for (CaseOutcome outcome : cases) {
            standings(outcome).forEach((id, standing) -> {
                Cell cell = new Cell(standing, outcome.caseId(), outcome.verdict());
                Cell current = decided.get(id);
                if (current == null || standing.worseThan(current.standing())) {
                    decided.put(id, cell);
                }
            });
        }
        cells.putAll(decided);
        return cells;
    }

    /** What one case says about each requirement it speaks of. */
    private static Map<String, Standing> standings(CaseOutcome outcome) {
        Map<String, Standing> out = new LinkedHashMap<>();
        List<String> own = outcome.requirements();
        if (!outcome.ran()) {
            own.forEach(id -> out.put(id, Standing.NOT_RUN));
            return out;
        }
        String cited = outcome.cited() == null ? "" : outcome.cited();
        switch (outcome.verdict()) {
            case PASSED -> own.forEach(id -> out.put(id, Standing.PASS));
            case FAILED, TIMED_OUT -> {
                if (cited.isEmpty()) {
                    own.forEach(id -> out.put(id, Standing.FAIL));
                } else {
                    out.put(cited, Standing.FAIL);
                }
            }
            case WARNED -> {
                // A warning means the case's MUSTs held: only the SHOULD it cites was missed.
                own.forEach(id -> out.put(id, Standing.PASS));
                if (!cited.isEmpty() || !own.isEmpty()) {
                    out.put(cited.isEmpty() ? own.get(0) : cited, Standing.WARN);
                }
            }
            // The blocking requirement is charged by the cases that own it, not here.
            case NOT_REACHED -> own.forEach(id -> out.put(id, Standing.NOT_REACHED));
            case HARNESS_ERROR, SKIPPED -> own.forEach(id -> out.put(id, Standing.NOT_RUN));
        }
        return out;
    }
}
