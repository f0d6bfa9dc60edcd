package xferlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the packaged {@code xfer.jar} the way the README does: a server process and
 * client processes, talking over loopback.
 */
@Timeout(120)
class XferJarIT {
    private static final Path JAR = Path.of("target/xfer.jar");
    private static final Pattern LISTENING = Pattern.compile("listening on [^ ]+:(\\d+),");

    @TempDir
    Path temp;

    private Process server;
    private final BlockingQueue<String> serverLines = new LinkedBlockingQueue<>();
    private int port;

    @BeforeEach
    void startServer() throws Exception {
        assertThat(JAR).as("run after mvn package").exists();
        server = new ProcessBuilder(java(), "-jar", JAR.toString(), "server",
                "--port", "0", "--dir", temp.resolve("storage").toString(), "--idle-timeout", "5")
                .redirectErrorStream(true)
                .start();
        Thread pump = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    serverLines.add(line);
                }
            } catch (IOException e) {
                // the server ended
            }
        });
        pump.setDaemon(true);
        pump.start();
        String first = serverLines.poll(30, TimeUnit.SECONDS);
        assertThat(first).as("the server's first line").isNotNull();
        Matcher matcher = LISTENING.matcher(first);
        assertThat(matcher.find()).as(first).isTrue();
        port = Integer.parseInt(matcher.group(1));
    }

    @AfterEach
    void stopServer() throws InterruptedException {
        server.destroy();
        if (!server.waitFor(10, TimeUnit.SECONDS)) {
            server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aClientProcessUploadsToAServerProcess() throws Exception {
        Path file = temp.resolve("data.bin");
        byte[] content = new byte[3 * 1024 * 1024 + 7];
        new Random(42).nextBytes(content);
        Files.write(file, content);

        Result result = run("client", "127.0.0.1", String.valueOf(port), file.toString());

        assertThat(result.status()).as(result.output()).isZero();
        assertThat(result.output()).contains("stored data.bin (3145735 octets), sha256 ");
        assertThat(temp.resolve("storage/data.bin")).hasBinaryContent(content);
        assertThat(lineWith("stored \"data.bin\"")).as("the server logs the stored file").isNotNull();
    }

    /** The next server line that contains {@code text}, skipping the state transitions logged before it; null after 10 s. */
    private String lineWith(String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            String line = serverLines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line != null && line.contains(text)) {
                return line;
            }
        }
        return null;
    }

    @Test
    void aRefusedUploadExitsWithStatusOneAndPrintsTheServersText() throws Exception {
        Path file = temp.resolve("big.bin");
        Files.write(file, new byte[10]);
        server.destroy();
        server.waitFor(10, TimeUnit.SECONDS);
        serverLines.clear();
        // restart with a tiny limit
        server = new ProcessBuilder(java(), "-jar", JAR.toString(), "server", "--port", String.valueOf(port),
                "--dir", temp.resolve("storage").toString(), "--max-size", "5")
                .redirectErrorStream(true).start();
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(lines.readLine()).contains("listening");
            Result result = run("client", "127.0.0.1", String.valueOf(port), file.toString());

            assertThat(result.status()).isEqualTo(1);
            assertThat(result.output()).contains("ERROR 413 size is above the limit of 5 octets");
            assertThat(temp.resolve("storage/big.bin")).doesNotExist();
        }
    }

    @Test
    void theServerStopsOnSigtermAndLeavesNoTemporaryFile() throws Exception {
        server.destroy(); // SIGTERM: the shutdown hook closes the server
        assertThat(server.waitFor(10, TimeUnit.SECONDS)).isTrue();
        try (var leftovers = Files.list(temp.resolve(".storage.xfer-tmp"))) {
            assertThat(leftovers).isEmpty();
        }
    }

    @Test
    void theDemoRunsAnUploadEndToEnd() throws Exception {
        Result result = run("demo");

        assertThat(result.status()).as(result.output()).isZero();
        assertThat(result.output()).contains("the stored copy equals the original");
    }

    @Test
    void everyCommandHasHelp() throws Exception {
        for (String command : List.of("server", "client", "demo")) {
            Result result = run(command, "--help");
            assertThat(result.status()).isZero();
            assertThat(result.output()).contains("Usage: xfer " + command);
        }
        assertThat(run("client", "--help").output()).contains("Exit status:", "4   timeout");
    }

    private record Result(int status, String output) {
    }

    private Result run(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(java(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Path output = Files.createTempFile(temp, "output", ".txt");
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("xfer " + String.join(" ", args) + " did not end in 60 s");
        }
        return new Result(process.exitValue(), Files.readString(output));
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
