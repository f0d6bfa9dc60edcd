package xferlab.cli;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;
import xferlab.client.ProgressListener;
import xferlab.client.UploadFailedException;
import xferlab.client.XferClient;
import xferlab.testing.TestFiles;

/**
 * The {@code server} command in a JVM of its own (it blocks until stopped, so it
 * cannot run in process). The child runs from the module's classes and picocli,
 * exactly as {@code java -jar xfer.jar} would, and is destroyed in {@code finally}.
 */
@Timeout(value = 60, unit = SECONDS)
class ServerProcessTest {
    private static final Pattern LISTENING = Pattern.compile("listening on [^ ]*:(\\d+),");

    @TempDir
    Path work;

    /** A started child server: its process, port, and standard error so far. */
    private static final class Child implements AutoCloseable {
        final Process process;
        final BlockingQueue<String> stderr = new LinkedBlockingQueue<>();
        final List<String> seen = new ArrayList<>();
        private final Thread pump;

        Child(Process process) {
            this.process = process;
            this.pump = new Thread(() -> {
                try (BufferedReader lines = new BufferedReader(
                        new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = lines.readLine()) != null) {
                        stderr.add(line);
                    }
                } catch (IOException e) {
                    // the process is gone
                }
            }, "server-stderr-pump");
            pump.setDaemon(true);
            pump.start();
        }

        /** The port from the "listening on" line, or -1 if the process ended first. */
        int awaitPort(Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                String line = stderr.poll(100, TimeUnit.MILLISECONDS);
                if (line != null) {
                    seen.add(line);
                    Matcher listening = LISTENING.matcher(line);
                    if (listening.find()) {
                        return Integer.parseInt(listening.group(1));
                    }
                } else if (!process.isAlive() && stderr.isEmpty()) {
                    return -1;
                }
            }
            throw new AssertionError("server did not report its port within " + timeout + "; stderr: " + seen);
        }

        /** Waits for a log line containing {@code fragment}: the server logs a connection after closing it. */
        void awaitLine(String fragment, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (seen.stream().noneMatch(line -> line.contains(fragment))) {
                long left = deadline - System.nanoTime();
                String line = stderr.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
                if (line == null) {
                    throw new AssertionError("no log line with \"" + fragment + "\" within " + timeout
                            + "; stderr: " + seen);
                }
                seen.add(line);
            }
        }

        String stderrSoFar() {
            stderr.drainTo(seen);
            return String.join("\n", seen);
        }

        @Override
        public void close() {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
                pump.join(5_000);
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String classpath() throws URISyntaxException {
        return Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                + java.io.File.pathSeparator
                + Path.of(CommandLine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private Child startServer(Map<String, String> environment, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath(), Main.class.getName(), "server", "--port", "0",
                "--dir", work.resolve("store").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().keySet().removeIf(key -> key.equals("LANG") || key.startsWith("LC_"));
        builder.environment().putAll(environment);
        return new Child(builder.start());
    }

    @Test
    @DisplayName("XFER-LIVE-01: the server command serves uploads, applies --max-size, and stops when told to")
    void serverCommandServes() throws Exception {
        Path source = TestFiles.randomFile(work.resolve("source").resolve("report.txt"), 2000, 1);
        Child child = startServer(Map.of("LANG", "C.UTF-8"), "--max-size", "5000", "--idle-timeout", "5");
        try (child) {
            int port = child.awaitPort(Duration.ofSeconds(20));
            assertThat(port).as(child.stderrSoFar()).isPositive();
            XferClient client = new XferClient("127.0.0.1", port, Duration.ofSeconds(10));
            assertThat(client.upload(source, "report.txt", ProgressListener.NONE).digest())
                    .isEqualTo(TestFiles.sha256(source));
            Path big = TestFiles.randomFile(work.resolve("source").resolve("big.bin"), 5001, 2);
            try {
                client.upload(big, "big.bin", ProgressListener.NONE);
                throw new AssertionError("a file above --max-size was accepted");
            } catch (UploadFailedException e) {
                assertThat(e.getMessage()).contains("ERROR 413");
            }
            child.awaitLine("stored \"report.txt\", 2000 octets", Duration.ofSeconds(10));
            child.awaitLine("refused: ERROR 413", Duration.ofSeconds(10));
        }
        assertThat(child.process.isAlive()).as("stopped by SIGTERM").isFalse();
        assertThat(work.resolve("store").resolve("report.txt")).hasSameBinaryContentAs(source);
    }

    @Test
    @DisplayName("XFER-NAME-01: under a non-UTF-8 locale (LANG=C) the server stores a non-ASCII name, or refuses to start")
    void nonAsciiNameUnderPosixLocale() throws Exception {
        // Java 17 maps file names through the locale's charset: under LANG=C it cannot
        // represent "é" in a path. The server must then either store the name anyway or
        // refuse to start with a message that says why; dropping the connection after
        // READY, with no reply, is neither.
        Path source = TestFiles.randomFile(work.resolve("source").resolve("payload"), 300, 3);
        try (Child child = startServer(Map.of("LANG", "C", "LC_ALL", "C"), "--idle-timeout", "5")) {
            int port = child.awaitPort(Duration.ofSeconds(20));
            if (port == -1) {
                assertThat(child.process.exitValue()).isNotZero();
                assertThat(child.stderrSoFar()).contains("UTF-8");
                return;
            }
            XferClient client = new XferClient("127.0.0.1", port, Duration.ofSeconds(10));
            try {
                client.upload(source, "résumé.pdf", ProgressListener.NONE);
            } catch (UploadFailedException e) {
                try {
                    child.awaitLine(" ms)", Duration.ofSeconds(5)); // the connection's log line, for the message
                } catch (AssertionError none) {
                    // report what there is
                }
                throw new AssertionError("upload of \"résumé.pdf\" failed: " + e.getMessage()
                        + "\nserver log:\n" + child.stderrSoFar(), e);
            }
        }
        assertThat(Files.exists(work.resolve("store").resolve("résumé.pdf"))).isTrue();
    }
}
