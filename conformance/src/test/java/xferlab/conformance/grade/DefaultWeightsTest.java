package xferlab.conformance.grade;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import xferlab.conformance.SuiteHarness;
import xferlab.conformance.planted.Fault;
import xferlab.conformance.planted.PlantedTarget;
import xferlab.conformance.report.CaseResult;
import xferlab.conformance.report.RunReport;
import xferlab.spec.Catalogue;

/**
 * The default weights grade as the instructors' sheet says: full runs of planted
 * servers, graded with them, rank the harm of their bugs, a perfect run scores
 * exactly the total, and a server that stores nothing earns nothing.
 */
@Timeout(240)
class DefaultWeightsTest {
    private final Catalogue catalogue = Catalogue.load();

    @Test
    void pathTraversalCostsMoreThanAPartialFileAndAPerfectRunScoresExactlyTheTotal(@TempDir Path temp)
            throws Exception {
        double correct = score(Fault.NONE, temp.resolve("correct"));
        double traversal = score(Fault.PATH_TRAVERSAL, temp.resolve("traversal"));
        double partial = score(Fault.PARTIAL_FILES, temp.resolve("partial"));
        assertThat(correct).as("a perfect run").isEqualTo(100.0);
        assertThat(traversal).as("traversal (%s) against partial files (%s)", traversal, partial)
                .isLessThan(partial).isGreaterThan(0);
    }

    @Test
    void aServerThatStoresNoUploadEarnsNothing() {
        CaseResult upload = CaseResult.plain("small-upload-is-stored", "", "", 1, List.of("XFER-UP-01"),
                xferlab.conformance.report.Verdict.FAILED, "", 1, "", 0);
        CaseResult vacuous = CaseResult.plain("vanish-before-the-size-line", "", "", 2, List.of("XFER-STORE-04"),
                xferlab.conformance.report.Verdict.PASSED, "", 1, "", 0);
        Grade grade = Grade.of(new RunReport("server", "silent", 1, List.of(upload, vacuous), 0),
                Weights.defaults(catalogue), catalogue);
        assertThat(grade.score()).isZero();
        assertThat(grade.maxScore()).isEqualTo(100.0);
    }

    private double score(Fault fault, Path dir) throws Exception {
        List<CaseResult> results = SuiteHarness.run(new PlantedTarget(fault, SuiteHarness.storage(dir),
                SuiteHarness.IDLE), Set.of());
        Grade grade = Grade.of(new RunReport("server", fault.name(), 1, results, 0), Weights.defaults(catalogue),
                catalogue);
        assertThat(grade.maxScore()).isEqualTo(100.0);
        return grade.score();
    }
}
