package xferlab.conformance.run;

import java.util.List;

/**
 * A case as the suite knows it before running it: enough to list it, select it,
 * weigh it for grading and show which requirements it covers.
 *
 * @param caseId       the case's name, as {@code --only} takes it
 * @param title        a sentence saying what the case checks
 * @param section      the spec section it belongs to
 * @param level        its conformance level (the highest of its requirements)
 * @param requirements the requirement IDs it covers, the cited one first
 */
public record PlannedCase(String caseId, String title, String section, int level, List<String> requirements) {
}
