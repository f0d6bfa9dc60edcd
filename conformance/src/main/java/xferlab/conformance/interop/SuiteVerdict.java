package xferlab.conformance.interop;

import java.nio.file.Path;

/**
 * How one implementation did in its own suite (the server suite for a server, the
 * client suite for a client), at the level the matrix asked for.
 *
 * @param side        which suite
 * @param name        the implementation
 * @param passed      whether every selected case passed
 * @param requirement the first requirement it fails (the lowest level first), or empty
 * @param caseId      the case that fails it, or empty
 * @param what        the requirement's sentence and what the case saw, or why the suite could not judge
 * @param report      the suite's report.html, or null when the suite wrote none
 */
record SuiteVerdict(Side side, String name, boolean passed, String requirement, String caseId, String what,
                    Path report) {

    /** One line: "passes its server suite (level 1)" or "fails XFER-UP-02 in its server suite (...)". */
    String describe(int level) {
        String suite = "its " + side.word() + " suite (level 1" + (level > 1 ? " to " + level : "") + ")";
        if (passed) {
            return "passes " + suite;
        }
        if (requirement.isEmpty()) {
            return "fails " + suite + ": " + what;
        }
        return "fails " + requirement + " in " + suite + ", case " + caseId + ": " + what;
    }
}
