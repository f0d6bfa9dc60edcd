package xferlab.conformance.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import xferlab.conformance.target.ClientRun;

/**
 * The choices the spec leaves to a client (§11.3, each a MAY) are all accepted by the
 * judgements the client cases make (ClientSession.expectPrinted and expectFailed ask
 * these): where it prints its one-line report, and which non-zero exit status it gives
 * each failure. Only zero against non-zero counts.
 */
class ClientChoicesAreAcceptedTest {
    private static final String REPORT = "upload failed: ERROR 403 name contains '/'\n";

    @Test
    void theReportMayGoToStandardOutputOrToStandardError() {
        for (ClientRun run : List.of(new ClientRun(1, REPORT, "", 10, false), new ClientRun(1, "", REPORT, 10, false))) {
            assertThat(run.printed("ERROR 403 name contains '/'")).as(run.describe()).isTrue();
        }
        assertThat(new ClientRun(1, "upload failed\n", "", 10, false).printed("ERROR 403")).isFalse();
    }

    @Test
    void everyNonZeroExitStatusIsAFailureAndZeroIsNot() {
        for (int status : new int[] {1, 2, 3, 4, 125}) {
            ClientRun run = new ClientRun(status, "", REPORT, 10, false);
            assertThat(run.reportedFailure()).as(run.describe()).isTrue();
        }
        assertThat(new ClientRun(0, REPORT, "", 10, false).reportedFailure()).isFalse();
        assertThat(new ClientRun(-1, "", "", 10, true).reportedFailure()).as("a hung client reported nothing").isFalse();
    }
}
