package xferlab.conformance.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import xferlab.conformance.report.CaseResult;
import xferlab.conformance.report.Verdict;
import xferlab.conformance.target.EmbeddedClientTarget;
import xferlab.spec.Catalogue;

/** A client suite that fails a correct client is as useless as one that passes a broken one. */
@Timeout(120)
class ClientSuitePassesCorrectClientsTest {
    /** The client suite's cases as written today (sections 1 to 5): a run that finds fewer lost some. */
    private static final int CASES = 19;

    private static List<CaseResult> referenceRun;

    /** One full run against the reference client, shared by the tests that need it. */
    private static synchronized List<CaseResult> referenceRun() {
        if (referenceRun == null) {
            referenceRun = ClientSuiteHarness.run(new EmbeddedClientTarget(), Set.of());
        }
        return referenceRun;
    }

    @Test
    void theReferenceClientPassesEveryCase() {
        assertAllPassed(referenceRun());
    }

    @Test
    void anIndependentCorrectClientPassesEveryCase() {
        assertAllPassed(ClientSuiteHarness.run(new PlantedClientTarget(ClientFault.NONE), Set.of()));
    }

    private static void assertAllPassed(List<CaseResult> results) {
        assertThat(results).hasSizeGreaterThanOrEqualTo(CASES);
        for (CaseResult result : results) {
            assertThat(result.verdict())
                    .as(result.caseId() + ": " + result.cited() + " " + result.expected() + " / " + result.actual()
                            + " " + result.message() + "\n" + String.join("\n", result.fullTranscripts()))
                    .isEqualTo(Verdict.PASSED);
        }
    }
}
