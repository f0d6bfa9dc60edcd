package xferlab.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import xferlab.conformance.planted.Fault;
import xferlab.conformance.planted.PlantedTarget;
import xferlab.conformance.report.CaseResult;
import xferlab.conformance.report.Verdict;
import xferlab.conformance.target.EmbeddedTarget;
import xferlab.spec.Catalogue;

/** A suite that fails a correct server is as useless as one that passes a broken one. */
@Timeout(180)
class ServerSuitePassesCorrectServersTest {

    @Test
    void theReferenceServerPassesEveryCase(@TempDir Path temp) throws Exception {
        List<CaseResult> results = SuiteHarness.run(
                new EmbeddedTarget(SuiteHarness.storage(temp), SuiteHarness.IDLE, 0), Set.of());

        assertAllPassed(results);
    }

    @Test
    void anIndependentCorrectServerPassesEveryCase(@TempDir Path temp) throws Exception {
        List<CaseResult> results = SuiteHarness.run(
                new PlantedTarget(Fault.NONE, SuiteHarness.storage(temp), SuiteHarness.IDLE), Set.of());

        assertAllPassed(results);
    }

    private static void assertAllPassed(List<CaseResult> results) {
        assertThat(results).hasSizeGreaterThan(40);
        for (CaseResult result : results) {
            assertThat(result.verdict())
                    .as(result.caseId() + ": " + result.cited() + " " + result.expected() + " / " + result.actual()
                            + " " + result.message() + "\n" + String.join("\n", result.transcripts()))
                    .isEqualTo(Verdict.PASSED);
        }
    }
}
