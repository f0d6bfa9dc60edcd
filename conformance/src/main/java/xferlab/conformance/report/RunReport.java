package xferlab.conformance.report;

import java.util.List;

/**
 * A whole run.
 *
 * @param suite     {@code server} or {@code client}
 * @param target    what was under test
 * @param seed      the run's seed
 * @param cases     every case's result, in the order they ran
 * @param millis    the run's wall time
 * @param diagnosis a root cause the suite saw across cases (a server that exits after each connection), or empty
 */
public record RunReport(String suite, String target, long seed, List<CaseResult> cases, long millis,
                        String diagnosis) {

    public RunReport(String suite, String target, long seed, List<CaseResult> cases, long millis) {
        this(suite, target, seed, cases, millis, "");
    }

    public long count(Verdict verdict) {
        return cases.stream().filter(c -> c.verdict() == verdict).count();
    }

    /** Whether every case that ran passed (skipped ones do not count against it, nor warnings). */
    public boolean passed() {
        return cases.stream().noneMatch(c -> c.verdict().isFailure());
    }

    /** The counts, as one sentence. */
    public String counts() {
        return String.format(java.util.Locale.ROOT,
                "%d case%s in %.1f s: %d passed, %d failed, %d warned, %d not reached, %d timed out, "
                        + "%d harness errors, %d skipped", cases.size(), cases.size() == 1 ? "" : "s", millis / 1000.0,
                count(Verdict.PASSED), count(Verdict.FAILED), count(Verdict.WARNED), count(Verdict.NOT_REACHED),
                count(Verdict.TIMED_OUT), count(Verdict.HARNESS_ERROR), count(Verdict.SKIPPED));
    }

    /** {@code RESULT: PASS}, with the warnings if any, or {@code RESULT: FAIL}. */
    public String resultLine() {
        if (!passed()) {
            return "RESULT: FAIL";
        }
        long warned = count(Verdict.WARNED);
        return warned == 0 ? "RESULT: PASS" : "RESULT: PASS, with " + warned + " warning" + (warned == 1 ? "" : "s")
                + " (a SHOULD missed; --strict makes warnings fail)";
    }
}
