package xferlab.conformance.cases;

import xferlab.conformance.target.Target;
import xferlab.spec.Catalogue;

/**
 * What every case of one run shares: the implementation under test, the seed and
 * the bounds. The runner installs it before the cases run; cases reach it through
 * {@link ServerUnderTest}.
 *
 * @param target  the implementation under test
 * @param seed    drives every random choice: generated data and the fault schedule
 * @param timing  the bounds on waiting
 * @param catalogue the spec's requirements
 */
public record SuiteContext(Target target, long seed, Timing timing, Catalogue catalogue) {
    private static volatile SuiteContext installed;

    public static void install(SuiteContext context) {
        installed = context;
    }

    public static void uninstall() {
        installed = null;
    }

    /** The context of the run in progress. */
    public static SuiteContext current() {
        SuiteContext context = installed;
        if (context == null) {
            throw new IllegalStateException("no conformance run in progress: run the cases through SuiteRunner");
        }
        return context;
    }

    /** The seed of one case: the run's seed mixed with the case's name, so a case replays alone. */
    public long seedFor(String caseId) {
        long h = seed;
        for (char c : caseId.toCharArray()) {
            h = h * 31 + c;
        }
        // a final mix (from SplitMix64) so that similar names get unrelated seeds
        h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
        h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
        return h ^ (h >>> 31);
    }
}
