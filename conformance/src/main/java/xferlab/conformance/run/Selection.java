package xferlab.conformance.run;

import java.util.Set;

/**
 * Which cases to run.
 *
 * @param maxLevel run cases of levels 1 to this
 * @param only     case names, requirement IDs, or groups of IDs such as {@code XFER-LINE}; empty means all
 */
public record Selection(int maxLevel, Set<String> only) {

    public static Selection all() {
        return new Selection(3, Set.of());
    }

    public boolean includes(String caseId, int level, java.util.List<String> requirements) {
        if (level > maxLevel) {
            return false;
        }
        return only.isEmpty() || only.contains(caseId)
                || requirements.stream().anyMatch(id -> only.contains(id) || only.contains(group(id)));
    }

    /** {@code XFER-LINE-03} belongs to the group {@code XFER-LINE}. */
    public static String group(String requirementId) {
        return requirementId.substring(0, requirementId.lastIndexOf('-'));
    }
}
