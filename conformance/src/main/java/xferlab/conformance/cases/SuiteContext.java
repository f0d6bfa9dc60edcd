package xferlab.conformance.cases;

import xferlab.conformance.target.ClientTarget;
import xferlab.conformance.target.Target;
import xferlab.spec.Catalogue;

/**
 * What every case of one run shares: the implementation under test, the seed and
 * the bounds. The runner hands it to the cases through {@link RunningCases}; a case
 * reaches it through {@link ServerUnderTest} or {@link ClientUnderTest}.
 *
 * @param target  the server under test (null when a client is judged)
 * @param client  the client under test (null when a server is judged)
 * @param seed    drives every random choice: generated data and the fault schedule
 * @param timing  the bounds on waiting
 * @param catalogue the spec's requirements
 * @param life      what the suite saw of a launched server's process across the run
 */
public record SuiteContext(Target target, ClientTarget client, long seed, Timing timing, Catalogue catalogue,
                           ServerLife life) {
    /** A run of the server suite. */
    public static SuiteContext forServer(Target target, long seed, Timing timing, Catalogue catalogue) {
        return new SuiteContext(target, null, seed, timing, catalogue, new ServerLife());
    }

    /** A run of the client suite. */
    public static SuiteContext forClient(ClientTarget client, long seed, Timing timing, Catalogue catalogue) {
        return new SuiteContext(null, client, seed, timing, catalogue, new ServerLife());
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
