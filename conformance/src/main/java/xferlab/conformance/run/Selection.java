package xferlab.conformance.run;

import java.util.List;
import java.util.Set;

/**
 * Which cases to run.
 *
 * @param maxLevel run cases of levels 1 to this
 * @param only     case names, requirement IDs, or groups of IDs such as {@code XFER-LINE}; empty means all
 * @param skip     the same kinds of names, for cases to leave out even when {@code only} takes them
 */
public record Selection(int maxLevel, Set<String> only, Set<String> skip) {

    public Selection(int maxLevel, Set<String> only) {
        this(maxLevel, only, Set.of());
    }

    public static Selection all() {
        return new Selection(3, Set.of());
    }

    public boolean includes(String caseId, int level, List<String> requirements) {
        if (level > maxLevel || names(skip, caseId, requirements)) {
            return false;
        }
        return only.isEmpty() || names(only, caseId, requirements);
    }

    /** Whether a set of names names this case: by its name, a requirement it checks, or that requirement's group. */
    private static boolean names(Set<String> names, String caseId, List<String> requirements) {
        return names.contains(caseId)
                || requirements.stream().anyMatch(id -> names.contains(id) || names.contains(group(id)));
    }

    /** {@code XFER-LINE-03} belongs to the group {@code XFER-LINE}. */
    public static String group(String requirementId) {
        return requirementId.substring(0, requirementId.lastIndexOf('-'));
    }
}
