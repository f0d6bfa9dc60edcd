package xferlab.conformance.interop;

import java.util.List;
import java.util.Map;

/**
 * A finished matrix: every pair's result and blame, and the suite verdicts that
 * went into the blame.
 *
 * @param servers  the rows, in roster order, the reference first
 * @param clients  the columns, likewise
 * @param pairs    every pair, row by row
 * @param blames   each pair's blame, by {@link PairResult#slug()}
 * @param verdicts the suite verdicts that were run (sides of failing pairs only)
 * @param set      the files each client uploaded
 * @param seed     the seed the suites ran with
 * @param level    the level the suites ran to (0: not run)
 */
public record Matrix(List<Implementation> servers, List<Implementation> clients, List<PairResult> pairs,
                     Map<String, Blame> blames, List<SuiteVerdict> verdicts, UploadSet set, long seed, int level) {

    public long failed() {
        return pairs.stream().filter(p -> !p.passed()).count();
    }

    public int size() {
        return pairs.size();
    }

    PairResult pair(Implementation server, Implementation client) {
        return pairs.stream().filter(p -> p.server().equals(server) && p.client().equals(client)).findFirst()
                .orElseThrow();
    }
}
