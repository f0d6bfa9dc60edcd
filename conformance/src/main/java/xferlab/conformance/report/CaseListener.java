package xferlab.conformance.report;

/** Hears a run's cases as they start and end: the console's progress and lines. */
public interface CaseListener {
    /**
     * A case starts.
     *
     * @param index its number in the run, from 1
     * @param total how many cases the run has
     */
    default void caseStarted(String caseId, String section, int index, int total) {
    }

    /** A case ended. */
    void caseFinished(CaseResult result);
}
