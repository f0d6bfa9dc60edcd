package xferlab.conformance.report;

import java.util.List;

/**
 * A whole run.
 *
 * @param suite   {@code server} or {@code client}
 * @param target  what was under test
 * @param seed    the run's seed
 * @param cases   every case's result, in the order they ran
 * @param millis  the run's wall time
 */
public record RunReport(String suite, String target, long seed, List<CaseResult> cases, long millis) {

    public long count(Verdict verdict) {
        return cases.stream().filter(c -> c.verdict() == verdict).count();
    }

    /** Whether every case that ran passed (skipped ones do not count against it). */
    public boolean passed() {
        return cases.stream().noneMatch(c -> c.verdict().isFailure());
    }
}
