package xferlab.conformance.target;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An implementation the suite starts itself, as {@code sh -c CMD}, in its storage
 * directory, after replacing {@code {port}}, {@code {dir}} and {@code {idle}}.
 * Stopping it stops the whole process tree the command started: a shell's children
 * included, so nothing is left listening after a run.
 */
public final class LaunchedTarget extends LocalTarget {
    private final String template;
    private final Duration idleTimeout;
    private final Duration startTimeout;
    private final Path output;
    private Process process;

    /**
     * @param template     the command, with placeholders
     * @param storage      the storage directory, also the working directory
     * @param port         the port it must listen on
     * @param output       a file that receives its standard output and error
     */
    public LaunchedTarget(String template, Path storage, int port, Duration idleTimeout,
                          Duration startTimeout, Path output) {
        super(storage, port);
        this.template = template;
        this.idleTimeout = idleTimeout;
        this.startTimeout = startTimeout;
        this.output = output;
    }

    /** The command with its placeholders replaced. */
    public String command() {
        return template.replace("{port}", String.valueOf(port))
                .replace("{dir}", ShellWords.quote(storage.toString()))
                .replace("{idle}", String.valueOf(idleTimeout.toSeconds()));
    }

    @Override
    public void start() throws LaunchException {
        try {
            Files.createDirectories(storage);
            process = new ProcessBuilder("sh", "-c", command())
                    .directory(storage.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
        } catch (IOException e) {
            throw new LaunchException(LaunchException.Kind.CANNOT_START,
                    "cannot run sh -c '" + command() + "': " + e.getMessage());
        }
        boolean accepting;
        try {
            accepting = Ports.awaitAccepting(address(), startTimeout, process::isAlive);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new LaunchException(LaunchException.Kind.CANNOT_START, "interrupted while waiting for the port");
        }
        if (accepting) {
            return;
        }
        if (!process.isAlive()) {
            throw new LaunchException(LaunchException.Kind.CANNOT_START,
                    "the command exited with status " + process.exitValue()
                            + " before it accepted a connection on port " + port + lastOutput());
        }
        close();
        throw new LaunchException(LaunchException.Kind.NEVER_ACCEPTED,
                "the command runs but accepted no connection on 127.0.0.1:" + port + " within "
                        + startTimeout.toSeconds() + " s (does it listen on {port}?)" + lastOutput());
    }

    private String lastOutput() {
        String tail = outputTail();
        return tail.isBlank() ? "; it printed nothing" : "; it printed:\n" + tail.indent(4).stripTrailing();
    }

    @Override
    public String outputTail() {
        try {
            byte[] all = Files.readAllBytes(output);
            int from = Math.max(0, all.length - 2000);
            return new String(all, from, all.length - from, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    @Override
    public void kill() {
        stopTree(false);
    }

    @Override
    public String description() {
        return "sh -c '" + command() + "'";
    }

    @Override
    public void close() {
        stopTree(true);
    }

    /**
     * Stops the process and all its descendants. The descendants are listed first:
     * once the shell is gone its children are re-parented and no longer ours to find.
     */
    private void stopTree(boolean gently) {
        if (process == null) {
            return;
        }
        List<ProcessHandle> tree = new java.util.ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        if (gently) {
            tree.forEach(ProcessHandle::destroy);
            waitFor(tree, Duration.ofSeconds(3));
        }
        tree.forEach(ProcessHandle::destroyForcibly);
        waitFor(tree, Duration.ofSeconds(5));
        process = null;
    }

    private static void waitFor(List<ProcessHandle> tree, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (ProcessHandle handle : tree) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            try {
                handle.onExit().get(left, TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                // still running, or already gone: the forcible pass handles it
            }
        }
    }
}
