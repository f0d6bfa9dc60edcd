package xferlab.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import xferlab.conformance.planted.Choice;
import xferlab.conformance.planted.Fault;
import xferlab.conformance.planted.PlantedServer;
import xferlab.conformance.planted.PlantedTarget;
import xferlab.conformance.report.CaseResult;
import xferlab.conformance.report.Verdict;

/**
 * The choices the spec leaves to a server, each a MAY listed in its appendix "Changes", are
 * all accepted by the server suite: a planted server making the choice passes, over loopback,
 * every case that meets it. Each test first shows, on the wire, that the server really makes
 * its choice, so that the pass means something.
 *
 * <p>The other side of each choice is what the reference server and the planted server make,
 * and ServerSuitePassesCorrectServersTest already shows the suite passing them: both commit an
 * upload whose whole payload arrived (A5), keep temporary files in a directory of their own
 * beside the storage directory, {@code .store.xfer-tmp} and {@code store.planted-tmp} (A7), and
 * say READY to a client that half-closed after its header (A19). The client's choices (A11, A13,
 * A15) are in ClientChoicesAreAcceptedTest.
 *
 * <p>Not observable, so not tested: A2, because the temporary file lives outside the storage
 * directory, the only place a suite looks, and the name is untouched whichever comes first, the
 * deletion or {@code ERROR 408}; A20, because a name that passed the name rules cannot fail the
 * second check, and one that breaks them must already get 403 from the first, so no exchange
 * ever reaches the second check's code.
 */
@Timeout(60)
class SpecChoicesAreAcceptedTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final int WIRE_TIMEOUT_MILLIS = 5000;

    @Test
    @DisplayName("A5: an upload whose client has gone after the whole payload may be abandoned instead of committed")
    void theUploadMayBeAbandonedWhenTheClientHasGoneAfterTheWholePayload(@TempDir Path temp) throws Exception {
        byte[] payload = "the whole payload, then the end of stream".getBytes(StandardCharsets.US_ASCII);
        Path storage = SuiteHarness.storage(temp.resolve("wire"));
        try (PlantedServer server = new PlantedServer(Fault.NONE, Choice.ABANDONS_WHEN_THE_CLIENT_HAS_GONE,
                storage, 0, (int) SuiteHarness.IDLE.toMillis())) {
            String heard = halfCloseAfterThePayload(server.port(), "gone.txt", payload);
            assertThat(heard).as("the server abandons: READY, then no OK").isEqualTo("READY\n");
            assertThat(storage.resolve("gone.txt")).doesNotExist();
        }
        try (PlantedServer usual = new PlantedServer(Fault.NONE, storage.resolveSibling("usual"), 0,
                (int) SuiteHarness.IDLE.toMillis())) {
            assertThat(halfCloseAfterThePayload(usual.port(), "gone.txt", payload))
                    .as("the usual server commits and answers OK").isEqualTo("READY\nOK " + sha256(payload) + "\n");
        }

        assertAllPassed(Choice.ABANDONS_WHEN_THE_CLIENT_HAS_GONE, temp, "vanish-mid-payload", "reset-mid-payload",
                "vanish-at-the-last-octet", "surplus-octets-are-not-stored", "small-upload-is-stored",
                "empty-upload-creates-an-empty-file", "file-is-complete-when-ok-arrives", "server-closes-after-ok",
                "racing-uploads-leave-one-intact-version");
    }

    @Test
    @DisplayName("A7: temporary files may go straight into the storage directory's parent")
    void temporaryFilesMayGoIntoTheParentOfTheStorageDirectory(@TempDir Path temp) throws Exception {
        Path storage = SuiteHarness.storage(temp.resolve("wire"));
        showTheTemporaryFileIn(Choice.TEMP_FILES_IN_THE_PARENT, storage, storage.toAbsolutePath().getParent());

        assertTemporaryFilesAnywhereOutsideAreAccepted(Choice.TEMP_FILES_IN_THE_PARENT, temp);
    }

    @Test
    @DisplayName("A7: temporary files may go into a directory an operator configured, away from the storage directory")
    void temporaryFilesMayGoIntoADirectoryFarFromTheStorageDirectory(@TempDir Path temp) throws Exception {
        Path storage = SuiteHarness.storage(temp.resolve("wire"));
        showTheTemporaryFileIn(Choice.TEMP_FILES_FAR_AWAY, storage,
                PlantedServer.temporaryDirectory(Choice.TEMP_FILES_FAR_AWAY, storage));

        assertTemporaryFilesAnywhereOutsideAreAccepted(Choice.TEMP_FILES_FAR_AWAY, temp);
    }

    @Test
    @DisplayName("A19: a client that half-closed right after its header may get no READY")
    void noReadyMayGoToAClientThatHalfClosedAfterItsHeader(@TempDir Path temp) throws Exception {
        Path storage = SuiteHarness.storage(temp.resolve("wire"));
        try (PlantedServer server = new PlantedServer(Fault.NONE, Choice.NO_READY_AFTER_A_HALF_CLOSE, storage, 0,
                (int) SuiteHarness.IDLE.toMillis())) {
            assertThat(halfCloseAfter(server.port(), "half.txt\n5\n".getBytes(StandardCharsets.US_ASCII)))
                    .as("the server abandons without READY").isEmpty();
            assertThat(storage.resolve("half.txt")).doesNotExist();
        }
        try (PlantedServer usual = new PlantedServer(Fault.NONE, storage.resolveSibling("usual"), 0,
                (int) SuiteHarness.IDLE.toMillis())) {
            assertThat(halfCloseAfter(usual.port(), "half.txt\n5\n".getBytes(StandardCharsets.US_ASCII)))
                    .as("the usual server says READY first").isEqualTo("READY\n");
        }

        assertAllPassed(Choice.NO_READY_AFTER_A_HALF_CLOSE, temp, "vanish-before-the-size-line",
                "unfinished-line-is-not-acted-on", "header-and-payload-in-one-segment", "header-split-inside-lines",
                "stall-before-the-payload-is-closed", "vanish-mid-payload", "small-upload-is-stored",
                "empty-upload-creates-an-empty-file", "server-survives-refused-and-aborted-uploads");
    }

    private static void assertTemporaryFilesAnywhereOutsideAreAccepted(Choice choice, Path temp) throws Exception {
        // name-with-slash-is-refused is the one case that looks outside the storage directory
        // (for the file a refused path would create, §1.3): temporary files there must not trip it.
        assertAllPassed(choice, temp, "upload-in-progress-is-invisible", "replace-is-atomic",
                "crash-mid-upload-keeps-the-previous-content", "name-with-slash-is-refused", "vanish-mid-payload",
                "storage-failure-gets-500", "racing-uploads-leave-one-intact-version", "stall-mid-payload-is-closed");
    }

    /** Starts an upload and waits, with a deadline, for its temporary file to appear in {@code expected}. */
    private static void showTheTemporaryFileIn(Choice choice, Path storage, Path expected) throws Exception {
        try (PlantedServer server = new PlantedServer(Fault.NONE, choice, storage, 0, WIRE_TIMEOUT_MILLIS);
             Socket socket = new Socket(LOOPBACK, server.port())) {
            socket.setSoTimeout(WIRE_TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write("slow.txt\n10\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(readLine(socket.getInputStream())).isEqualTo("READY");
            out.write("half".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long deadline = System.nanoTime() + WIRE_TIMEOUT_MILLIS * 1_000_000L;
            List<String> parts = List.of();
            while (parts.isEmpty() && System.nanoTime() < deadline) {
                try (Stream<Path> files = Files.list(expected)) {
                    parts = files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".part"))
                            .collect(Collectors.toList());
                }
                java.util.concurrent.locks.LockSupport.parkNanos(10_000_000L); // pacing the polls
            }
            assertThat(parts).as("the upload's temporary file in " + expected).hasSize(1);
            assertThat(storage.resolveSibling(storage.getFileName() + ".planted-tmp"))
                    .as("the usual place is not used").doesNotExist();
        }
    }

    private static void assertAllPassed(Choice choice, Path temp, String... caseIds) throws Exception {
        List<CaseResult> results = SuiteHarness.run(
                new PlantedTarget(choice, SuiteHarness.storage(temp.resolve("suite")), SuiteHarness.IDLE),
                Set.of(caseIds));
        assertThat(results).extracting(CaseResult::caseId).containsExactlyInAnyOrder(caseIds);
        for (CaseResult result : results) {
            assertThat(result.verdict())
                    .as(choice + " in " + result.caseId() + ": " + result.cited() + " " + result.expected() + " / "
                            + result.actual() + " " + result.message() + "\n"
                            + String.join("\n", result.fullTranscripts()))
                    .isEqualTo(Verdict.PASSED);
        }
    }

    /** Sends a header and the whole payload, half-closes, and returns all the server sent until its end of stream. */
    private static String halfCloseAfterThePayload(int port, String name, byte[] payload) throws IOException {
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        try (Socket socket = new Socket(LOOPBACK, port)) {
            socket.setSoTimeout(WIRE_TIMEOUT_MILLIS);
            socket.getOutputStream().write((name + "\n" + payload.length + "\n").getBytes(StandardCharsets.UTF_8));
            String ready = readLine(socket.getInputStream());
            sent.write((ready + "\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(payload);
            socket.shutdownOutput();
            socket.getInputStream().transferTo(sent);
        }
        return sent.toString(StandardCharsets.US_ASCII);
    }

    /** Sends {@code octets}, half-closes, and returns all the server sent until its end of stream. */
    private static String halfCloseAfter(int port, byte[] octets) throws IOException {
        try (Socket socket = new Socket(LOOPBACK, port)) {
            socket.setSoTimeout(WIRE_TIMEOUT_MILLIS);
            socket.getOutputStream().write(octets);
            socket.shutdownOutput();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
            line.write(b);
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    private static String sha256(byte[] octets) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(octets));
    }
}
