package xferlab.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import xferlab.conformance.planted.Fault;
import xferlab.conformance.planted.PlantedTarget;
import xferlab.conformance.report.CaseResult;
import xferlab.conformance.report.Verdict;

/**
 * The suite proves its teeth: each classic bug, planted alone in an otherwise
 * correct server, is caught by the case that names it, citing the requirement it
 * breaks; and the same case passes the server without the bug.
 */
@Timeout(120)
class PlantedFaultsAreCaughtTest {

    static Stream<Arguments> faults() {
        return Stream.of(
                Arguments.of(Fault.PER_RECV_FRAMING, "header-one-octet-per-segment", "XFER-LINE-03"),
                Arguments.of(Fault.PATH_TRAVERSAL, "name-with-slash-is-refused", "XFER-NAME-02"),
                Arguments.of(Fault.PARTIAL_FILES, "vanish-mid-payload", "XFER-STORE-04"),
                Arguments.of(Fault.PARTIAL_FILES, "upload-in-progress-is-invisible", "XFER-STORE-03"),
                Arguments.of(Fault.SEQUENTIAL, "sixty-four-uploads-at-once", "XFER-CONC-01"),
                Arguments.of(Fault.SEQUENTIAL, "stalled-clients-do-not-delay-others", "XFER-CONC-02"),
                Arguments.of(Fault.TEXT_MODE, "binary-payload-is-stored-unchanged", "XFER-UP-02"),
                Arguments.of(Fault.LENIENT_SIZE, "signed-sizes-are-refused", "XFER-SIZE-02"),
                Arguments.of(Fault.LENIENT_SIZE, "sizes-with-spaces-are-refused", "XFER-SIZE-02"),
                Arguments.of(Fault.UNBOUNDED_LINES, "overlong-name-line-is-refused-without-waiting-for-lf", "XFER-LINE-04"),
                Arguments.of(Fault.NO_IDLE_TIMEOUT, "silent-connection-is-closed", "XFER-TIME-01"),
                Arguments.of(Fault.NO_SIZE_LIMIT, "huge-size-is-refused-before-ready", "XFER-SIZE-03"),
                Arguments.of(Fault.STORES_EXTRA, "surplus-octets-are-not-stored", "XFER-UP-06"),
                Arguments.of(Fault.CRASH_ON_BAD_INPUT, "server-survives-refused-and-aborted-uploads", "XFER-LIVE-01"),
                Arguments.of(Fault.SHARED_TEMP_FILE, "racing-uploads-leave-one-intact-version", "XFER-CONC-03"),
                Arguments.of(Fault.EXITS_AFTER_ONE, "server-serves-connections-one-after-another", "XFER-LIVE-01"),
                Arguments.of(Fault.NO_LINGERING_CLOSE, "early-payload-gets-error-and-a-clean-close", "XFER-CLOSE-01"),
                Arguments.of(Fault.CRLF_REPLIES, "replies-end-with-bare-lf", "XFER-LINE-01"),
                Arguments.of(Fault.TEXT_MODE, "any-upload-is-stored-exactly", "XFER-UP-03"),
                Arguments.of(Fault.CR_AT_LIMIT_REFUSED, "cr-as-octet-256-waits-for-the-next-octet", "XFER-LINE-04"),
                Arguments.of(Fault.DRAIN_BOUNDED_PER_READ, "trickling-peer-cannot-hold-the-drain-open",
                        "XFER-CLOSE-01"),
                Arguments.of(Fault.LATE_NAME_CHECK, "bad-name-is-refused-before-the-size-line", "XFER-NAME-07"));
    }

    @ParameterizedTest(name = "{0} is caught by {1} ({2})")
    @MethodSource("faults")
    void plantedFaultIsCaughtByTheCaseThatNamesIt(Fault fault, String caseId, String requirement,
                                                   @TempDir Path temp) throws Exception {
        CaseResult faulty = only(SuiteHarness.run(
                new PlantedTarget(fault, SuiteHarness.storage(temp.resolve("faulty")), SuiteHarness.IDLE),
                Set.of(caseId)));
        String account = faulty.verdict() + " " + faulty.cited() + ": " + faulty.expected() + " / "
                + faulty.actual() + " " + faulty.message() + "\n" + String.join("\n", faulty.fullTranscripts());
        // A missed SHOULD warns; a missed MUST fails; neither may be "not reached" or the suite's own error.
        Verdict expected = SuiteHarness.catalogue().get(requirement).keyword().equals("SHOULD")
                ? Verdict.WARNED : null;
        if (expected != null) {
            assertThat(faulty.verdict()).as(fault + " must warn in " + caseId + "\n" + account).isEqualTo(expected);
        } else {
            assertThat(faulty.verdict()).as(fault + " must fail " + caseId + "\n" + account)
                    .isIn(Verdict.FAILED, Verdict.TIMED_OUT);
        }
        assertThat(faulty.cited()).as("the requirement the failure names\n" + account).isEqualTo(requirement);
        assertThat(faulty.rerun()).contains(caseId);
        if (caseId.equals("any-upload-is-stored-exactly")) {
            assertThat(faulty.sample()).as("a property's shrunk counterexample is reported").contains("payload of");
        }

        CaseResult correct = only(SuiteHarness.run(
                new PlantedTarget(Fault.NONE, SuiteHarness.storage(temp.resolve("correct")), SuiteHarness.IDLE),
                Set.of(caseId)));
        assertThat(correct.verdict()).as(caseId + " against the same server without the fault: "
                + correct.expected() + " / " + correct.actual() + " " + correct.message()).isEqualTo(Verdict.PASSED);
    }

    private static CaseResult only(List<CaseResult> results) {
        assertThat(results).hasSize(1);
        return results.get(0);
    }
}
