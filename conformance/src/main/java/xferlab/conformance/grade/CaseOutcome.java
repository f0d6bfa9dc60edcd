package xferlab.conformance.grade;

import java.util.List;

import xferlab.conformance.report.Verdict;

/**
 * What class mode reads back of one case of a submission's run (its
 * {@code summary.json}): enough to place the case in the class grid and link to it.
 *
 * @param caseId       the case's name, also its anchor in the submission's {@code report.html}
 * @param requirements the requirement IDs the case covers
 * @param verdict      how it ended
 * @param cited        the requirement a failure or warning cites, or empty
 * @param ran          false when the suite never got to run it (the submission did not start)
 */
public record CaseOutcome(String caseId, List<String> requirements, Verdict verdict, String cited, boolean ran) {
}
