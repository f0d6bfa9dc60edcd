package xferlab.conformance.report;

/** How a case ended. Kept apart so a student knows whom to blame. */
public enum Verdict {
    /** The implementation met every requirement the case checks. */
    PASSED("ok"),
    /** The implementation broke a requirement. */
    FAILED("FAIL"),
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

    /** Whether this verdict makes the run fail (exit status 1). */
    public boolean isFailure() {
        return this == FAILED || this == TIMED_OUT || this == HARNESS_ERROR;
    }
}
