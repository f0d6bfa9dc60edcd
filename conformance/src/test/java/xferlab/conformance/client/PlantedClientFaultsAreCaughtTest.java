package xferlab.conformance.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import xferlab.conformance.report.CaseResult;
import xferlab.conformance.report.Verdict;

/**
 * The client suite proves its teeth: each classic client bug, planted alone in an
 * otherwise correct client, is caught by the case that names it, citing the
 * requirement it breaks; and the same case passes the client without the bug.
 */
@Timeout(120)
class PlantedClientFaultsAreCaughtTest {

    static Stream<Arguments> faults() {
        return Stream.of(
                Arguments.of(ClientFault.PAYLOAD_BEFORE_READY, "sends-nothing-before-ready", "XFER-CLI-03",
                        Verdict.FAILED),
                Arguments.of(ClientFault.IGNORES_ERROR, "error-before-ready-stops-the-client", "XFER-CLI-05",
                        Verdict.FAILED),
                Arguments.of(ClientFault.SKIPS_DIGEST_CHECK, "wrong-digest-is-a-failure", "XFER-CLI-06",
                        Verdict.FAILED),
                Arguments.of(ClientFault.DIGEST_CASE_INSENSITIVE, "uppercase-digest-is-a-failure", "XFER-CLI-06",
                        Verdict.FAILED),
                Arguments.of(ClientFault.SENDS_PATH_AS_NAME, "sends-base-name-size-and-content", "XFER-CLI-01",
                        Verdict.FAILED),
                Arguments.of(ClientFault.EXITS_ZERO_ON_EARLY_CLOSE, "server-closes-before-ok", "XFER-CLI-07",
                        Verdict.FAILED),
                Arguments.of(ClientFault.NO_TIMEOUT, "server-never-answers", "XFER-CLI-07", Verdict.TIMED_OUT),
                Arguments.of(ClientFault.ONE_READ_REPLY, "replies-split-into-single-octets", "XFER-LINE-03",
                        Verdict.FAILED),
                Arguments.of(ClientFault.SENDS_FEWER_OCTETS, "sends-base-name-size-and-content", "XFER-CLI-02",
                        Verdict.FAILED),
                Arguments.of(ClientFault.CRLF_LINES, "sends-base-name-size-and-content", "XFER-LINE-01",
                        Verdict.FAILED),
                Arguments.of(ClientFault.UNBOUNDED_REPLY_LINE, "overlong-reply-line-is-refused-at-once",
                        "XFER-LINE-05", Verdict.WARNED),
                Arguments.of(ClientFault.REPLY_LIMIT_WITHOUT_LF, "reply-line-of-513-octets-is-refused",
                        "XFER-LINE-05", Verdict.WARNED),
                Arguments.of(ClientFault.NO_NAME_CHECK, "refuses-an-invalid-name-itself", "XFER-CLI-08",
                        Verdict.WARNED));
    }

    @ParameterizedTest(name = "{0} is caught by {1} ({2})")
    @MethodSource("faults")
    void plantedFaultIsCaughtByTheCaseThatNamesIt(ClientFault fault, String caseId, String requirement,
                                                   Verdict verdict) {
        CaseResult faulty = only(ClientSuiteHarness.run(new PlantedClientTarget(fault), Set.of(caseId)));
        String account = faulty.verdict() + " " + faulty.cited() + ": " + faulty.expected() + " / "
                + faulty.actual() + " " + faulty.message() + "\n" + String.join("\n", faulty.fullTranscripts());
        assertThat(faulty.caseId()).isEqualTo(caseId);
        assertThat(faulty.verdict()).as(fault + " must end " + caseId + " with " + verdict + "\n" + account)
                .isEqualTo(verdict);
        assertThat(faulty.cited()).as("the requirement the failure names\n" + account).isEqualTo(requirement);
        assertThat(faulty.sentence()).as("the requirement's sentence is cited").isNotEmpty();
        assertThat(faulty.rerun()).contains(caseId);
        if (verdict == Verdict.TIMED_OUT) {
            assertThat(faulty.actual()).as("a client that outlives its bound is called hung").contains("hung");
        }

        CaseResult correct = only(ClientSuiteHarness.run(new PlantedClientTarget(ClientFault.NONE), Set.of(caseId)));
        assertThat(correct.verdict()).as(caseId + " against the same client without the fault: "
                + correct.cited() + " " + correct.expected() + " / " + correct.actual() + " " + correct.message())
                .isEqualTo(Verdict.PASSED);
    }

    private static CaseResult only(List<CaseResult> results) {
        assertThat(results).hasSize(1);
        return results.get(0);
    }
}
