package xferlab.conformance.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * "Fix these first": the cases that did not pass, grouped by the requirement they
 * cite (a case not reached counts under the requirement that blocked it), ordered by
 * level and then by how many cases each explains. A server that exits after one
 * connection, a header that is not XFER's, or a missing LF each become one line here.
 *
 * @param requirement the requirement ID
 * @param level       its level
 * @param sentence    its sentence, as reports cite it
 * @param failed      the cases that fail (or warn) on it
 * @param blocked     the cases it kept from reaching their own check
 */
public record RootCauses(String requirement, int level, String sentence, List<String> failed, List<String> blocked) {

    /** How many cases this root cause explains. */
    public int explains() {
        return failed.size() + blocked.size();
    }

    /** The groups of a run, most fundamental first. */
    public static List<RootCauses> of(RunReport report) {
        Map<String, List<CaseResult>> byRequirement = new LinkedHashMap<>();
        for (CaseResult result : report.cases()) {
            if (result.verdict().needsDetails() && !result.cited().isEmpty()) {
                byRequirement.computeIfAbsent(result.cited(), id -> new ArrayList<>()).add(result);
            }
        }
        List<RootCauses> groups = new ArrayList<>();
        byRequirement.forEach((id, results) -> groups.add(new RootCauses(id,
                results.stream().mapToInt(CaseResult::level).min().orElse(1),
                results.get(0).sentence(),
                results.stream().filter(r -> r.verdict() != Verdict.NOT_REACHED).map(CaseResult::caseId).toList(),
                results.stream().filter(r -> r.verdict() == Verdict.NOT_REACHED).map(CaseResult::caseId).toList())));
        // What fails comes before what only warns; then the most basic level, then what explains most.
        groups.sort(Comparator.comparing((RootCauses g) -> g.warnsOnly(report)).thenComparingInt(RootCauses::level)
                .thenComparing(Comparator.comparingInt(RootCauses::explains).reversed()));
        return groups;
    }

    /** Whether every case of this group only warned (a SHOULD missed). */
    boolean warnsOnly(RunReport report) {
        return blocked.isEmpty() && report.cases().stream().filter(c -> failed.contains(c.caseId()))
                .allMatch(c -> c.verdict() == Verdict.WARNED);
    }

    /** One line for the console: the ID, what it explains, and the cases. */
    public String line() {
        StringBuilder out = new StringBuilder(requirement).append(": ");
        if (!failed.isEmpty()) {
            out.append(failed.size()).append(failed.size() == 1 ? " case fails" : " cases fail").append(" on it");
        }
        if (!blocked.isEmpty()) {
            out.append(failed.isEmpty() ? "" : ", and ").append("it keeps ").append(blocked.size())
                    .append(blocked.size() == 1 ? " case from reaching its own check" : " cases from reaching "
                            + "their own checks");
        }
        List<String> names = new ArrayList<>(failed);
        names.addAll(blocked);
        String listed = String.join(", ", names.subList(0, Math.min(3, names.size())));
        return out.append(" (").append(listed).append(names.size() > 3 ? ", ..." : "").append(")").toString();
    }
}
