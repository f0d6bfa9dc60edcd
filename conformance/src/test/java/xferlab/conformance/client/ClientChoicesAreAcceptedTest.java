package xferlab.conformance.client;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import xferlab.conformance.cases.ClientExpect;
import xferlab.conformance.cases.Violation;
import xferlab.conformance.target.ClientRun;

/**
 * The choices the spec leaves to a client (§11.3, each a MAY) are all accepted by the
 * checks the client cases use: where it prints its one-line report, and which
 * non-zero exit status it gives each failure. Only zero against non-zero counts.
 */
class ClientChoicesAreAcceptedTest {
    private static final String REPORT = "upload failed: ERROR 403 name contains '/'\n";

    @Test
    void theReportMayGoToStandardOutputOrToStandardError() {
        for (ClientRun run : List.of(new ClientRun(1, REPORT, "", 10, false), new ClientRun(1, "", REPORT, 10, false))) {
            assertThatCode(() -> ClientExpect.printed(run, "ERROR 403 name contains '/'", "XFER-CLI-05", "hint"))
                    .as(run.describe()).doesNotThrowAnyException();
        }
    }

    @Test
    void everyNonZeroExitStatusIsAFailureAndZeroIsNot() {
        for (int status : new int[] {1, 2, 3, 4, 125}) {
            ClientRun run = new ClientRun(status, "", REPORT, 10, false);
            assertThatCode(() -> ClientExpect.failed(run, "XFER-CLI-05", "hint")).as(run.describe())
                    .doesNotThrowAnyException();
        }
        ClientRun succeeded = new ClientRun(0, REPORT, "", 10, false);
        assertThatThrownBy(() -> ClientExpect.failed(succeeded, "XFER-CLI-05", "hint")).isInstanceOf(Violation.class);
    }
}
