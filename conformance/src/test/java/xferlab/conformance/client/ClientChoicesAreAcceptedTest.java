package xferlab.conformance.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import xferlab.conformance.report.CaseResult;
import xferlab.conformance.report.Verdict;
import xferlab.conformance.target.ClientRun;

/**
 * The choices the spec leaves to a client (§11.3, each a MAY) are all accepted by the
 * judgements the client cases make (ClientSession.expectPrinted and expectFailed ask
 * these): where it prints its one-line report, and which non-zero exit status it gives
 * each failure. Only zero against non-zero counts (A11, A13 of the spec's appendix "Changes").
 * And whether it waits for the server's end of stream after the final reply (A15): a client
 * that waits passes, over loopback, every case that ends with a final reply; one that closes at
 * once is the reference client and the planted client, which ClientSuitePassesCorrectClientsTest
 * already passes.
 */
@Timeout(90)
class ClientChoicesAreAcceptedTest {
    /** How long the test's server waits, after its OK, for a client that closes first. */
    private static final int CLOSE_FIRST_MILLIS = 1000;

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

    @Test
    @DisplayName("A15: a client may wait for the server's end of stream after the final reply")
    void theClientMayWaitForTheEndOfStreamAfterTheFinalReply(@TempDir Path temp) throws Exception {
        Path file = Files.write(temp.resolve("wait.txt"), "wait for the end".getBytes(StandardCharsets.US_ASCII));
        assertThat(closesBeforeTheServer(new PlantedClient(ClientFault.NONE, true), file))
                .as("the waiting client keeps the connection until the server's end of stream").isFalse();
        assertThat(closesBeforeTheServer(new PlantedClient(ClientFault.NONE), file))
                .as("the usual client closes as soon as it has its OK").isTrue();

        // A waiting client could trip the cases where the suite, as the server, keeps the connection
        // open after its final reply: the client then waits its whole timeout (2 s) before it closes.
        // error-before-ready-stops-the-client does so five times over, the most the suite's bound must allow.
        String[] caseIds = {"error-before-ready-stops-the-client", "error-after-the-payload-is-a-failure",
            "ok-together-with-the-close", "sends-base-name-size-and-content"};
        List<CaseResult> results = ClientSuiteHarness.run(PlantedClientTarget.waitingForEndOfStream(), Set.of(caseIds));
        assertThat(results).extracting(CaseResult::caseId).containsExactlyInAnyOrder(caseIds);
        for (CaseResult result : results) {
            assertThat(result.verdict())
                    .as(result.caseId() + ": " + result.cited() + " " + result.expected() + " / " + result.actual()
                            + " " + result.message() + "\n" + String.join("\n", result.fullTranscripts()))
                    .isEqualTo(Verdict.PASSED);
        }
    }

    /**
     * Serves one correct upload of {@code file} on loopback and, after its OK, waits a while
     * before its own end of stream: returns whether the client closed first.
     */
    private static boolean closesBeforeTheServer(PlantedClient client, Path file) throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Boolean> closedFirst = CompletableFuture.supplyAsync(() -> serveOne(listener));
            PlantedClient.Outcome outcome = client.run("127.0.0.1", listener.getLocalPort(), file, 5);
            assertThat(outcome.exitStatus()).as(outcome.stderr()).isZero();
            return closedFirst.get(10, TimeUnit.SECONDS);
        }
    }

    private static boolean serveOne(ServerSocket listener) {
        try (Socket socket = listener.accept()) {
            socket.setSoTimeout(5000);
            InputStream in = socket.getInputStream();
            readLine(in);
            long size = Long.parseLong(readLine(in));
            socket.getOutputStream().write("READY\n".getBytes(StandardCharsets.US_ASCII));
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(in.readNBytes((int) size));
            socket.getOutputStream().write(("OK " + HexFormat.of().formatHex(sha256.digest()) + "\n")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.setSoTimeout(CLOSE_FIRST_MILLIS);
            boolean closedFirst;
            try {
                closedFirst = in.read() < 0;
            } catch (SocketTimeoutException e) {
                closedFirst = false;
            }
            socket.shutdownOutput();
            return closedFirst;
        } catch (IOException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
            line.write(b);
        }
        return line.toString(StandardCharsets.UTF_8);
    }
}
