package xferlab.conformance.report;

/** How a case ended. Kept apart so a student knows whom to blame, and what to fix first. */
public enum Verdict {
    /** The implementation met every requirement the case checks. */
    PASSED("ok"),
    /** The implementation broke a MUST the case owns. */
    FAILED("FAIL"),
    /** The implementation missed a SHOULD the case owns: reported apart, and not a failure unless --strict. */
    WARNED("WARN"),
    /** The case could not reach its own check: another requirement, named in the result, blocked it. */
    NOT_REACHED("----"),
    /** The implementation gave no answer within the bound. */
    TIMED_OUT("TIME"),
    /** The suite itself, or the launch, went wrong: not the implementation's fault. */
    HARNESS_ERROR("ERR"),
    /** The case could not run against this target (for example: needs --dir). */
    SKIPPED("skip");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    /** A short word for the console. */
    public String label() {
        return label;
    }

    /** Whether this verdict makes the run fail (exit status 1); a warning does only under --strict. */
    public boolean isFailure() {
        return this == FAILED || this == TIMED_OUT || this == HARNESS_ERROR || this == NOT_REACHED;
    }

    /** Whether a report shows the case's details: every verdict but a pass and a skip. */
    public boolean needsDetails() {
        return isFailure() || this == WARNED;
    }

    /** The word reports use: "timed out", "not reached". */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
}
