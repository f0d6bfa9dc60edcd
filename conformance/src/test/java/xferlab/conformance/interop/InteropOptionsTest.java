package xferlab.conformance.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import xferlab.conformance.cli.ConformanceMain;

/** {@code interop}'s help and its usage errors: one line that matters, exit 2, nothing run. */
class InteropOptionsTest {

    @Test
    @Timeout(30)
    void helpGivesTheRosterFormatAnExampleAndTheExitStatus() {
        StringWriter out = new StringWriter();
        CommandLine commandLine = ConformanceMain.commandLine().setOut(new PrintWriter(out, true));
        assertThat(commandLine.execute("interop", "--help")).isZero();
        assertThat(out.toString())
                .contains("java -jar xfer-conformance.jar interop --servers servers.txt --clients clients.txt "
                        + "--report interop")
                .contains("{host} {port} {file} --timeout {timeout}", "--jobs", "--pair-timeout", "--isolate")
                .contains("1   some pair failed")
                .doesNotContain("--binary-size");
    }

    @Test
    @Timeout(30)
    void aRosterThatTakesTheReferencesNameIsRefused(@TempDir Path dir) throws IOException {
        Path servers = dir.resolve("servers.txt");
        Files.writeString(servers, "reference: python3 server.py --port {port} --dir {dir}\n");
        Path clients = dir.resolve("clients.txt");
        Files.writeString(clients, "alice: python3 client.py {host} {port} {file}\n");
        StringWriter err = new StringWriter();
        CommandLine commandLine = ConformanceMain.commandLine().setErr(new PrintWriter(err, true));
        int exit = commandLine.execute("interop", "--servers", servers.toString(), "--clients", clients.toString(),
                "--report", dir.resolve("out").toString());
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--servers: the name reference is kept for the bundled reference")
                .contains("see: java -jar xfer-conformance.jar interop --help");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    @Timeout(30)
    void isolationInContainersWantsAnImageForPlainCommands(@TempDir Path dir) throws IOException {
        Path servers = dir.resolve("servers.txt");
        Files.writeString(servers, "alice: python3 server.py --port {port} --dir {dir}\n");
        Path clients = dir.resolve("clients.txt");
        Files.writeString(clients, "bob: python3 client.py {host} {port} {file}\n");
        StringWriter err = new StringWriter();
        CommandLine commandLine = ConformanceMain.commandLine().setErr(new PrintWriter(err, true));
        int exit = commandLine.execute("interop", "--servers", servers.toString(), "--clients", clients.toString(),
                "--report", dir.resolve("out").toString(), "--isolate", "docker");
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--isolate docker: alice's command needs an image to run in");
        assertThat(dir.resolve("out")).doesNotExist();
    }
}
