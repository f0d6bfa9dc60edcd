package xferlab.conformance.target;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A client the suite starts for each case, as {@code sh -c CMD}, after replacing
 * {@code {host}}, {@code {port}}, {@code {file}} and {@code {timeout}}. A client that
 * outlives its bound is killed with its whole process tree.
 */
public final class LaunchedClientTarget implements ClientTarget {
    private final String template;
    private final Path work;

    /** @param work a directory for the client's captured output */
    public LaunchedClientTarget(String template, Path work) {
        this.template = template;
        this.work = work;
    }

    /** The command with its placeholders replaced. */
    public String command(String host, int port, Path file, Duration timeout) {
        return template.replace("{host}", ShellWords.quote(host))
                .replace("{port}", String.valueOf(port))
                .replace("{file}", ShellWords.quote(file.toString()))
                .replace("{timeout}", String.valueOf(timeout.toSeconds()));
    }

    @Override
    public ClientRun run(String host, int port, Path file, Duration timeout, Duration bound) {
        long started = System.nanoTime();
        Path out;
        Path err;
        ProcessGroup group;
        try {
            Files.createDirectories(work);
            out = Files.createTempFile(work, "client-out-", ".txt");
            err = Files.createTempFile(work, "client-err-", ".txt");
            // The suite's working directory: a relative path in the command means what it says.
            group = ProcessGroup.start(new ProcessBuilder()
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))),
                    command(host, port, file, timeout));
        } catch (IOException e) {
            return new ClientRun(127, "", "cannot run sh -c: " + e.getMessage(), 0, false);
        }
        boolean ended;
        try {
            ended = group.process().waitFor(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ended = false;
        }
        // Whatever the client left running (a hung client, or a child it forgot) goes too.
        group.stop(Duration.ZERO);
        long millis = (System.nanoTime() - started) / 1_000_000;
        return new ClientRun(ended ? group.process().exitValue() : -1, read(out), read(err), millis, !ended);
    }

    private static String read(Path file) {
        try {
            byte[] all = Files.readAllBytes(file);
            Files.deleteIfExists(file);
            int from = Math.max(0, all.length - 4000);
            return new String(all, from, all.length - from, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public String description() {
        return "sh -c '" + template + "'";
    }
}
