package xferlab.cli;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;
import xferlab.server.XferServer;
import xferlab.testing.RawConnection;
import xferlab.testing.ScriptedServer;
import xferlab.testing.TestFiles;
import xferlab.testing.TestServers;

/**
 * The command line, run in process: exit statuses and messages. The client
 * command prints to {@code System.out} and {@code System.err} (not to picocli's
 * writers), so those are captured around each run.
 */
@Timeout(value = 30, unit = SECONDS)
class MainTest {
    @TempDir
    Path work;

    /** One run's exit status and what it printed. */
    record Run(int status, String out, String err) {
    }

    private static Run run(String... args) {
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        StringWriter cliOut = new StringWriter();
        StringWriter cliErr = new StringWriter();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            CommandLine commandLine = Main.commandLine();
            commandLine.setOut(new PrintWriter(cliOut, true));
            commandLine.setErr(new PrintWriter(cliErr, true));
            int status = commandLine.execute(args);
            return new Run(status, out.toString(StandardCharsets.UTF_8) + cliOut,
                    err.toString(StandardCharsets.UTF_8) + cliErr);
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
    }

    private Path sourceFile(String name, int size) throws Exception {
        return TestFiles.randomFile(work.resolve("source").resolve("nested").resolve(name), size, size);
    }

    @Test
    @DisplayName("XFER-CLI-01/04: exit 0 after a verified upload, stored under the file's base name")
    void uploadSucceeds() throws Exception {
        Path source = sourceFile("report.txt", 4321);
        try (XferServer server = XferServer.start(TestServers.config(work, new TestServers.Log()))) {
            Run run = run("client", "127.0.0.1", Integer.toString(server.port()), source.toString(), "--quiet");
            assertThat(run.status()).as(run.err()).isZero();
            assertThat(run.out()).isEqualTo("stored report.txt (4321 octets), sha256 " + TestFiles.sha256(source)
                    + System.lineSeparator());
        }
        assertThat(TestFiles.listing(TestServers.storage(work))).containsExactly("report.txt");
        assertThat(TestServers.storage(work).resolve("report.txt")).hasSameBinaryContentAs(source);
    }

    @Test
    @DisplayName("XFER-CLI-01: --name stores the file under another name")
    void uploadUnderAnotherName() throws Exception {
        Path source = sourceFile("draft.txt", 100);
        try (XferServer server = XferServer.start(TestServers.config(work, new TestServers.Log()))) {
            Run run = run("client", "127.0.0.1", Integer.toString(server.port()), source.toString(),
                    "--name", "final version.txt", "-q");
            assertThat(run.status()).as(run.err()).isZero();
        }
        assertThat(TestFiles.listing(TestServers.storage(work))).containsExactly("final version.txt");
    }

    @Test
    @DisplayName("XFER-CLI-05: exit 1 when the server refuses, with its code and text on one line")
    void refusedExitsOne() throws Exception {
        Path source = sourceFile("big.bin", 10);
        try (XferServer server = XferServer.start(TestServers.config(work, new TestServers.Log()).withMaxSize(5))) {
            Run run = run("client", "127.0.0.1", Integer.toString(server.port()), source.toString(), "-q");
            assertThat(run.status()).isEqualTo(1);
            assertThat(run.err()).isEqualTo("xfer client: server refused: ERROR 413 size is above the limit of 5 octets"
                    + System.lineSeparator());
            assertThat(run.out()).isEmpty();
        }
    }

    @Test
    @DisplayName("exit 2 for a missing file")
    void missingFileExitsTwo() {
        Run run = run("client", "127.0.0.1", "1", work.resolve("absent.txt").toString());
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).startsWith("xfer client: cannot read");
    }

    @Test
    @DisplayName("XFER-CLI-08: exit 2 for a name the protocol does not allow, before connecting")
    void badNameExitsTwo() throws Exception {
        Path source = sourceFile("ok.txt", 10);
        // Port 1: nothing listens, so a client that connected would exit 3, not 2.
        Run run = run("client", "127.0.0.1", "1", source.toString(), "--name", "../escape.txt");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("name contains '/'");
    }

    @Test
    @DisplayName("exit 2 for usage errors: no subcommand, a missing argument, a bad port, a timeout below 1 s")
    void usageErrorsExitTwo() throws Exception {
        Path source = sourceFile("ok.txt", 10);
        assertThat(run().status()).isEqualTo(2);
        assertThat(run("client", "127.0.0.1").status()).isEqualTo(2);
        assertThat(run("client", "127.0.0.1", "not-a-port", source.toString()).status()).isEqualTo(2);
        assertThat(run("client", "127.0.0.1", "1", source.toString(), "--timeout", "0").status()).isEqualTo(2);
    }

    @Test
    @DisplayName("XFER-CLI-07: exit 3 when nothing listens on the port")
    void nothingListeningExitsThree() throws Exception {
        Path source = sourceFile("ok.txt", 10);
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Run run = run("client", "127.0.0.1", Integer.toString(port), source.toString(), "-q");
        assertThat(run.status()).isEqualTo(3);
        assertThat(run.err()).startsWith("xfer client: cannot connect");
    }

    @Test
    @DisplayName("XFER-CLI-07: exit 4 when the server never answers within --timeout")
    void silentServerExitsFour() throws Exception {
        Path source = sourceFile("ok.txt", 10);
        try (ScriptedServer server = ScriptedServer.start(RawConnection::readUntilEof)) {
            long started = System.nanoTime();
            Run run = run("client", "127.0.0.1", Integer.toString(server.port()), source.toString(), "--timeout", "1");
            assertThat(run.status()).isEqualTo(4);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
        }
    }

    @Test
    @DisplayName("XFER-CLI-04/06: exit 5 when OK carries a wrong digest")
    void wrongDigestExitsFive() throws Exception {
        Path source = sourceFile("ok.txt", 10);
        try (ScriptedServer server = ScriptedServer.start(client -> {
            client.readLine();
            client.readLine();
            client.send("READY\n");
            client.readExactly(10);
            client.send("OK " + "0".repeat(64) + "\n");
        })) {
            Run run = run("client", "127.0.0.1", Integer.toString(server.port()), source.toString());
            assertThat(run.status()).isEqualTo(5);
            assertThat(run.err()).contains("digest mismatch");
        }
    }

    @Test
    @DisplayName("server --help and client --help print their usage and exit 0")
    void help() {
        Run server = run("server", "--help");
        assertThat(server.status()).isZero();
        assertThat(server.out()).contains("Usage: xfer server", "--dir", "--idle-timeout", "--max-size", "Exit status");
        Run client = run("client", "--help");
        assertThat(client.status()).isZero();
        assertThat(client.out()).contains("Usage: xfer client", "HOST", "PORT", "FILE", "--timeout", "Exit status");
        assertThat(run("--version").status()).isZero();
    }

    @Test
    @DisplayName("server exits 2 for a bad option value, without starting")
    void serverBadOptionExitsTwo() {
        Run run = run("server", "--dir", work.resolve("store").toString(), "--idle-timeout", "0");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("--idle-timeout must be at least 1");
        assertThat(run("server").status()).as("--dir is required").isEqualTo(2);
    }

    @Test
    @DisplayName("server exits 1 when it cannot start: the port is in use")
    void serverPortInUseExitsOne() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Run run = run("server", "--dir", work.resolve("store").toString(),
                    "--port", Integer.toString(taken.getLocalPort()));
            assertThat(run.status()).isEqualTo(1);
            assertThat(run.err()).startsWith("xfer server: cannot start");
        }
    }

    @Test
    @DisplayName("server exits 1 when it cannot start: the storage directory is a file")
    void serverStorageIsAFileExitsOne() throws Exception {
        Path file = Files.writeString(work.resolve("not-a-directory"), "x");
        Run run = run("server", "--dir", file.toString(), "--port", "0");
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).startsWith("xfer server: cannot start");
    }
}
