package xferlab.conformance.client;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import xferlab.conformance.cases.SuiteContext;
import xferlab.conformance.cases.Timing;
import xferlab.conformance.report.CaseResult;
import xferlab.conformance.run.Selection;
import xferlab.conformance.run.SuiteRunner;
import xferlab.conformance.target.ClientTarget;
import xferlab.spec.Catalogue;

/** Runs the client suite in process against a client, the way the command line does. */
public final class ClientSuiteHarness {
    /**
     * The timeout the client is told to use. Short keeps the suite's own tests quick;
     * not shorter than 2 s, because a case holds READY back for 1 s and a correct
     * client must still be waiting then.
     */
    public static final Duration TIMEOUT = Duration.ofSeconds(2);
    public static final long SEED = 20261125L;
    public static final String CASES = "xferlab.conformance.cases.client";

    private ClientSuiteHarness() {
    }

    /** Runs the selected cases (all when {@code only} is empty) against {@code client}. */
    public static List<CaseResult> run(ClientTarget client, Set<String> only) {
        SuiteContext context = SuiteContext.forClient(client, SEED, Timing.forIdle(TIMEOUT), Catalogue.load());
        Function<String, String> rerun = caseId -> "--only " + caseId;
        return new SuiteRunner(CASES).run(context, new Selection(3, only), rerun, result -> { });
    }
}
